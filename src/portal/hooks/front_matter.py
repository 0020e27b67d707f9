"""Warn (and so fail a --strict build) when a page lacks its title or description."""

import logging
from pathlib import Path

from portal.frontmatter import check_page_front_matter

log = logging.getLogger("mkdocs.plugins.portal.front_matter")


def on_page_markdown(markdown, page, config, files):
    # static-i18n runs this once per language; a fallback page is the source file again,
    # so report each file only in the pass of its own language.
    if getattr(page.file, "locale", None) not in (None, config.theme["language"]):
        return markdown
    path = Path(config.docs_dir).name + "/" + page.file.src_uri
    for problem in check_page_front_matter(page.file.content_string, path):
        log.warning(str(problem))
    return markdown
