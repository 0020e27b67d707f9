"""One search index per language, without fallback copies, with Khmer split into words.

Thin over portal.search_index. Material and mkdocs-static-i18n write one index for all
languages; once every language is built we split it, and each page's search points at
its own language's index.
"""

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from portal import search_index, site
from portal.page_i18n import BUILD
from portal.ui_strings import theme_strings


def on_post_page(output, page, config):
    root = site.language_prefixes(config)[config.theme["language"]] or "."
    return search_index.rewrite_page_config(output, get_relative_url(root, page.url))


@event_priority(-200)  # after mkdocs-static-i18n has built every language and merged the index
def on_post_build(config):
    if config.plugins["i18n"].building:
        return
    index_file = Path(config.site_dir) / "search" / "search_index.json"
    if not index_file.is_file():
        return
    merged = json.loads(index_file.read_text(encoding="utf-8"))
    custom_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    pipelines = (config.extra.get("search") or {}).get("pipeline") or {}
    prefixes = site.language_prefixes(config)
    source = site.site_languages(config)[0].code  # the default language may have its own prefix
    try:
        glossary = search_index.load_glossary(Path(config.config_file_path).parent / "content" / "glossary.yml")
    except search_index.GlossaryError as error:
        raise PluginError(str(error)) from None
    configs = {
        code: search_index.search_config(theme_strings(code, custom_dir), merged.get("config", {}),
                                         pipelines.get(code),
                                         search_index.portal_search_config(glossary, code, source))
        for code in prefixes
    }
    fallback_urls = {page.url for page in BUILD.pages.values() if page.fallback}
    for code, index in search_index.split_index(merged, prefixes, fallback_urls, configs).items():
        target = Path(config.site_dir) / prefixes[code] / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
