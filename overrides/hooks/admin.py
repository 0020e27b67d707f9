"""The web editor at /admin/ (portal.admin_bundle, portal.cms_config): written after the
pages, in builds and in `make serve`; its own CSP rule appended to _headers. Thin."""

import logging

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from portal import admin_bundle, cms_config, site

log = logging.getLogger("mkdocs.plugins.portal.admin")
_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


@event_priority(-400)  # after publish (-300) has written _headers and compressed the pages
def on_post_build(config):
    if config.plugins["i18n"].building:
        return
    from pathlib import Path

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
    log.info(f"admin: the editor is at /{folder.name}/")
