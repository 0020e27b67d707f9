"""Web editing (issue 20): pages added in the web editor join their section's navigation
(portal.section_pages), and the editor is written to /admin/ after the pages
(portal.admin_bundle, portal.cms_config), in builds and in `make serve`, with its own
CSP rule appended to _headers. Thin."""

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from portal import admin_bundle, cms_config, section_pages, site

log = logging.getLogger("mkdocs.plugins.portal.web_editing")
_serving = False
_editor_config = None  # (the site, config.yml's text, its name), made before any language pass


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


@event_priority(100)  # before mkdocs-static-i18n and the other hooks read nav
def on_config(config):
    if config.nav:
        languages = site.site_languages(config)
        config.nav = section_pages.complete_nav(
            config.nav, Path(config.docs_dir), [lang.code for lang in languages],
            next(lang.code for lang in languages if lang.default))
    # Now, before mkdocs-static-i18n swaps in each language's site_name: the editor
    # speaks the source language.
    global _editor_config
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return config  # a language pass of mkdocs-static-i18n: keep the source language's
    described = site.from_config(config)
    _editor_config = (described, cms_config.config_yaml(described), config.site_name)
    return config


@event_priority(-400)  # after publish (-300) has written _headers and compressed the pages
def on_post_build(config):
    if config.plugins["i18n"].building:
        return
    described, config_text, site_name = _editor_config
    try:
        folder = admin_bundle.write_admin(Path(config.site_dir), described, config_text,
                                          site_name=site_name)
    except admin_bundle.AdminBuildError as error:
        raise PluginError(f"admin: {error}") from error
    headers = Path(config.site_dir) / "_headers"
    if not _serving and headers.is_file():
        policy = admin_bundle.content_security_policy(cms_config.backend())
        headers.write_text(headers.read_text(encoding="utf-8") + admin_bundle.headers_block(policy),
                           encoding="utf-8")
        from portal import hosting

        hosting.compress_tree(folder)
    log.info(f"web editing: the editor is at /{folder.name}/")
