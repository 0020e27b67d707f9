"""A not-found page per language (404.html, en/404.html, ...), also during `mkdocs serve`.

Every language pass renders the theme's 404.html to the site root, each overwriting the
last; we keep each language's copy and write it under that language's folder.
"""

import threading
from copy import deepcopy
from pathlib import Path

from mkdocs.plugins import event_priority

from portal import search_index, site
from portal.page_i18n import BUILD

_request = threading.local()


def on_pre_template(template, template_name, config):
    # mkdocs-static-i18n leaves the language switcher of the last page built in the
    # config; a not-found page belongs to no page: its switcher leads to each language's home.
    homes = getattr(config.plugins["i18n"], "extra_alternate", None)
    if template_name == "404.html" and homes:
        config.extra["alternate"] = deepcopy(homes)
        config.extra.alternate = config.extra["alternate"]
    return template


def on_post_template(output, template_name, config):
    if template_name == "404.html":
        language = config.theme["language"]
        root = site.absolute_path(config, site.language_prefixes(config)[language])
        BUILD.not_found_pages[language] = search_index.rewrite_page_config(output, root)
    return output


@event_priority(-200)  # after mkdocs-static-i18n has built every language
def on_post_build(config):
    if config.plugins["i18n"].building:
        return
    for language, html in BUILD.not_found_pages.items():
        target = Path(config.site_dir) / site.language_prefixes(config)[language] / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")


def on_serve(server, config, builder):
    folders = [prefix for prefix in site.language_prefixes(config).values() if prefix]
    site_dir = config.site_dir
    default_handler = server.error_handler

    def error_handler(code):
        folder = getattr(_request, "folder", "")
        candidate = Path(site_dir) / folder / "404.html"
        if code == 404 and folder and candidate.is_file():
            return candidate.read_bytes()
        return default_handler(code)

    serve_request = server.serve_request

    def app(environ, start_response):
        path = environ.get("PATH_INFO", "").lstrip("/")
        _request.folder = next((folder for folder in folders if path.startswith(folder)), "")
        return serve_request(environ, start_response)

    server.error_handler = error_handler
    server.set_app(app)
    return server
