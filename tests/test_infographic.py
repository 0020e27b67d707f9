""""<Province> in numbers": settings, layout, the files the real portal build writes in
each language, the press room's downloads, the home page's social card, and what
Chromium shows of the SVG (compared with the PNG Pillow draws from the same layout)."""

from __future__ import annotations

import dataclasses
import functools
import http.server
import io
import re
import textwrap
import threading
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from conftest import ARTIFACTS, ROOT, run_mkdocs_build, soup, write_site
from portal import data_content as data
from portal import hosting, infographic, site, social_cards
from portal.ui_strings import translator

PORTAL = site.load_site(ROOT / "mkdocs.yml")
CONFIG = PORTAL.config
SOURCE = PORTAL.default_language.code
INDICATORS = infographic.indicators(CONFIG)
SETTINGS = infographic.settings(CONFIG.extra, INDICATORS, "mkdocs.yml")
FONTS = infographic.fonts(CONFIG.extra, SETTINGS)
NAMES = infographic.file_names(CONFIG.extra["province"], SOURCE)
SVG_NS = "{http://www.w3.org/2000/svg}"
KHMER = re.compile("[\u1780-\u17ff]")


def plain(text: str) -> str:
    """Spaces of every kind (the graphic keeps dates together with no-break spaces) as one."""
    return re.sub(r"\s+", " ", text)


def sheet_for(code: str, ids=None, site_url="https://camau.example.vn/") -> infographic.Sheet:
    return infographic.sheet(INDICATORS, ids or SETTINGS.figures, code, SOURCE, translator(CONFIG, code),
                             CONFIG.extra.get("locales"), CONFIG.extra["province"], site_url)


def by_id(identifier: str) -> dict:
    return next(indicator for indicator in INDICATORS if indicator["id"] == identifier)


# --- settings -----------------------------------------------------------------------------

def test_the_figures_come_from_mkdocs_yml_and_default_to_the_first_six():
    assert SETTINGS.figures == tuple(CONFIG.extra["infographic"]["figures"])
    default = infographic.settings({}, INDICATORS, "mkdocs.yml")
    assert default.figures == tuple(indicator["id"] for indicator in INDICATORS[:6])


def test_bad_settings_name_every_problem():
    with pytest.raises(infographic.InfographicError) as raised:
        infographic.settings({"infographic": {"figures": ["area", "coastlin", "area"], "font": {}}},
                             INDICATORS, "mkdocs.yml")
    message = str(raised.value)
    assert "mkdocs.yml: extra.infographic.figures: 'coastlin' is not an indicator" in message
    assert "did you mean 'coastline'?" in message
    assert "names area more than once" in message
    assert "extra.infographic.font is not a known setting — did you mean 'fonts'?" in message
    with pytest.raises(infographic.InfographicError, match="lists 7 figures; the graphic holds 1 to 6"):
        infographic.settings({"infographic": {"figures": [i["id"] for i in INDICATORS[:7]]}}, INDICATORS, "x")


def test_a_site_without_indicators_needs_no_infographic_settings():
    assert infographic.settings({}, [], "mkdocs.yml").figures == ()


# --- what the graphic says -----------------------------------------------------------------

@pytest.mark.parametrize("code", PORTAL.codes)
def test_each_figure_reads_as_the_tables_write_it(code):
    texts = translator(CONFIG, code)
    sheet = sheet_for(code)
    assert [item.id for item in sheet.figures] == list(SETTINGS.figures)
    assert CONFIG.extra["province"]["name"][code] in sheet.title
    for item in sheet.figures:
        indicator = by_id(item.id)
        assert item.figure == data.figure(indicator, code, SOURCE, texts, CONFIG.extra.get("locales"))
        assert item.label == data.text(indicator, "label", code, SOURCE)[0]
        assert str(indicator["year"]) in item.source and indicator["source"]["title"] in plain(item.source)


def test_source_dates_are_formatted_for_the_language():
    area = {"vi": "12 tháng 6, 2025", "en": "12 June 2025", "km": "ថ្ងៃទី 12 ខែមិថុនា ឆ្នាំ 2025"}  # the Khmer body text's date pattern
    for code, date in area.items():
        assert plain(sheet_for(code, ["area"]).figures[0].source).endswith(date)
    # A source dated by its year only keeps the year.
    assert sheet_for("en", ["wind-capacity"]).figures[0].source.endswith("vietnam.vn), 2025")


