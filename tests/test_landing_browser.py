"""The home page and the site frame in Debian's headless Chromium: nothing wider than a
320 px phone, the header's controls on screen, figures in the page's language, cards
that are plain links, the site-wide notice dismissible; screenshots as test artefacts."""

from __future__ import annotations

import textwrap
from urllib.parse import urlsplit

import pytest

from conftest import ARTIFACTS, ROOT, write_site
from portal import site
from test_browser import CHROMIUM, CHROMIUM_FLAGS, serve_site
from test_landing import INDICATORS, PAGES, SETTINGS, expected_figure, province

pytestmark = pytest.mark.browser

PORTAL = site.load_site(ROOT / "mkdocs.yml")
WIDTHS = (320, 390, 1280)
LANDINGS = ["", *[section.slug + "/" for section in PORTAL.sections]]
SCREENSHOT_PAGES = {"home": "", "festivals": "festivals/", "products": "products/", "invest": "invest/"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    origin, httpd = serve_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("landing") / "site")
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


def url(server, code, path=""):
    return server + PORTAL.language(code).link + path


OVERFLOWING = """() => [...document.querySelectorAll('body *')].filter(element => {
    if (element.closest('.md-typeset__scrollwrap, .md-search, [hidden]')) return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.right > window.innerWidth + 0.5;
  }).slice(0, 5).map(element => element.tagName.toLowerCase() + '.' + element.className)"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("code", PORTAL.codes)
def test_no_horizontal_scrolling_on_home_and_section_landings(browser, server, code, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    failures = []
    try:
        for path in LANDINGS:
            tab.goto(url(server, code, path), wait_until="load")
            scroll, inner = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if scroll > inner:
                failures.append(f"{path or 'home'}: {scroll} px wide in {inner} px ({tab.evaluate(OVERFLOWING)})")
    finally:
        context.close()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("code", PORTAL.codes)
def test_header_controls_fit_a_320_px_phone_at_the_largest_text_size(browser, server, code):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    context.add_init_script("localStorage.setItem('portal.text', '2')")
    tab = context.new_page()
    try:
        tab.goto(url(server, code), wait_until="load")
        assert tab.evaluate("document.documentElement.getAttribute('data-portal-text')") == "2"
        for selector in ('.md-header label[for="__drawer"]', ".md-header .portal-reader",
                         ".md-header .md-select", '.md-header label[for="__search"]'):
            box = tab.locator(selector).first.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 320, (selector, box)
        assert tab.evaluate("document.documentElement.scrollWidth") <= 320
        # The largest figure still fits its tile.
        tiles = tab.locator(".portal-tile").evaluate_all(
            "tiles => tiles.map(t => [t.scrollWidth, t.clientWidth])")
        assert tiles and all(scroll <= client for scroll, client in tiles), tiles
    finally:
        context.close()


@pytest.mark.parametrize("code", PORTAL.codes)
def test_tiles_show_the_indicators_formatted_for_the_page_language(browser, server, code):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    try:
        tab.goto(url(server, code), wait_until="load")
        shown = tab.locator(".portal-tile__figure").all_inner_texts()
        assert [" ".join(text.split()) for text in shown] == \
            [expected_figure(INDICATORS[name], code) for name in SETTINGS.figures]
        assert all(tab.locator(".portal-tile__source").nth(i).is_visible() for i in range(len(shown)))
    finally:
        context.close()


@pytest.mark.parametrize("code", PORTAL.codes)
def test_a_card_is_a_plain_link_to_its_section_in_the_same_language(browser, server, code):
    # JavaScript off: the card itself (not only its title) is the link.
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    tab = context.new_page()
    try:
        for index, section in enumerate(PORTAL.sections):
            tab.goto(url(server, code), wait_until="load")
            card = tab.locator(".portal-card").nth(index)
            card.scroll_into_view_if_needed()
            box = card.bounding_box()
            with tab.expect_navigation(wait_until="load", timeout=5000):
                tab.mouse.click(box["x"] + 8, box["y"] + box["height"] - 8)  # a corner, away from the title
            assert urlsplit(tab.url).path == PORTAL.language(code).link + section.slug + "/"
            assert tab.evaluate("document.documentElement.lang") == code
    finally:
        context.close()


@pytest.mark.parametrize("contrast", ["normal", "high"])
@pytest.mark.parametrize("code", PORTAL.codes)
def test_screenshots_of_the_landing_pages(browser, server, code, contrast):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((390, 844), (1280, 900)):
        context = browser.new_context(viewport={"width": width, "height": height})
        if contrast == "high":
            context.add_init_script("localStorage.setItem('portal.contrast', 'high')")
        tab = context.new_page()
        try:
            for name, path in SCREENSHOT_PAGES.items():
                if contrast == "high" and name != "home":
                    continue
                tab.goto(url(server, code, path), wait_until="load")
                tab.evaluate("document.fonts.ready.then(() => true)")
                target = ARTIFACTS / f"landing-{name}-{code}-{width}-{contrast}.png"
                tab.screenshot(path=str(target), full_page=True)
                assert target.stat().st_size > 10_000
        finally:
            context.close()


@pytest.fixture(scope="module")
def axe():
    module = pytest.importorskip("axe_playwright_python.sync_playwright")
    return module.Axe()


WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}


def violations(axe, tab, include=None):
    options = dict(WCAG)
    results = axe.run(tab, context=include, options=options) if include else axe.run(tab, options=options)
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]]


@pytest.mark.parametrize("contrast", ["normal", "high"])
@pytest.mark.parametrize("code", PORTAL.codes)
def test_home_components_have_no_wcag_aa_violations_on_a_desktop(browser, server, axe, code, contrast):
    # The phone layout of every page is checked by test_browser.py; the home's two-column
    # desktop layout here. bypass_csp lets axe inject its own script.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    if contrast == "high":
        context.add_init_script("localStorage.setItem('portal.contrast', 'high')")
    tab = context.new_page()
    try:
        tab.goto(url(server, code), wait_until="load")
        found = violations(axe, tab)
    finally:
        context.close()
    assert not found, "\n".join(found)


@pytest.fixture(scope="module")
def notice_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("notice")
    config = write_site(root, PAGES, extra_yaml=province(textwrap.dedent("""\
        notice:
          date: 2026-12-03
          text: {vi: Phà tạm ngừng do bão., en: The ferry is suspended because of the storm.}
        """)))
    text = config.read_text(encoding="utf-8").replace(
        "  font: false\n", "  font: false\n  features:\n    - announce.dismiss\n", 1)
    config.write_text(text, encoding="utf-8")
    origin, httpd = serve_site(config, root / "site")
    yield origin
    httpd.shutdown()
    httpd.server_close()


def test_notice_is_shown_accessible_and_stays_dismissed(browser, notice_server, axe):
    context = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    tab = context.new_page()
    try:
        tab.goto(notice_server + "/en/", wait_until="load")
        banner = tab.locator("[data-md-component=announce]")
        assert banner.is_visible() and "The ferry is suspended" in banner.inner_text()
        assert tab.evaluate("document.documentElement.scrollWidth") <= 320
        assert not violations(axe, tab, include="[data-md-component=announce]")
        tab.screenshot(path=str(ARTIFACTS / "landing-notice-en-320.png"))
        tab.locator(".md-banner__button").click()
        assert not banner.is_visible()
        tab.goto(notice_server + "/en/travel/", wait_until="load")
        assert not tab.locator("[data-md-component=announce]").is_visible()
    finally:
        context.close()


def test_reader_controls_take_no_room_until_their_script_places_them(browser, server):
    # Shown under the header before reader.js moved them, they pushed every page down and
    # back up (Lighthouse counted a layout shift of the whole page). Without JavaScript
    # they must stay hidden.
    context = browser.new_context(viewport={"width": 412, "height": 823}, java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(url(server, "vi"), wait_until="load")
        assert not tab.locator(".portal-reader").is_visible()
    finally:
        context.close()
