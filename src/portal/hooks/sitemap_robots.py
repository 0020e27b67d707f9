"""Per-language sitemaps of real pages only (with their translations), and robots.txt.

Replaces the sitemap mkdocs-static-i18n writes, which lists fallback copies too.
"""

from pathlib import Path

from mkdocs.plugins import event_priority

from portal import sitemap, site
from portal.page_i18n import BUILD


def on_config(config):
    # Ours replace the theme's sitemap.xml, which every language pass would render over
    # every page only to be overwritten.
    config.theme.static_templates.discard("sitemap.xml")
    return config


@event_priority(-200)  # after mkdocs-static-i18n has built every language
def on_post_build(config):
    if config.plugins["i18n"].building or not config.site_url:
        return
    languages = site.site_languages(config)
    out = Path(config.site_dir)
    sitemaps = []
    for language in languages:
        text = sitemap.sitemap_xml(BUILD.real_pages(language.code), languages[0].code, config.site_url)
        url = language.prefix + "sitemap.xml"
        (out / url).parent.mkdir(parents=True, exist_ok=True)
        (out / url).write_text(text, encoding="utf-8")
        (out / (url + ".gz")).write_bytes(sitemap.gzipped(text))
        sitemaps.append(url)
    (out / "robots.txt").write_text(sitemap.robots_txt(config.site_url, sitemaps), encoding="utf-8")