def test_the_footer_prints_the_public_address_and_never_a_local_one():
    assert infographic.public_address("https://camau.example.vn/portal/") == "camau.example.vn/portal"
    assert infographic.public_address("http://127.0.0.1:8000/") == ""
    assert infographic.public_address("http://localhost:8000/") == ""
    assert infographic.public_address(None) == ""
    drawing = infographic.layout(sheet_for("km", site_url="https://camau.example.vn/"), "wide", FONTS)
    footer = next(block for block in drawing.blocks if block.role == "footer")
    assert [line.spans[0].text for line in footer.lines] == [CONFIG.extra["province"]["publisher"]["km"],
                                                             "camau.example.vn"]
    assert_inside(drawing)


# --- layout: nothing leaves its box ---------------------------------------------------------

def line_bounds(line: infographic.Line) -> tuple[float, float, float, float]:
    width = sum(social_cards.text_width(FONTS.style(span.bold), span.text, span.size) for span in line.spans)
    ascent, descent = infographic._extent(FONTS, line.spans)
    left = line.x - width if line.anchor == "end" else line.x
    return left, line.baseline - ascent, left + width, line.baseline + descent


def assert_inside(drawing: infographic.Drawing):
    tiles = [box for box in drawing.boxes if box.radius]
    figures = [block for block in drawing.blocks if block.role == "figure"]
    assert len(tiles) == len(figures)
    for block, tile in zip(figures, tiles):
        for line in block.lines:
            left, top, right, bottom = line_bounds(line)
            text = "".join(span.text for span in line.spans)
            assert tile.x < left and right < tile.x + tile.width, f"{text!r} overflows its tile sideways"
            assert tile.y < top and bottom < tile.y + tile.height, f"{text!r} overflows its tile"
    for block in drawing.blocks:
        for line in block.lines:
            left, top, right, bottom = line_bounds(line)
            assert 0 < left and right < drawing.width and 0 < top and bottom <= drawing.height


@pytest.mark.parametrize("size", infographic.SIZES)
@pytest.mark.parametrize("code", PORTAL.codes)
def test_every_line_stays_inside_its_box(code, size):
    drawing = infographic.layout(sheet_for(code), size, FONTS)
    assert (drawing.width, drawing.height) == infographic.SIZES[size]
    assert_inside(drawing)


def test_the_longest_khmer_labels_wrap_and_still_fit():
    longest = sorted(INDICATORS, key=lambda indicator: -len(indicator["label"]["km"]))[:6]
    sheet = sheet_for("km", [indicator["id"] for indicator in longest])
    for size in infographic.SIZES:
        drawing = infographic.layout(sheet, size, FONTS)
        assert_inside(drawing)
        lines = {"".join(span.text for span in line.spans) for block in drawing.blocks for line in block.lines}
        wrapped = [item.label for item in sheet.figures if item.label not in lines]
        assert wrapped, f"no long Khmer label wrapped at {size}"
        assert all(KHMER.search(label) for label in wrapped)


def test_text_too_long_for_any_size_fails_with_a_message_naming_what_to_change():
    sheet = sheet_for("en")
    every_label = " ".join(indicator["label"]["en"] for indicator in INDICATORS * 3)
    too_long = dataclasses.replace(sheet.figures[0], label=every_label)
    crowded = infographic.Sheet("en", sheet.title, (too_long,) + sheet.figures[1:], sheet.publisher, sheet.address)
    with pytest.raises(infographic.InfographicError, match="shorten that figure's label or source"):
        infographic.layout(crowded, "wide", FONTS)


def test_text_colours_are_readable_on_their_backgrounds():
    palette = infographic.Palette.of(FONTS.bold)
    assert infographic.contrast(palette.text, palette.tile) >= 7
    assert infographic.contrast(palette.quiet, palette.tile) >= 4.5  # the small source lines
    assert infographic.contrast(palette.accent, palette.tile) >= 4.5
    assert infographic.contrast(palette.quiet, palette.footer) >= 4.5
    assert infographic.contrast(palette.text, palette.background) >= 4.5


