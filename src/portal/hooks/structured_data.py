"""JSON-LD for search engines: the publishing government organisation and the site on
home pages, NewsArticle on news posts, TouristAttraction for the places of
content/places.yml (festivals get Event from data_pages.py)."""

import json
from pathlib import Path

from babel.core import get_global
from mkdocs.plugins import event_priority

from portal import data_content, news, records, site
from portal.page_i18n import BUILD, absolute


def og_locale(code: str) -> str:
    """Open Graph wants language_TERRITORY (vi_VN); CLDR's likely subtags supply it."""
    parts = get_global("likely_subtags").get(code, code).split("_")
    return f"{parts[0]}_{parts[-1]}" if len(parts) > 1 else code


def place_json_ld(place: dict, language: str, source: str, url: str) -> dict:
    data = {"@context": "https://schema.org", "@type": "TouristAttraction",
            "name": data_content.text(place, "name", language, source)[0],
            "description": data_content.text(place, "description", language, source)[0],
            "url": url, "inLanguage": language}
    if "latitude" in place and "longitude" in place:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": place["latitude"], "longitude": place["longitude"]}
    return data


def _script(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


@event_priority(-120)  # after i18n_pages.py has told real translations from fallbacks
def on_page_context(context, page, config, nav):
    if not config.site_url:
        return context
    language = config.theme["language"]
    source = site.site_languages(config)[0].code
    province = config.extra.get("province") or {}
    publisher = {"@type": "GovernmentOrganization",
                 "name": site.localized(province.get("publisher", {}), language, source),
                 "url": province.get("official_portal")}
    url = absolute(config.site_url, page.url)
    info = BUILD.pages.get((getattr(page.file, "norm_src_uri", None), language))
    alternates = [code for code in (info.alternates if info and not info.fallback else {}) if code != language]
    locales = config.extra.get("locales") or {}
    context["portal_og"] = {"locale": og_locale(locales.get(language, language)),
                            "alternates": [og_locale(locales.get(code, code)) for code in alternates]}
    items = context.setdefault("portal_json_ld", [])
    if nav.homepage is not None and page.url == nav.homepage.url:
        items.append(_script({"@context": "https://schema.org", "@type": "WebSite", "name": config.site_name,
                              "url": url, "inLanguage": language, "publisher": publisher}))
    norm = getattr(page.file, "norm_src_uri", page.file.src_uri)
    places = records.kinds_for(Path(config.docs_dir))["places"]
    for place in data_content.load(Path(config.config_file_path).parent / "content", "places"):
        # On the page describing it and on its own record page (portal.records).
        if norm in (place.get("page"), records.norm_path(places, place)):
            items.append(_script(place_json_ld(place, language, source, url)))
    if news.is_post(norm) and page.meta.get("date") and getattr(page.file, "locale", language) == language:
        items.append(_script({
            "@context": "https://schema.org", "@type": "NewsArticle",
            "headline": page.meta.get("title") or page.title, "description": page.meta.get("description", ""),
            "datePublished": news.parse_date(page.meta["date"]).isoformat(), "inLanguage": language,
            "mainEntityOfPage": url, "publisher": publisher, "author": publisher,
        }))
    return context
