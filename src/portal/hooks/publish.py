"""Last step of a build: security headers (_headers, with a CSP matching the pages'
inline scripts) and pre-compressed .gz/.br copies of text files. Thin over portal.hosting."""

import logging

from mkdocs.plugins import event_priority

from portal import hosting

log = logging.getLogger("mkdocs.plugins.portal.publish")
_serving = False


def on_startup(command, dirty):
    # A preview is never published: skip the compression (seconds on a large site).
    global _serving
    _serving = command == "serve"


@event_priority(-300)  # after every other hook has written its files
def on_post_build(config):
    if config.plugins["i18n"].building or _serving:
        return
    from pathlib import Path

    site_dir = Path(config.site_dir)
    hosting.write_hosting_files(site_dir)
    count, saved = hosting.compress_tree(site_dir)
    log.info(f"publish: {count} text files pre-compressed (.gz, .br), brotli saves {saved / 1e6:.1f} MB")