def test_khmer_png_is_shaped():
    """Drawn with raqm, COENG and vowel signs join their consonant into one cluster; with
    Pillow's basic layout they are laid side by side, and the text comes out wider."""
    sheet = sheet_for("km")
    drawing = infographic.layout(sheet, "square", FONTS)
    khmer_spans = [span for block in drawing.blocks for line in block.lines for span in line.spans
                   if "\u17d2" in span.text]
    assert khmer_spans
    for span in khmer_spans:
        style = FONTS.style(span.bold)
        shaped = social_cards.text_width(style, span.text, span.size)
        basic = social_cards.text_width(style, span.text, span.size, basic=True)
        assert shaped < basic, f"{span.text!r} was not shaped"
    shaped_png = Image.open(io.BytesIO(infographic.png(drawing, FONTS))).convert("L")
    basic_png = Image.open(io.BytesIO(infographic.png(drawing, FONTS, basic_layout=True))).convert("L")
    changed = ImageChops.difference(shaped_png, basic_png).point(lambda v: 255 if v > 60 else 0).histogram()[255]
    assert changed > 5000


def test_a_changed_figure_redraws_but_reuses_the_untouched_fonts(tmp_path):
    sheet = sheet_for("km")
    first = infographic.render(sheet, FONTS, tmp_path)
    subsets = set((tmp_path / "fonts").iterdir())
    assert len(subsets) == 4  # regular and bold, Latin and Khmer
    written = {path: (path.stat().st_ino, path.stat().st_mtime_ns) for path in [*first.values(), *subsets]}
    assert infographic.render(sheet, FONTS, tmp_path) == first
    # cached: nothing drawn or subset again (every file as it was written the first time)
    assert {path: (path.stat().st_ino, path.stat().st_mtime_ns) for path in written} == written
    assert set((tmp_path / "fonts").iterdir()) == subsets
    changed = dataclasses.replace(sheet, figures=(dataclasses.replace(sheet.figures[0], number="7,942.4"),)
                                  + sheet.figures[1:])
    second = infographic.render(changed, FONTS, tmp_path)
    assert second["svg"] != first["svg"] and second["svg"].read_text(encoding="utf-8").count("7,942.4<") == 1
    assert len(set((tmp_path / "fonts").iterdir()) - subsets) <= 1  # at most the bold Latin digits


# --- the real portal's build ------------------------------------------------------------------

def files_of(site_dir: Path, code: str) -> dict[str, Path]:
    folder = site_dir / PORTAL.language(code).prefix / infographic.FOLDER
    return {kind: folder / name for kind, name in NAMES.items()}


def svg_texts(path: Path) -> dict[str, str]:
    """data-figure id (or the block's class) -> the text content of its <text>."""
    root = ElementTree.parse(path).getroot()
    return {(element.get("data-figure") or element.get("class")): "".join(element.itertext())
            for element in root.iter(f"{SVG_NS}text")}


@pytest.mark.parametrize("code", PORTAL.codes)
def test_build_writes_the_svg_and_pngs_of_each_language(portal_site, code):
    files = files_of(portal_site, code)
    for kind in ("square", "wide"):
        with Image.open(files[kind]) as image:
            assert image.format == "PNG" and image.size == infographic.SIZES[kind]
    root = ElementTree.parse(files["svg"]).getroot()
    assert root.get("viewBox") == "0 0 1080 1080" and root.get("lang") == code
    assert root.find(f"{SVG_NS}title").text == sheet_for(code).title
    assert "@font-face" in root.find(f"{SVG_NS}style").text
    texts = svg_texts(files["svg"])
    sheet = sheet_for(code, site_url=CONFIG.site_url)
    assert texts["title"] == sheet.title
    for item in sheet.figures:
        shown = plain(texts[item.id])
        # The figure as the tables format it, then its label, year, source and date.
        assert shown.startswith(item.figure + " "), (shown, item.figure)
        indicator = by_id(item.id)
        assert data.text(indicator, "label", code, SOURCE)[0] in shown
        assert str(indicator["year"]) in shown and indicator["source"]["title"] in shown
        assert shown.endswith(plain(item.source))
    # The default build's address is a local preview's: the footer names the publisher only.
    assert texts["footer"].strip() == CONFIG.extra["province"]["publisher"][code]
    if code == "km":
        assert KHMER.search(texts["title"]) and 'font-family:"Infographic Khmer"' in root.find(f"{SVG_NS}style").text


