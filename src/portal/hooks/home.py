"""The home page of each language (portal/theme/home.html), thin over portal.home: hands the
template what MkDocs knows (navigation, pages, photos) as ``portal_home``."""

import logging
from pathlib import Path

from mkdocs.utils import get_relative_url

from portal import data_content as data
from portal import festival_dates, home, image_pipeline, news, photos, site
from portal.records import kinds_for, url as record_url
from portal.ui_strings import translator

log = logging.getLogger("mkdocs.plugins.portal.home")
TEMPLATE = "home.html"
HERO_SIZES = "(min-width: 76.25em) 30rem, (min-width: 45em) 45vw, 100vw"
CARD_SIZES = "(min-width: 45em) 20rem, 100vw"


def _norm(file) -> str:
    return getattr(file, "norm_src_uri", file.src_uri)


def _anchors(toc) -> set[str]:
    found = set()
    for item in toc or []:
        found.add(item.id)
        found |= _anchors(item.children)
    return found


def _photo_lookup(config):
    settings = photos.image_settings(config.extra, Path(config.config_file_path).parent)
    return photos.load_records(settings.photos_dir), image_pipeline.renditions(settings)


def on_page_context(context, page, config, nav):
    if page.meta.get("template") != TEMPLATE:
        return context
    language = config.theme["language"]
    written_in = getattr(page.file, "locale", None) or language
    source = site.site_languages(config)[0].code
    locales = config.extra.get("locales")
    texts = translator(config)
    root = Path(config.config_file_path).parent
    content_dir = root / "content"
    where = f"{Path(config.docs_dir).name}/{page.file.src_uri}"

    def relative(url):
        return get_relative_url(url, page.url)

    pages = {_norm(other.file): other for other in nav.pages}
    page_urls = {norm: other.url for norm, other in pages.items()}
    anchors = {norm: _anchors(other.toc) for norm, other in pages.items()}
    records, manifest = _photo_lookup(config)

    def photo(photo_id, sizes, eager=False):
        if not photo_id:
            return None
        found = home.picture(records.get(str(photo_id)), manifest.get(str(photo_id)), written_in, source,
                             lambda name: relative("assets/photos/" + name), sizes, eager)
        if found is None:
            log.warning(f"{where}: photo '{photo_id}' is unknown, has no web versions or no alt text in "
                        f"'{written_in}' — see content/photos/{photo_id}.yml")
        return found

    try:
        settings = home.load_settings(content_dir)
        illustration = home.illustration(page.meta.get("illustration"), where)
        if illustration is not None:
            illustration = home.Illustration(relative(illustration.src), illustration.alt,
                                             illustration.width, illustration.height)
        hero = home.Hero(page.meta.get("title") or config.site_name,
                         str(page.meta.get("invitation") or page.meta.get("description") or ""),
                         photo(page.meta.get("photo"), HERO_SIZES, eager=True), illustration)
        model = home.HomePage(hero)
        try:
            model.tiles = home.tiles(data.load(content_dir, "indicators"), settings.figures, language, source,
                                     texts, locales)
        except data.UnknownIndicators as error:
            raise home.HomeDataError(f"content/{home.SETTINGS_FILE}: 'figures' names unknown indicators "
                                     f"({error.args[0]}) — use ids from content/indicators.yml") from None
        for section in site.site_sections(config, site.site_languages(config)):
            index = pages.get(section.index)
            if index is None:
                continue
            model.cards.append(home.Card(
                section.titles.get(language, section.slug), str(index.meta.get("description", "")),
                relative(index.url), home.icon_svg(settings.icons.get(section.slug, home.DEFAULT_ICON)),
                photo(index.meta.get("photo"), CARD_SIZES)))
        festival_kind = kinds_for(Path(config.docs_dir))["festivals"]
        festivals_index = pages.get(festival_kind.folder + "index.md")
        if festivals_index is not None and settings.festivals:
            prefix = site.language_prefixes(config)[language]
            model.festivals = home.festival_cards(
                data.load(content_dir, "festivals"), festival_dates.build_today(root), settings.festivals, language,
                source, lambda festival: relative(prefix + record_url(festival_kind, festival)), locales)
            model.festivals_url = relative(festivals_index.url)
        news_index = pages.get(news.SECTION + "index.md")
        if news_index is not None and settings.news:
            posts = [{"title": post.title, "description": str(post.meta.get("description", "")),
                      "url": relative(post.url), "date": post.meta["date"],
                      "picture": photo(post.meta.get("photo"), CARD_SIZES)}
                     for norm, post in pages.items()
                     if news.is_post(norm) and post.meta.get("date")
                     and getattr(post.file, "locale", language) == language]
            model.news = home.news_cards(posts, settings.news, language, locales)
            model.news_url = relative(news_index.url)
        model.ways = home.ways(page.meta.get("ways"), page.url, page_urls, anchors, settings.icons,
                               get_relative_url, where)
    except home.HomeDataError as error:
        log.warning(str(error))
        return context
    context["portal_home"] = model
    return context
