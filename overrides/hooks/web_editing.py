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
    return config


@event_priority(-400)  # after publish (-300) has written _headers and compressed the pages
def on_post_build(config):
    if config.plugins["i18n"].building:
        return
    # Loaded afresh: after the other languages' builds, config holds the last one's
    # site_name; the editor speaks the source language.
    described = site.load_site(config.config_file_path)
    try:
        folder = admin_bundle.write_admin(Path(config.site_dir), described, cms_config.config_yaml(described))
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
