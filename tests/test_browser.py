"""What a reader sees, checked in Debian's headless Chromium driven by Playwright."""

from __future__ import annotations

import functools
import re
import http.server
import threading
from urllib.parse import urlsplit

import pytest

from conftest import ARTIFACTS, ROOT, build_or_fail
from portal import site
from portal.hosting import parse_headers_file

pytestmark = pytest.mark.browser

PORTAL = site.load_site(ROOT / "mkdocs.yml")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]
PHONE = {"width": 390, "height": 844}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site with the headers its _headers file asks hosts to send."""

    site_headers: dict[str, str] = {}

    def end_headers(self):
        for name, value in self.site_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


def serve_site(config_file, site_dir):
    """Build the site for the address it will be served at, then serve it on loopback.

    The port is taken first so that site_url (absolute hreflang links, sitemaps) names
    the very origin the browser reads: nothing may leave that origin."""
    headers = {}
    handler_class = type("SiteHandler", (QuietHandler,), {"site_headers": headers})
    handler = functools.partial(handler_class, directory=str(site_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    origin = f"http://127.0.0.1:{httpd.server_address[1]}"
    build_or_fail(config_file, site_dir, site_url=origin + "/")
    headers.update(parse_headers_file((site_dir / "_headers").read_text(encoding="utf-8"))["/*"])
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return origin, httpd


SERVED = {}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    SERVED["site"] = tmp_path_factory.mktemp("served") / "site"
    origin, httpd = serve_site(ROOT / "mkdocs.yml", SERVED["site"])
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


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    tab = context.new_page()
    tab.requests = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.csp_violations = []
    tab.on("console", lambda message: tab.csp_violations.append(message.text)
           if "Content Security Policy" in message.text else None)
    tab.add_init_script("""document.addEventListener('securitypolicyviolation', event =>
        console.error('Content Security Policy violation: ' + event.violatedDirective + ' ' + event.blockedURI))""")
    yield tab
    context.close()


def home_url(server, code):
    return server + PORTAL.language(code).link


def open_page(page, url):
    response = page.goto(url, wait_until="load")
    assert response.ok, f"{url}: HTTP {response.status}"
    page.evaluate("document.fonts.ready.then(() => true)")


def font_files(page) -> list[str]:
    return [url for url in page.requests if url.endswith(".woff2")]


@pytest.mark.parametrize("code", PORTAL.codes)
def test_home_renders_in_its_language_without_leaving_the_origin(page, server, code):
    open_page(page, home_url(server, code))
    assert page.evaluate("document.documentElement.lang") == code
    heading = page.locator("article h1").inner_text()
    assert heading.strip(), "home page has no visible heading"
    assert page.locator("article h1").is_visible()
    foreign = [url for url in page.requests
               if urlsplit(url).scheme not in ("data", "blob") and not url.startswith(server + "/")]
    assert foreign == [], f"requests left the local origin: {foreign}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"home-{code}-390x844.png"))


def test_language_switcher_lands_on_the_same_page_in_the_other_language(page, server):
    source, target = PORTAL.codes[0], PORTAL.codes[-1]
    open_page(page, server + PORTAL.language(source).link + "invest/")
    page.locator(".md-header .md-select button").hover()
    link = page.locator(f'a.md-select__link[hreflang="{target}"]')
    link.wait_for(state="visible")
    link.click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == PORTAL.language(target).link + "invest/"
    assert page.evaluate("document.documentElement.lang") == target
    section = next(s for s in PORTAL.sections if s.slug == "invest")
    assert page.locator("article h1").inner_text().strip().startswith(section.titles[target])


def test_khmer_text_is_drawn_with_the_khmer_web_font(page, server):
    open_page(page, home_url(server, "km"))
    loaded = page.evaluate("""() => [...document.fonts]
        .filter(face => face.status === 'loaded').map(face => face.family.replace(/"/g, ''))""")
    assert "Noto Sans Khmer" in loaded
    assert page.evaluate("document.fonts.check('16px \"Noto Sans Khmer\"', 'កាម៉ៅ')")
    family = page.locator("article h1").evaluate("e => getComputedStyle(e).fontFamily")
    assert "Noto Sans Khmer" in family
    assert any("noto-sans-khmer" in url for url in font_files(page))
    open_page(page, home_url(server, "km") + "land/")
    line_height = page.evaluate("""(() => { const p = document.querySelector('article p');
        const style = getComputedStyle(p); return parseFloat(style.lineHeight) / parseFloat(style.fontSize) })()""")
    assert line_height >= 1.8  # room for Khmer's stacked subscripts and vowels
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "article-km-390x844.png"), full_page=True)


