"""The web editor at /admin/: self-hosted from the pinned npm packages, no other origin."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from urllib.parse import urlsplit

import pytest

from conftest import ARTIFACTS, ROOT, build_or_fail
from portal import admin_bundle
from portal.hosting import parse_headers_file
from test_browser import browser  # noqa: F401 (the shared Chromium fixture)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    return admin_bundle.build(tmp_path_factory.mktemp("admin") / "bundle")


def test_bundle_is_the_pinned_version_with_local_fonts_and_texts(bundle):
    lock = json.loads((ROOT / "admin" / "package-lock.json").read_text(encoding="utf-8"))
    manifest = json.loads((ROOT / "admin" / "package.json").read_text(encoding="utf-8"))
    # Exact versions only: a range would let npm ci and the lock disagree on a new machine.
    assert all(version[0].isdigit() for version in manifest["dependencies"].values())
    assert bundle.version == lock["packages"]["node_modules/@sveltia/cms"]["version"]
    script = (bundle.folder / admin_bundle.SCRIPT).read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net" not in script
    assert admin_bundle.remote_urls(script) == []
    assert len(bundle.fonts) == 3
    for name in bundle.fonts:
        assert f"url(fonts/{name})" in script
        assert (bundle.folder / "fonts" / name).read_bytes()[:4] == b"wOF2"
    assert (bundle.folder / "locales" / "vi.json").is_file()
    assert "unpkg.com/@sveltia/cms@" not in script.split("/locales")[0][-200:]
    assert "sourceMappingURL" not in script[-200:]


def test_a_stylesheet_url_to_another_origin_is_found():
    found = admin_bundle.remote_urls("a{background:url(https://fonts.example.org/x.woff2)} "
                                     "@import '//cdn.example.com/a.css'; b{src:url(fonts/ok.woff2)}")
    assert found == ["@import '//cdn.example.com/a.css", "url(https://fonts.example.org/x.woff2"]


def test_a_font_version_other_than_the_pinned_one_stops_the_build():
    script = ("src:url(https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@9.9.9/"
              "latin-400-normal.woff2)")
    with pytest.raises(admin_bundle.AdminBuildError, match=r"@fontsource/noto-mono@9\.9\.9"):
        admin_bundle.localise_fonts(script)


def test_a_moved_startup_fetch_stops_the_build():
    with pytest.raises(admin_bundle.AdminBuildError, match="interface texts URL was found 0 times"):
        admin_bundle.serve_startup_files_locally("nothing to rewrite here")


def test_built_site_serves_the_editor_outside_sitemaps_and_search(portal_site):
    admin = portal_site / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<script src="sveltia-cms.js"></script>' in page
    assert 'rel="cms-config-url"' in page and "noindex" in page
    assert (admin / "config.yml").is_file() and (admin / "sveltia-cms.js.br").is_file()
    for sitemap in portal_site.rglob("sitemap*.xml"):
        assert "/admin" not in sitemap.read_text(encoding="utf-8"), sitemap
    for index in portal_site.rglob("search_index.json"):
        assert "admin/" not in json.dumps(
            [doc["location"] for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]]), index
    rules = parse_headers_file((portal_site / "_headers").read_text(encoding="utf-8"))
    site_policy, admin_policy = rules["/*"]["Content-Security-Policy"], rules["/admin/*"]["Content-Security-Policy"]
    assert "unsafe-inline" not in site_policy  # the rest of the site keeps its strict policy
    assert "style-src 'self' 'unsafe-inline'" in admin_policy
    assert "'wasm-unsafe-eval'" in admin_policy and "script-src 'self' 'wasm-unsafe-eval';" in admin_policy


class PathHeadersHandler(http.server.SimpleHTTPRequestHandler):
    """Sends each path the headers its _headers rule gives (/admin/* replaces /*)."""

    rules: dict = {}

    def end_headers(self):
        rule = self.rules["/admin/*"] if self.path.startswith("/admin/") else self.rules["/*"]
        for name, value in rule.items():
            if not name.startswith("!"):
                self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def admin_server(tmp_path_factory):
    site_dir = tmp_path_factory.mktemp("admin-served") / "site"
    handler_class = type("AdminHandler", (PathHeadersHandler,), {})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler_class, directory=str(site_dir)))
    origin = f"http://127.0.0.1:{httpd.server_address[1]}"
    build_or_fail(ROOT / "mkdocs.yml", site_dir, site_url=origin + "/")
    handler_class.rules = parse_headers_file((site_dir / "_headers").read_text(encoding="utf-8"))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield origin
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 390, 1280])
def test_editor_opens_in_vietnamese_without_leaving_the_origin(browser, admin_server, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="vi-VN")
    tab = context.new_page()
    attempted, violations = [], []
    # Every request the page tries, CSP-blocked or not, is seen here; none may leave.
    context.route("**/*", lambda route: (attempted.append(route.request.url), route.continue_()
                                         if route.request.url.startswith(admin_server + "/") else route.abort()))
    tab.on("console", lambda message: violations.append(message.text)
           if "Content Security Policy" in message.text else None)
    tab.goto(admin_server + "/admin/", wait_until="domcontentloaded")
    button = tab.get_by_role("button", name="Làm việc với kho mã nguồn cục bộ")
    button.wait_for(timeout=20000)
    tab.evaluate("document.fonts.ready.then(() => true)")
    tab.wait_for_timeout(500)  # the page fades in
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"admin-login-{width}.png"))
    foreign = [url for url in attempted if urlsplit(url).scheme not in ("data", "blob")
               and not url.startswith(admin_server + "/")]
    assert foreign == [], f"the editor tried other origins: {foreign}"
    assert violations == []
    assert any(url.endswith("/admin/fonts/source-sans-3-latin-wght-normal.woff2") for url in attempted)
    assert any(url.endswith("/admin/locales/vi.json") for url in attempted)
    context.close()



def test_make_serve_serves_the_editor_too():
    """`make serve` / `make edit` (mkdocs serve): the editor is at /admin/ there as well."""
    import os
    import subprocess
    import sys
    import time
    import urllib.request

    from conftest import free_port

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--no-livereload",
                               "--dev-addr", f"127.0.0.1:{port}"], cwd=ROOT,
                              env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240
        page = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/", timeout=5).read().decode()
                break
            except OSError:
                time.sleep(1)
        assert page is not None, server.stderr.read().decode()[-3000:] if server.poll() is not None else "timeout"
        assert '<script src="sveltia-cms.js"></script>' in page
        config = urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/config.yml", timeout=5).read().decode()
        assert "omit_default_locale_from_file_path: true" in config
    finally:
        server.terminate()
        server.wait(timeout=30)
