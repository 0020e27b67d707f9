"""Render the translation-status page (a page whose text holds <!-- translation-status -->)
from the same report as scripts/check_translations.py."""

from pathlib import Path

from mkdocs.utils import get_relative_url

from portal import content_checks, freshness, preview, site
from portal.dates import format_for_reader
from portal.page_i18n import BUILD
from portal.translation_page import MARKER, reviews_html, status_html
from portal.ui_strings import translator


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown or BUILD.report is None:
        return markdown
    preview.shows_other_pages(page, config)
    reader = config.theme["language"]
    texts = translator(config)

    root = site.language_prefixes(config)[reader]

    def relative(url):
        return get_relative_url(root + url, page.url)

    return markdown.replace(MARKER, status_html(BUILD.report, reader, texts, relative)
                            + _reviews(config, reader, texts))


_REVIEWS: dict = {}


def _reviews(config, reader, texts) -> str:
    """The editors' list of time-sensitive statements (the same as make check's), found
    once per whole build (the report is renewed once per build)."""
    key = id(BUILD.report)
    if key not in _REVIEWS:
        _REVIEWS.clear()
        _REVIEWS[key] = _find_reviews(config)
    locales = config.extra.get("locales")
    return reviews_html(_REVIEWS[key], freshness.build_today(), reader, texts,
                        lambda value: format_for_reader(value, reader, locales))


def _find_reviews(config):
    languages = site.site_languages(config)
    root = Path(config.config_file_path).parent
    checked = (config.extra.get("province") or {}).get("official_portal_checked") or {}
    config_reviews = [{"what": f"official_portal {config.extra['province'].get('official_portal')}",
                       **{key: str(checked.get(key, "")) for key in ("as_of", "review")}}] if checked else []
    return content_checks.collect_reviews(
        Path(config.docs_dir), root / "content", [language.code for language in languages],
        languages[0].code, config_reviews, root=root)
