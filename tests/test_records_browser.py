"""The real portal's card grids and record pages (no photographs) in Chromium: no
horizontal overflow at 320, 390 and 1280 px, screenshots, and no WCAG 2.1 A/AA
violation in each language, in normal and high contrast."""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS, ROOT
from portal import site
from test_browser import CHROMIUM, CHROMIUM_FLAGS, serve_site
from test_photo_demo import horizontal_overflow

pytestmark = pytest.mark.browser

PORTAL = site.load_site(ROOT / "mkdocs.yml")
PAGES = {"festivals": "festivals/", "products": "products/", "land": "land/",
         "product-record": "products/tom-kho/",
         "place-record": "land/vuon-quoc-gia-mui-ca-mau/"}
SCREENSHOTS = ("festivals", "products", "land", "product-record")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    origin, httpd = serve_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("records-served") / "site")
    yield origin
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_grids_and_record_pages_fit_and_are_photographed(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 844})
    tab = context.new_page()
    overflowing = []
    try:
        for code in PORTAL.codes:
            for name, path in PAGES.items():
                tab.goto(server + PORTAL.language(code).link + path, wait_until="load")
                if "record" not in name:
                    assert tab.locator(".portal-card").count() > 0, path
                overflowing += [f"{code} {path}: {problem}" for problem in horizontal_overflow(tab)]
                if width != 320 and name in SCREENSHOTS:
                    ARTIFACTS.mkdir(parents=True, exist_ok=True)
                    tab.screenshot(path=str(ARTIFACTS / f"records-{name}-{code}-{width}.png"), full_page=True)
    finally:
        context.close()
    assert not overflowing, overflowing


@pytest.mark.parametrize("contrast", ["normal", "high"])
def test_no_wcag_aa_violations_on_grids_and_record_pages(browser, server, contrast):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    # axe is injected through the DevTools protocol; bypass_csp lets it run its own code.
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    if contrast == "high":
        context.add_init_script("localStorage.setItem('portal.contrast', 'high')")
    tab = context.new_page()
    failures = []
    try:
        for code in PORTAL.codes:
            for path in ("festivals/", "land/", "products/tom-kho/"):
                tab.goto(server + PORTAL.language(code).link + path, wait_until="load")
                results = axe.run(tab, options={"runOnly": {"type": "tag", "values": [
                    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]})
                for violation in results.response["violations"]:
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    failures.append(f"{code} {path}: {violation['id']} {violation['help']} — {targets}")
    finally:
        context.close()
    assert not failures, "\n".join(failures)