@pytest.mark.parametrize("code", [code for code in PORTAL.codes if code != "km"])
def test_pages_without_khmer_text_do_not_download_the_khmer_font(page, server, code):
    open_page(page, home_url(server, code))
    page.locator(".md-header .md-select button").hover()  # show the language names too
    page.wait_for_timeout(300)
    assert font_files(page), "the Latin web font was not used at all"
    assert not any("noto-sans-khmer" in url for url in font_files(page)), font_files(page)


def search(page, query: str) -> list[dict]:
    """Type a query into Material's search box; return the results it shows."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator('label[for="__search"]').first.click()
    box.fill(query)
    box.press("End")  # Material searches on keyup
    page.wait_for_function(
        "q => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !m.textContent.includes('…') && document.querySelector('.md-search__input').value === q }",
        arg=query)
    page.wait_for_timeout(400)
    return page.evaluate("""() => [...document.querySelectorAll('.md-search-result__item')].map(item => ({
        href: item.querySelector('a').href, text: item.innerText }))""")


def result_paths(results) -> set[str]:
    return {urlsplit(result["href"]).path for result in results}


def test_vietnamese_search_ignores_diacritics_both_ways(page, server):
    open_page(page, home_url(server, "vi"))
    folded_results = search(page, "dat mui")
    accented_results = search(page, "Đất Mũi")
    folded, accented = result_paths(folded_results), result_paths(accented_results)
    # Both find the land page first; beyond it the order may differ (typed with
    # diacritics, exact spellings rank first: tests/test_search_relevance.py).
    assert "/land/" in folded and "/land/" in accented
    assert urlsplit(folded_results[0]["href"]).path == urlsplit(accented_results[0]["href"]).path
    ca_mau = search(page, "ca mau")
    assert result_paths(ca_mau) == result_paths(search(page, "Cà Mau"))
    assert any("Cà Mau" in result["text"] for result in ca_mau)
    assert all(not path.startswith(("/en/", "/km/")) for path in folded)


def test_khmer_search_finds_a_word_inside_an_unspaced_sentence(page, server):
    open_page(page, home_url(server, "km"))
    # ស្មាច់ (melaleuca) sits inside "…ជ្រោយកាម៉ៅ ព្រៃស្មាច់ U Minh Hạ…", written without spaces.
    results = search(page, "ស្មាច់")
    paths = result_paths(results)
    assert "/km/" in paths and "/km/land/" in paths
    assert all(path.startswith("/km/") for path in paths)
    for result in results:
        assert "\u200b" not in result["text"], "zero width space shown to the reader"
    # A two-word query typed without a space is split against the index's own words.
    assert "/km/land/" in result_paths(search(page, "ព្រៃស្មាច់"))


def test_english_search_stems_and_stays_in_english(page, server):
    open_page(page, home_url(server, "en"))
    singular = result_paths(search(page, "mangrove"))
    plural = result_paths(search(page, "mangroves"))
    assert "/en/land/" in singular and singular == plural
    assert all(path.startswith("/en/") for path in singular)


def test_pages_satisfy_their_content_security_policy(page, server):
    for path in ["/", "/en/invest/", "/km/festivals/", "/en/news/", "/no-such-page/"]:
        page.goto(server + path, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
    page.goto(server + "/en/", wait_until="load")
    search(page, "mangrove")  # the search worker and its index load under the policy too
    page.keyboard.press("Escape")  # close search, then switch to the dark palette
    page.locator("form[data-md-component=palette] label").first.click()
    page.wait_for_timeout(300)
    assert page.csp_violations == []
    response = page.goto(server + "/en/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self' 'sha256-" in policy and "unsafe-inline" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"


def body_text_size(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.querySelector('article.md-typeset')).fontSize)")


@pytest.mark.parametrize("code", PORTAL.codes)
def test_reader_controls_are_labelled_in_the_page_language(page, server, code):
    open_page(page, home_url(server, code))
    controls = page.locator(".md-header__inner .portal-reader")
    assert controls.is_visible()
    labels = controls.locator("button").evaluate_all(
        "buttons => buttons.map(b => (b.getAttribute('aria-label') || b.textContent).trim())")
    assert len(labels) == 4 and all(labels) and len(set(labels)) == 4
    # The accessible name starts with the visible label (WCAG 2.5.3, Label in Name).
    assert [label.split()[0] for label in labels[:3]] == ["A−", "A", "A+"]
    if code == "km":
        assert all(re.search("[\u1780-\u17ff]", label) for label in labels)


def test_text_size_and_contrast_are_keyboard_operable_and_remembered(page, server):
    open_page(page, server + "/en/land/")
    default = body_text_size(page)
    larger = page.locator(".portal-reader [data-portal-text='1']")
    larger.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert body_text_size(page) > default * 1.2
    page.locator(".portal-reader [data-portal-contrast]").focus()
    page.keyboard.press("Space")
    assert page.evaluate("document.documentElement.dataset.portalContrast") == "high"
    assert page.locator(".portal-reader [data-portal-contrast]").get_attribute("aria-pressed") == "true"
    # Another page: the choices apply before the first paint (set by a script in <head>).
    page.goto(server + "/en/people/", wait_until="commit")
    page.wait_for_selector("article", state="attached")
    state = page.evaluate("[document.documentElement.dataset.portalText, document.documentElement.dataset.portalContrast]")
    assert state == ["2", "high"]
    assert body_text_size(page) > default * 1.2
    colour = page.evaluate("getComputedStyle(document.querySelector('article.md-typeset')).color")
    assert colour == "rgb(0, 0, 0)"
    page.locator(".portal-reader [data-portal-text='0']").click()
    assert abs(body_text_size(page) - default) < 0.5


def test_visible_focus_on_reader_controls(page, server):
    open_page(page, server + "/en/")
    page.locator(".portal-reader [data-portal-text='1']").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), outline
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "reader-controls-focus-390x844.png"))


AXE_PAGES = {
    "home": "", "section": "people/", "article": "land/", "festival": "festivals/sene-dolta/",
    "invest": "invest/", "news-list": "news/", "not-found": "no-such-page/", "search": "?search",
}


@pytest.fixture(scope="module")
def axe():
    module = pytest.importorskip("axe_playwright_python.sync_playwright")
    return module.Axe()


@pytest.mark.parametrize("contrast", ["normal", "high"])
@pytest.mark.parametrize("code", PORTAL.codes)
def test_no_wcag_aa_violations(browser, server, axe, code, contrast):
    # axe is injected through the DevTools protocol; bypass_csp lets it run its own code.
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    if contrast == "high":
        context.add_init_script("localStorage.setItem('portal.contrast', 'high')")
    tab = context.new_page()
    failures = []
    try:
        for kind, path in AXE_PAGES.items():
            search_open = path == "?search"
            tab.goto(server + PORTAL.language(code).link + ("" if search_open else path), wait_until="load")
            if search_open:
                tab.locator('label[for="__search"]').first.click()
                tab.locator("input.md-search__input").fill("Cà Mau" if code != "km" else "កាម៉ៅ")
                tab.locator("input.md-search__input").press("End")
                tab.wait_for_timeout(600)
            results = axe.run(tab, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                                            "resultTypes": ["violations"]})
            for violation in results.response["violations"]:
                targets = [node["target"] for node in violation["nodes"]][:3]
                failures.append(f"{kind}: {violation['id']} ({violation['impact']}) {violation['help']} — {targets}")
    finally:
        context.close()
    assert not failures, "\n".join(failures)


HOME_BUDGET = 250_000  # bytes transferred, gzip, first view on a phone


def transferred(url: str, server: str) -> int:
    """What a host serving the .gz copies sends for one request."""
    path = urlsplit(url).path
    file = SERVED["site"] / path.lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    compressed = file.with_name(file.name + ".gz")
    if compressed.is_file():
        return compressed.stat().st_size
    return file.stat().st_size if file.is_file() else 0


@pytest.mark.parametrize("code", PORTAL.codes)
def test_home_first_view_stays_within_the_page_weight_budget(page, server, code):
    open_page(page, home_url(server, code))
    page.wait_for_timeout(500)
    total = sum(transferred(url, server) for url in set(page.requests) if url.startswith(server))
    print(f"home {code}: {total / 1000:.1f} kB transferred (gzip) in {len(set(page.requests))} requests")
    assert total <= HOME_BUDGET, f"home {code} weighs {total} bytes (budget {HOME_BUDGET})"
    images = page.evaluate("[...document.querySelectorAll('article img')].slice(1).map(i => i.loading)")
    assert all(loading == "lazy" for loading in images)


def test_print_shows_the_text_and_where_links_lead(page, server):
    open_page(page, server + "/en/invest/")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator("article table").first.is_visible()
    after = page.evaluate("""getComputedStyle(document.querySelector('article a[download]'), '::after').content""")
    assert "key-indicators.csv" in after


def test_pages_make_no_failing_requests(page, server):
    failures = []
    page.on("response", lambda response: failures.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    for path in ("/en/festivals/sene-dolta/", "/km/news/", "/invest/"):
        open_page(page, server + path)
        page.wait_for_timeout(500)
    assert failures == []
    # The hreflang links are in the HTML crawlers read, moved out of Material's way.
    assert page.evaluate("document.querySelectorAll('link[data-rel=alternate][hreflang]').length") >= 3
