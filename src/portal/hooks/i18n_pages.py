"""Tell real translations from fallback copies, and show it: notices, lang, hreflang, noindex.

Thin over portal.page_i18n and portal.notices; the translation status comes from
portal.translations (the same report scripts/check_translations.py prints).
"""

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from portal import notices, page_i18n, site, translations
from portal.page_i18n import BUILD
from portal.ui_strings import load_portal_strings, province_theme_dir


def _default_language(config) -> str:
    return site.site_languages(config)[0].code


def on_pre_build(config):
    # mkdocs-static-i18n builds the default language first, then the others from inside
    # that build (plugin.building is True then): reset once per whole build.
    if not config.plugins["i18n"].building:
        BUILD.reset(translations.build_report(site.from_config(config)))


@event_priority(-110)  # after mkdocs-static-i18n has set up the language switcher
def on_page_context(context, page, config, nav):
    file = page.file
    if not hasattr(file, "alternates"):
        return context
    default = _default_language(config)
    info = page_i18n.describe(
        file.norm_src_uri, config.theme["language"], default, file.locale, file.url,
        {code: (alt.url, alt.locale) for code, alt in file.alternates.items()}, BUILD.report)
    BUILD.add(info)
    context["portal_page"] = info
    strings = load_portal_strings(province_theme_dir(config))
    found = notices.notice(info, default, strings, config.extra.get("locales"))
    if found:
        found["href"] = get_relative_url(found["original_url"], page.url)
        context["portal_notice"] = found
    if info.fallback and config.site_url:
        page.canonical_url = page_i18n.absolute(config.site_url, info.alternates[default])
    return context


def on_post_page(output, page, config):
    info = BUILD.pages.get((getattr(page.file, "norm_src_uri", None), config.theme["language"]))
    if info is None or not config.site_url:
        # A generated page (a news listing's page 2...) has no translations to link.
        return page_i18n.rewrite_head(output, [], noindex=False)
    links = page_i18n.alternate_links(info, _default_language(config), config.site_url)
    return page_i18n.rewrite_head(output, links, noindex=info.fallback)
