"""The home page of each language (overrides/home.html, portal.home), the site-wide
notice and the frame around pages, checked on real builds."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from babel.dates import format_date

from conftest import ROOT, build_or_fail, run_mkdocs_build, soup, write_site
from portal import data_content, festival_pages, home, site

PORTAL = site.load_site(ROOT / "mkdocs.yml")
CONTENT = ROOT / "content"
SETTINGS = home.load_settings(CONTENT)
INDICATORS = {item["id"]: item for item in data_content.load(CONTENT, "indicators")}


def folder(code: str) -> str:
    return PORTAL.language(code).prefix


def home_html(site_dir: Path, code: str):
    return soup(site_dir / folder(code) / "index.html")


def expected_figure(indicator: dict, code: str) -> str:
    """What the tile must say, formatted by Babel for the language (no hand-made table)."""
    locale = (PORTAL.config.extra.get("locales") or {}).get(code, code)
    from babel.numbers import format_decimal

    value = format_decimal(indicator["value"], locale=locale)
    words = {"about": {"vi": "khoảng", "en": "about", "km": "ប្រហែល"},
             "over": {"vi": "hơn", "en": "over", "km": "ជាង"}}
    qualifier = indicator.get("qualifier")
    if qualifier:
        value = f"{words[qualifier][code]} {value}"
    return f"{value} {indicator['unit'][code]}"


@pytest.mark.parametrize("code", PORTAL.codes)
def test_home_uses_the_landing_template_in_every_language(portal_site, code):
    html = home_html(portal_site, code)
    hero = html.select_one("article .portal-home__hero")
    assert hero is not None, "the home page is not drawn by overrides/home.html"
    assert hero.h1.get_text(strip=True)
    assert hero.select_one(".portal-home__invitation").get_text(strip=True)
    art = hero.select_one(".portal-home__hero-art")
    picture = art.select_one("img, svg")
    assert picture is not None, "the hero has an empty picture box"
    if picture.name == "img":
        assert picture["alt"].strip() and (portal_site / folder(code)).joinpath(picture["src"]).resolve().is_file()
    # No key-figure table on the home: a wide table does not fit a phone.
    assert html.select("article table") == []
    # The home has neither left navigation nor table of contents.
    assert html.select_one(".md-sidebar--primary").has_attr("hidden")


@pytest.mark.parametrize("code", PORTAL.codes)
def test_tiles_show_the_chosen_indicators_in_the_page_language(portal_site, code):
    tiles = home_html(portal_site, code).select("article .portal-tile")
    assert [tile["data-indicator"] for tile in tiles] == list(SETTINGS.figures)
    assert 4 <= len(tiles) <= 6
    for tile in tiles:
        indicator = INDICATORS[tile["data-indicator"]]
        figure = " ".join(tile.select_one(".portal-tile__figure").get_text().split())
        assert figure == expected_figure(indicator, code)
        assert tile.select_one(".portal-tile__label").get_text(strip=True) == indicator["label"][code]
        source = " ".join(tile.select_one(".portal-tile__source").get_text().split())
        assert str(indicator["year"]) in source and indicator["source"]["title"] in source


@pytest.mark.parametrize("code", PORTAL.codes)
def test_every_home_card_leads_to_a_page_in_the_same_language(portal_site, code):
    html = home_html(portal_site, code)
    links = html.select("article .portal-card__title a, article .portal-list-card__title a, "
                        "article .portal-way__links a:not([download]), article .portal-home__more a")
    cards = html.select("article .portal-card")
    assert {card.select_one("a").get_text(strip=True) for card in cards} == \
        {section.titles[code] for section in PORTAL.sections}
    assert all(card.select_one(".portal-card__icon svg, picture") for card in cards)
    assert len(links) >= len(PORTAL.sections) + 3
    base = portal_site / folder(code)
    for link in links:
        href = link["href"].split("#")[0]
        target = (base / href).resolve()
        target = target / "index.html" if target.is_dir() else target
        assert target.is_file(), f"{code}: {link['href']} leads nowhere"
        assert soup(target).html["lang"] == code, f"{code}: {link['href']} leads to another language"
    downloads = [a["href"] for a in html.select("article .portal-way__links a[download]")]
    assert downloads and all((base / href).resolve().is_file() for href in downloads)


@pytest.mark.parametrize("code", PORTAL.codes)
def test_home_lists_coming_festivals_and_latest_news_written_in_its_language(portal_site, code):
    html = home_html(portal_site, code)
    festivals = html.select("article .portal-list-card--festival")
    assert len(festivals) == SETTINGS.festivals
    news = html.select("article #portal-home-news ~ ul .portal-list-card")
    assert 1 <= len(news) <= SETTINGS.news
    dates = [item.time["datetime"] for item in news]
    assert dates == sorted(dates, reverse=True)


def test_khmer_home_is_complete_and_says_southernmost_not_border():
    khmer = (ROOT / "docs" / "index.km.md").read_text(encoding="utf-8")
    assert "ព្រំដែន" not in khmer  # a land-border province, to a Cambodian reader
    assert "ចាត់តាំង" not in khmer
    assert "ចុងខាងត្បូងបំផុត" in khmer
    vietnamese = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    body = vietnamese.split("---", 2)[2]
    for figure in ("202/2025/QH15", "1", "2025"):
        assert figure in body and figure in khmer


def test_second_province_gets_a_home_without_the_first_ones_data(cao_bang_site):
    html = soup(cao_bang_site / "index.html")
    hero = html.select_one("article .portal-home__hero")
    assert hero is not None and hero.select_one("svg.portal-home__motif")
    assert {a.get_text(strip=True) for a in html.select(".portal-card__title a")} == {"Du lịch", "Văn hóa"}
    assert "Cà Mau" not in html.get_text()
    chinese = soup(cao_bang_site / "zh" / "index.html")
    assert {a.get_text(strip=True) for a in chinese.select(".portal-card__title a")} == {"旅游", "文化"}


def test_a_page_alone_in_its_section_has_no_left_sidebar(portal_site):
    alone = soup(portal_site / "en" / "land" / "index.html")
    assert alone.select_one(".md-sidebar--primary").has_attr("hidden")
    with_posts = soup(portal_site / "en" / "news" / "index.html")
    assert not with_posts.select_one(".md-sidebar--primary").has_attr("hidden")


# --- the site-wide notice ----------------------------------------------------------------

PAGES = {
    "index.md": "---\ntitle: Trang chủ\ndescription: Trang chủ của tỉnh thử.\n---\n# Trang chủ\n",
    "index.en.md": "---\ntitle: Home\ndescription: The test province's home.\n---\n# Home\n",
    "travel/index.md": "---\ntitle: Du lịch\ndescription: Du lịch ở tỉnh thử.\n---\n# Du lịch\n",
}


def province(notice: str = "") -> str:
    return textwrap.dedent("""\
        theme_features: []
        extra:
          province:
            name: {vi: Tỉnh Thử, en: Test Province}
            publisher: {vi: Ủy ban Thử, en: Test Committee}
            official_portal: https://example.org/
        """).replace("theme_features: []\n", "") + textwrap.indent(notice, "    ")


def notice_site(tmp_path, notice: str):
    config = write_site(tmp_path, PAGES, extra_yaml=province(notice))
    text = config.read_text(encoding="utf-8").replace(
        "  font: false\n", "  font: false\n  features:\n    - announce.dismiss\n", 1)
    config.write_text(text, encoding="utf-8")
    return config


def test_notice_is_shown_on_every_page_in_its_language_with_its_date(tmp_path):
    config = notice_site(tmp_path, textwrap.dedent("""\
        notice:
          date: 2026-12-03
          text:
            vi: Phà tạm ngừng do bão.
            en: The ferry is suspended because of the storm.
        """))
    site_dir = build_or_fail(config, tmp_path / "site")
    for path, text, locale in (("index.html", "Phà tạm ngừng do bão.", "vi"),
                               ("travel/index.html", "Phà tạm ngừng do bão.", "vi"),
                               ("en/index.html", "The ferry is suspended because of the storm.", "en"),
                               ("en/travel/index.html", "The ferry is suspended because of the storm.", "en")):
        banner = soup(site_dir / path).select_one("[data-md-component=announce] .md-banner")
        assert banner is not None, path
        assert text in banner.get_text()
        time = banner.select_one("time")
        assert time["datetime"] == "2026-12-03"
        assert time.get_text() == format_date(dt.date(2026, 12, 3), format="long", locale=locale)
        assert banner.select_one("button.md-banner__button"), "the notice cannot be dismissed"
    assert soup(site_dir / "en/index.html").select_one(".portal-site-notice span[lang]") is None


def test_a_notice_not_yet_translated_shows_the_source_text_marked_with_its_language(tmp_path):
    config = notice_site(tmp_path, "notice:\n  date: 2026-12-03\n  text: {vi: Phà tạm ngừng do bão.}\n")
    site_dir = build_or_fail(config, tmp_path / "site")
    text = soup(site_dir / "en/index.html").select_one(".portal-site-notice span[lang]")
    assert text["lang"] == "vi" and text.get_text() == "Phà tạm ngừng do bão."
    assert "December 3, 2026" in soup(site_dir / "en/index.html").select_one(".portal-site-notice").get_text()


def test_no_notice_no_bar(tmp_path):
    site_dir = build_or_fail(notice_site(tmp_path, ""), tmp_path / "site")
    for path in ("index.html", "en/index.html", "travel/index.html"):
        html = soup(site_dir / path)
        assert html.select(".md-banner") == [] and html.select(".portal-site-notice") == []


@pytest.mark.parametrize("notice, message", [
    ("notice:\n  text: {vi: Bão.}\n", "extra.province.notice.date is missing"),
    ("notice:\n  date: 3/12/2026\n  text: {vi: Bão.}\n", "is not a date"),
    ("notice:\n  date: 2026-12-03\n  text: {en: Storm.}\n", "no text for 'vi'"),
    ("notice:\n  date: 2026-12-03\n  text: {vi: Bão., fr: Tempête.}\n", "'fr' is not a language of the site"),
    ("notice:\n  date: 2026-12-03\n  txt: {vi: Bão.}\n", "extra.province.notice.txt is not a known setting"),
])
def test_a_wrong_notice_fails_the_build_saying_what_to_fix(tmp_path, notice, message):
    result = run_mkdocs_build(notice_site(tmp_path, notice), tmp_path / "site")
    assert result.returncode != 0
    assert message in result.stderr and "mkdocs.yml" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


# --- portal.home on its own -------------------------------------------------------------

def test_home_settings_errors_name_the_file_and_the_fix(tmp_path):
    tmp_path = tmp_path / "content"
    tmp_path.mkdir()
    (tmp_path / "home.yml").write_text("home:\n  figures: [a, b, c, d, e, f, g]\n", encoding="utf-8")
    with pytest.raises(home.HomeDataError, match=r"content/home.yml: 'figures' names 7 indicators"):
        home.load_settings(tmp_path)
    (tmp_path / "home.yml").write_text("home:\n  figure: [a]\n", encoding="utf-8")
    with pytest.raises(home.HomeDataError, match="unknown setting"):
        home.load_settings(tmp_path)
    (tmp_path / "home.yml").write_text("home:\n  figures: [a\n", encoding="utf-8")
    with pytest.raises(home.HomeDataError, match=r"content/home.yml:\d+:\d+: not valid YAML"):
        home.load_settings(tmp_path)
    assert home.load_settings(tmp_path / "missing") == home.HomeSettings()


def test_unknown_icon_and_unknown_indicator_are_refused():
    with pytest.raises(home.HomeDataError, match="unknown icon 'material/no-such-icon'"):
        home.icon_svg("material/no-such-icon")
    assert home.icon_svg("material/pine-tree").startswith('<svg aria-hidden="true" focusable="false"')
    with pytest.raises(KeyError):
        home.tiles(list(INDICATORS.values()), ("area", "no-such"), "en", "vi", lambda key, **v: key)


def test_way_links_are_checked_like_markdown_links():
    urls = {"invest/index.md": "en/invest/"}
    anchors = {"invest/index.md": {"contacts"}}

    def relative(url, here):
        return "REL:" + url

    link = home.resolve_link("invest/index.md#contacts", "en/", urls, anchors, relative, "docs/index.en.md")
    assert link.url == "REL:en/invest/#contacts" and not link.download
    assert home.resolve_link("data/key-indicators.csv", "en/", urls, anchors, relative, "x").download
    with pytest.raises(home.HomeDataError, match="names no page"):
        home.resolve_link("invst/index.md", "en/", urls, anchors, relative, "docs/index.en.md")
    with pytest.raises(home.HomeDataError, match="no heading '#contact'"):
        home.resolve_link("invest/index.md#contact", "en/", urls, anchors, relative, "docs/index.en.md")


def test_coming_festivals_show_the_calendar_dates_once_they_are_computed(portal_site):
    from portal import festival_dates as dates

    today = dates.build_today(ROOT)
    expected = dates.upcoming(data_content.load(CONTENT, "festivals"), today, SETTINGS.festivals)
    for code in PORTAL.codes:
        shown = home_html(portal_site, code).select("article .portal-list-card--festival time")
        assert [item["datetime"] for item in shown] == [start.isoformat() for _, start, _, _ in expected]
        # the same words as the festival pages and the calendar ("ថ្ងៃទី 21–23 ខែមីនា ឆ្នាំ 2027")
        assert [item.get_text(strip=True) for item in shown] == [
            festival_pages.date_range(start, end, code, PORTAL.config.extra.get("locales")) for _, start, end, _ in expected]


# --- photos on the home (a drawn test picture, not a photograph of any place) ------------

def test_home_photo_is_a_preloaded_responsive_hero_and_news_photos_are_lazy(tmp_path):
    from PIL import Image, ImageDraw

    folder = tmp_path / "content" / "photos"
    folder.mkdir(parents=True)
    for photo_id in ("hero", "post"):
        image = Image.new("RGB", (1200, 800), (40, 120, 90))
        draw = ImageDraw.Draw(image)
        for step in range(0, 1200, 37):
            draw.line((step, 0, 1200 - step, 800), fill=(step % 255, 90, 160), width=5)
        image.save(folder / f"{photo_id}.jpg", quality=90)
        (folder / f"{photo_id}.yml").write_text(
            "alt: {vi: Hình vẽ thử, en: A drawn test picture}\ncredit: Test\nlicence: CC0\nillustrative: true\n",
            encoding="utf-8")
    home_page = ("---\ntitle: Tỉnh Thử\ndescription: Trang chủ của tỉnh thử.\ntemplate: home.html\n"
                 "hide: [navigation, toc]\ninvitation: Mời bạn đến.\nphoto: hero\n---\n\nLời giới thiệu.\n")
    pages = {
        "index.md": home_page,
        "index.en.md": home_page.replace("invitation: Mời bạn đến.", "invitation: Come and see."),
        "news/index.md": "---\ntitle: Tin tức\ndescription: Tin tức của tỉnh thử.\n---\n# Tin tức\n",
        "news/mot-tin.md": "---\ntitle: Một tin\ndescription: Một tin thử.\ndate: 2026-11-01\nphoto: post\n---\n# Một tin\n",
    }
    nav = "nav:\n  - Trang chủ: index.md\n  - Tin tức:\n      - news/index.md\n      - news/mot-tin.md\n"
    site_dir = build_or_fail(write_site(tmp_path, pages, nav=nav), tmp_path / "site")
    html = soup(site_dir / "index.html")
    hero = html.select_one(".portal-home__hero picture")
    assert [source["type"] for source in hero.select("source")] == ["image/avif", "image/webp"]
    image = hero.img
    assert image["fetchpriority"] == "high" and image["loading"] == "eager"
    assert int(image["width"]) > 0 and int(image["height"]) > 0 and image["alt"] == "Hình vẽ thử"
    assert (site_dir / image["src"]).is_file()
    preload = html.select_one('link[rel="preload"][as="image"]')
    assert preload["type"] == "image/avif" and preload["fetchpriority"] == "high"
    assert preload["imagesrcset"] == hero.source["srcset"]
    news = html.select_one(".portal-list-card--picture picture img")
    assert news["loading"] == "lazy" and news["alt"] == "Hình vẽ thử"
    english = soup(site_dir / "en" / "index.html").select_one(".portal-home__hero img")
    assert english["alt"] == "A drawn test picture"
