"""Render the translation-status page (a page whose text holds <!-- translation-status -->)
from the same report as scripts/check_translations.py."""

from mkdocs.utils import get_relative_url

from portal import preview, site
from portal.page_i18n import BUILD
from portal.translation_page import MARKER, status_html
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

    return markdown.replace(MARKER, status_html(BUILD.report, reader, texts, relative))