def test_the_svg_embeds_only_small_font_subsets(portal_site):
    for code in PORTAL.codes:
        svg = files_of(portal_site, code)["svg"]
        assert svg.stat().st_size < 80_000, f"{svg}: {svg.stat().st_size} bytes"


@pytest.mark.parametrize("code", PORTAL.codes)
def test_the_press_room_offers_the_downloads(portal_site, code):
    page_dir = portal_site / PORTAL.language(code).prefix / "press"
    block = soup(page_dir / "index.html").select_one(".portal-infographics")
    assert block is not None, "no infographic block in the press room"
    hrefs = [link["href"] for link in block.select(".portal-infographics__downloads a[download]")]
    assert len(hrefs) == 3
    targets = {(page_dir / href).resolve() for href in hrefs}
    assert targets == {path.resolve() for path in files_of(portal_site, code).values()}
    images = block.select("img")
    assert len(images) == 2 and all(image["alt"].strip() for image in images)
    assert all((page_dir / image["src"]).resolve().is_file() for image in images)
    # The square's alt text carries every figure in the page's language.
    for item in sheet_for(code).figures:
        assert item.figure in images[0]["alt"]
    assert "<!-- infographics -->" not in (page_dir / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", PORTAL.codes)
def test_the_home_page_card_is_the_wide_png(portal_site, code):
    home = soup(portal_site / PORTAL.language(code).prefix / "index.html")
    url = home.find("meta", property="og:image")["content"]
    assert url == CONFIG.site_url + PORTAL.language(code).prefix + infographic.FOLDER + NAMES["wide"]
    assert home.find("meta", property="og:image:width")["content"] == "1200"
    assert home.find("meta", property="og:image:height")["content"] == "630"
    assert home.find("meta", attrs={"name": "twitter:image"})["content"] == url
    assert home.find("meta", property="og:image:alt")["content"] == sheet_for(code).title
    # Other pages keep their own card.
    land = soup(portal_site / PORTAL.language(code).prefix / "land" / "index.html")
    assert "/assets/cards/" in land.find("meta", property="og:image")["content"]


def test_the_security_policy_allows_exactly_the_svgs_own_styles(portal_site):
    policy = hosting.parse_headers_file((portal_site / "_headers").read_text(encoding="utf-8"))["/*"][
        "Content-Security-Policy"]
    assert "font-src 'self' data:" in policy
    for code in PORTAL.codes:
        assert set(hosting.svg_style_hashes(files_of(portal_site, code)["svg"].parent)) <= set(re.split(r"[;\s]+", policy))


def test_cao_bang_without_indicators_builds_without_an_infographic(cao_bang_site):
    assert not list(cao_bang_site.rglob("*-in-numbers*"))
    home = soup(cao_bang_site / "index.html")
    assert "/assets/cards/" in home.find("meta", property="og:image")["content"]
    # and its pages' policy keeps fonts to the site's own files
    policy = hosting.parse_headers_file((cao_bang_site / "_headers").read_text(encoding="utf-8"))["/*"]
    assert "font-src 'self';" in policy["Content-Security-Policy"]


def test_unknown_figures_in_mkdocs_yml_fail_the_build(tmp_path):
    config = write_site(tmp_path, {"index.md": "# Trang chủ\n", "index.en.md": "# Home\n"},
                        extra_yaml=textwrap.dedent("""\
                            extra:
                              province:
                                name: {vi: Tỉnh Thử, en: Test Province}
                                publisher: {vi: Ủy ban Thử, en: Test Committee}
                                official_portal: https://example.org/
                              infographic:
                                figures: [area, populaton]
                            """))
    content = tmp_path / "content"
    content.mkdir()
    (content / "indicators.yml").write_text((ROOT / "content" / "indicators.yml").read_text(encoding="utf-8"),
                                            encoding="utf-8")
    result = run_mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 1
    assert "extra.infographic.figures: 'populaton' is not an indicator of content/indicators.yml" in result.stderr
    assert not (tmp_path / "site" / "data").exists()


# --- in Chromium ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def served_portal(portal_site):
    """The built portal on loopback, with the headers its _headers file asks hosts to send."""
    from test_browser import QuietHandler

    headers = hosting.parse_headers_file((portal_site / "_headers").read_text(encoding="utf-8"))["/*"]
    handler = type("PortalHandler", (QuietHandler,), {"site_headers": headers})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                            functools.partial(handler, directory=str(portal_site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def chromium():
    playwright_api = pytest.importorskip("playwright.sync_api")
    from test_browser import CHROMIUM, CHROMIUM_FLAGS

    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def open_tab(chromium, width, height):
    context = chromium.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
    tab = context.new_page()
    tab.messages = []
    tab.on("console", lambda message: tab.messages.append(message.text))
    return context, tab


def dark_pixels_differing(first: Image.Image, second: Image.Image) -> int:
    return ImageChops.difference(first.convert("L"), second.convert("L")).point(
        lambda v: 255 if v > 80 else 0).histogram()[255]


@pytest.mark.browser
@pytest.mark.parametrize("code", PORTAL.codes)
def test_chromium_draws_the_svg_like_the_shaped_png(chromium, served_portal, portal_site, code):
    context, tab = open_tab(chromium, 1080, 1080)
    try:
        url = served_portal + "/" + PORTAL.language(code).prefix + infographic.FOLDER + NAMES["svg"]
        response = tab.goto(url, wait_until="load")
        assert response.ok and response.headers["content-type"].startswith("image/svg+xml")
        tab.evaluate("document.fonts.ready.then(() => true)")
        assert not [text for text in tab.messages if "Content Security Policy" in text], tab.messages
        loaded = tab.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
        assert '"Infographic Sans"' in loaded or "Infographic Sans" in loaded
        if code == "km":
            assert any("Infographic Khmer" in family for family in loaded)
        # The text is text: selectable, and it reads as the SVG file says.
        selected = tab.evaluate("""() => { const range = document.createRange();
            range.selectNodeContents(document.querySelector('text.title'));
            const selection = getSelection(); selection.removeAllRanges(); selection.addRange(range);
            return selection.toString(); }""")
        assert selected == svg_texts(files_of(portal_site, code)["svg"])["title"]
        tab.evaluate("getSelection().removeAllRanges()")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        screenshot = ARTIFACTS / f"infographic-svg-{code}-1080x1080.png"
        tab.screenshot(path=str(screenshot))
    finally:
        context.close()
    # Chromium (HarfBuzz, the embedded subsets) and Pillow (raqm, the same fonts) shape
    # and place the same glyphs: their pictures nearly agree; an unshaped drawing does not.
    with Image.open(screenshot) as browser_view, Image.open(files_of(portal_site, code)["square"]) as shaped:
        drawing = infographic.layout(sheet_for(code, site_url=CONFIG.site_url), "square", FONTS)
        unshaped = Image.open(io.BytesIO(infographic.png(drawing, FONTS, basic_layout=True)))
        against_shaped = dark_pixels_differing(browser_view.convert("RGB"), shaped)
        against_unshaped = dark_pixels_differing(browser_view.convert("RGB"), unshaped)
    print(f"{code}: pixels differing from Chromium: shaped PNG {against_shaped}, unshaped {against_unshaped}")
    assert against_shaped < 0.01 * 1080 * 1080
    if code == "km":
        assert against_unshaped > 3 * against_shaped


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 390, 1280])
@pytest.mark.parametrize("code", PORTAL.codes)
def test_the_press_room_downloads_fit_the_screen(chromium, served_portal, code, width):
    context, tab = open_tab(chromium, width, 900)
    try:
        tab.goto(served_portal + "/" + PORTAL.language(code).prefix + "press/", wait_until="load")
        block = tab.locator(".portal-infographics")
        block.scroll_into_view_if_needed()
        tab.evaluate("Promise.all([...document.images].map(i => i.decode().catch(() => null)))")
        # The block itself never scrolls sideways nor reaches past the screen (the page's
        # header at 320 px is the home & frame work's, not measured here).
        assert block.evaluate("b => b.scrollWidth <= b.clientWidth && "
                              "b.getBoundingClientRect().right <= document.documentElement.clientWidth")
        sizes = block.locator("img").evaluate_all("images => images.map(i => [i.naturalWidth, i.clientWidth])")
        assert [natural for natural, _ in sizes] == [1080, 1200]
        assert all(0 < shown <= width for _, shown in sizes)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        block.screenshot(path=str(ARTIFACTS / f"infographic-press-{code}-{width}.png"))
    finally:
        context.close()
