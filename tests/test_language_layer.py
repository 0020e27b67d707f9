"""The multilingual behaviour of built sites: fallbacks, outdated notices, hreflang,
sitemaps, per-language search indexes, 404s, dates and news. Each rule is checked on a
small fixture site built for real in a temporary folder."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest

from conftest import build_or_fail, free_port, soup, write_site
from portal import dates, markdown_sections, translations

SITE = "http://127.0.0.1:8000/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}

LAND = """\
---
title: Vùng đất
description: Địa lý của tỉnh thử.
---

# Vùng đất

Rừng ngập mặn ven biển.

## Khu công nghiệp Đất Mũi

Khu công nghiệp gần biển.
"""
LAND_EN = """\
---
title: Land
description: Geography of the test province.
---

# Land

Coastal mangrove forest.

## Industrial zones {#industrial-zones}

An industrial zone near the sea.
"""
INVEST_OLD = "---\ntitle: Đầu tư\ndescription: Đầu tư vào tỉnh thử.\n---\n\n# Đầu tư\n\nHai khu công nghiệp.\n"
INVEST_NEW = INVEST_OLD.replace("Hai khu công nghiệp.", "Ba khu công nghiệp.")
INVEST_EN = "---\ntitle: Invest\ndescription: Investing in the test province.\n---\n\n# Invest\n\nTwo industrial zones.\n"
KHMER_HOME = ("---\ntitle: ទំព័រដើម\ndescription: ទំព័រដើមនៃខេត្តសាកល្បង។\n---\n\n# ទំព័រដើម\n\n"
              "ខេត្តនេះមានព្រៃកោងកាងនៅជ្រោយសមុទ្រ និងព្រៃស្មាច់ដ៏ធំ។\n")
EXTRA = """\
extra:
  locales:
    en: en_GB
  province:
    name: {vi: Tỉnh Thử, en: Test Province, km: ខេត្តសាកល្បង}
    publisher: {vi: Ủy ban Thử, en: Test Committee, km: គណៈកម្មាធិការសាកល្បង}
    official_portal: https://example.org/
"""


def post(title: str, day: int, language: str = "vi") -> str:
    description = {"vi": f"Tin {title}.", "en": f"News {title}.", "km": f"ព័ត៌មាន {title}។"}[language]
    return f"---\ntitle: {title}\ndescription: {description}\ndate: 2025-03-{day:02d}\n---\n\n# {title}\n\n{description}\n"


def fixture_pages() -> dict[str, str]:
    old_fingerprints = markdown_sections.section_fingerprints(INVEST_OLD)
    pages = {
        "index.md": "---\ntitle: Trang chủ\ndescription: Trang chủ tỉnh thử.\n---\n\n# Trang chủ\n\nĐất Mũi.\n",
        "index.en.md": "---\ntitle: Home\ndescription: The test province's home.\n---\n\n# Home\n\nThe cape.\n",
        "index.km.md": KHMER_HOME,
        "land/index.md": LAND,
        "land/index.en.md": translations.with_record(LAND_EN, markdown_sections.section_fingerprints(LAND)),
        "invest/index.md": INVEST_NEW,
        "invest/index.en.md": translations.with_record(INVEST_EN, old_fingerprints),
        "news/index.md": "---\ntitle: Tin tức\ndescription: Tin tức tỉnh thử.\n---\n\n# Tin tức\n\n<!-- news-list -->\n",
        "news/index.en.md": "---\ntitle: News\ndescription: News of the test province.\n---\n\n# News\n\n<!-- news-list -->\n",
        "news/index.km.md": "---\ntitle: ព័ត៌មាន\ndescription: ព័ត៌មានខេត្តសាកល្បង។\n---\n\n# ព័ត៌មាន\n\n<!-- news-list -->\n",
    }
    for day in range(1, 13):
        pages[f"news/tin-{day:02d}.md"] = post(f"Tin số {day}", day)
    for day in (2, 5, 9):
        pages[f"news/tin-{day:02d}.en.md"] = post(f"Story {day}", day, "en")
    pages["news/tin-05.km.md"] = post("ព័ត៌មានទី 5", 5, "km")
    pages["status.md"] = "---\ntitle: Tình trạng\ndescription: Tình trạng bản dịch.\n---\n\n# Tình trạng\n\n<!-- translation-status -->\n"
    return pages


NAV = """
nav:
  - Trang chủ: index.md
  - Vùng đất:
      - land/index.md
  - Đầu tư:
      - invest/index.md
  - Tin tức:
      - news/index.md
"""


@pytest.fixture(scope="module")
def fixture_config(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("language-layer")
    return write_site(root, fixture_pages(), extra_yaml=EXTRA, languages=("vi", "en", "km"), nav=NAV)


@pytest.fixture(scope="module")
def built(fixture_config) -> Path:
    return build_or_fail(fixture_config, fixture_config.parent / "site")


def hreflangs(html) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in html.select('head link[rel="alternate"][hreflang]')}


# --- fallback pages ---------------------------------------------------------------------

def test_fallback_page_says_so_in_the_readers_language_and_links_the_original(built):
    html = soup(built / "km" / "land" / "index.html")
    assert html.html["lang"] == "km"
    notice = html.select_one(".portal-notice--fallback")
    assert "ទំព័រនេះមិនទាន់បានបកប្រែជាភាសាខ្មែរ" in notice.get_text()
    assert "វៀតណាម" in notice.get_text()
    link = notice.find("a")
    assert urljoin("/km/land/", link["href"]) == "/land/"
    assert link["hreflang"] == "vi"


def test_fallback_content_is_marked_with_its_real_language_and_noindex(built):
    html = soup(built / "km" / "land" / "index.html")
    content = html.select_one("div.portal-fallback")
    assert content["lang"] == "vi"
    assert "Rừng ngập mặn" in content.get_text()
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert html.find("link", rel="canonical")["href"] == SITE + "land/"
    assert hreflangs(html) == {}


def test_real_translation_has_no_notice_and_is_indexable(built):
    html = soup(built / "en" / "land" / "index.html")
    assert html.select_one(".portal-notice") is None
    assert html.select_one("div.portal-fallback") is None
    assert html.find("meta", attrs={"name": "robots"}) is None


def test_outdated_translation_names_the_date_of_the_change_and_links_the_original(built):
    html = soup(built / "en" / "invest" / "index.html")
    notice = html.select_one(".portal-notice--outdated")
    assert notice is not None
    text = " ".join(notice.get_text().split())
    changed = dt.date.fromtimestamp((built.parent / "docs" / "invest" / "index.md").stat().st_mtime)
    expected = dates.format_for_reader(changed, "en", {"en": "en_GB"})
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", expected)
    assert f"The Vietnamese original of this page changed on {expected}" in text
    assert urljoin("/en/invest/", notice.find("a")["href"]) == "/invest/"


# --- links between languages -----------------------------------------------------------

def test_hreflang_links_are_absolute_real_translations_plus_x_default(built):
    assert hreflangs(soup(built / "en" / "land" / "index.html")) == {
        "vi": SITE + "land/", "en": SITE + "en/land/", "x-default": SITE + "land/"}
    home = hreflangs(soup(built / "km" / "index.html"))
    assert home == {"vi": SITE, "en": SITE + "en/", "km": SITE + "km/", "x-default": SITE}


def test_switcher_on_a_page_without_translation_lands_on_its_fallback(built):
    html = soup(built / "land" / "index.html")
    links = {a["hreflang"]: a["href"] for a in html.select("a.md-select__link")}
    assert urljoin("/land/", links["km"]) == "/km/land/"
    assert (built / "km" / "land" / "index.html").is_file()


def test_heading_anchors_are_ascii_and_explicit_ids_are_kept(built):
    assert soup(built / "land" / "index.html").find(id="khu-cong-nghiep-dat-mui") is not None
    assert soup(built / "en" / "land" / "index.html").find(id="industrial-zones") is not None
    for path in built.rglob("*.html"):
        for element in soup(path).select("[id]"):
            assert element["id"].isascii(), f"{path}: id {element['id']!r}"


# --- sitemaps and robots -----------------------------------------------------------------

def sitemap_entries(path: Path) -> dict[str, dict[str, str]]:
    tree = ElementTree.parse(path)
    return {
        url.find("s:loc", NS).text: {link.get("hreflang"): link.get("href")
                                     for link in url.findall("x:link", NS)}
        for url in tree.getroot().findall("s:url", NS)
    }


def test_each_language_sitemap_lists_only_its_real_pages(built):
    km = sitemap_entries(built / "km" / "sitemap.xml")
    assert SITE + "km/" in km
    assert SITE + "km/land/" not in km and SITE + "km/invest/" not in km
    vi = sitemap_entries(built / "sitemap.xml")
    assert vi[SITE + "land/"] == {"vi": SITE + "land/", "en": SITE + "en/land/", "x-default": SITE + "land/"}
    robots = (built / "robots.txt").read_text(encoding="utf-8")
    assert [line for line in robots.splitlines() if line.startswith("Sitemap:")] == [
        f"Sitemap: {SITE}sitemap.xml", f"Sitemap: {SITE}en/sitemap.xml", f"Sitemap: {SITE}km/sitemap.xml"]


def test_every_hreflang_link_matches_the_sitemaps_and_a_built_file(built):
    listed = {}
    for sitemap in [built / "sitemap.xml", *built.glob("*/sitemap.xml")]:
        listed.update(sitemap_entries(sitemap))
    for path in built.rglob("index.html"):
        links = hreflangs(soup(path))
        if not links:
            continue
        own = SITE + path.parent.relative_to(built).as_posix().strip(".") + "/"
        own = own.replace("//", "/").replace("http:/", "http://")
        assert own in listed, f"{own} has hreflang links but is in no sitemap"
        assert listed[own] == links, f"{own}: page and sitemap disagree"
        for href in links.values():
            target = built / urlsplit(href).path.lstrip("/") / "index.html"
            assert target.is_file(), f"{own}: hreflang to missing {href}"
            assert soup(target).find("meta", attrs={"name": "robots"}) is None


# --- search ------------------------------------------------------------------------------

def index(built: Path, folder: str = "") -> dict:
    return json.loads((built / folder / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_each_language_has_its_own_index_of_its_real_pages(built):
    english = index(built, "en")
    locations = {doc["location"].split("#")[0] for doc in english["docs"]}
    assert locations == {"", "land/", "invest/", "news/", "news/tin-02/", "news/tin-05/", "news/tin-09/"}
    khmer = {doc["location"].split("#")[0] for doc in index(built, "km")["docs"]}
    assert khmer == {"", "news/", "news/tin-05/"}  # no fallback copies
    vietnamese = index(built)
    assert vietnamese["config"]["lang"] == ["vi"]
    assert all(not doc["location"].startswith(("en/", "km/")) for doc in vietnamese["docs"])


def test_khmer_index_text_is_split_into_words_with_zero_width_spaces(built):
    home = next(doc for doc in index(built, "km")["docs"] if doc["location"] == "")
    assert "\u200b" in home["text"]
    words = home["text"].replace("<p>", "").replace("</p>", "").split("\u200b")
    assert "ព្រៃ" in words or any(word.startswith("ព្រៃ") for word in words)
    assert "\\u200b" in index(built, "km")["config"]["separator"]


def test_pages_point_search_at_their_language_index(built):
    config = json.loads(soup(built / "en" / "land" / "index.html").find(id="__config").string)
    assert urljoin("/en/land/", config["base"]) == "/en/"
    assert "portal-search.js?material=search." in config["search"]


# --- 404 -----------------------------------------------------------------------------------

@pytest.mark.parametrize("folder,language,title", [
    ("", "vi", "Không tìm thấy trang"), ("en", "en", "Page not found"), ("km", "km", "រកមិនឃើញទំព័រ")])
def test_not_found_page_per_language(built, folder, language, title):
    html = soup(built / folder / "404.html")
    assert html.html["lang"] == language
    assert html.select_one("article h1").get_text(strip=True) == title
    home = html.select_one('article a.md-button')["href"]
    assert home == "/" + (folder + "/" if folder else "")
    assert html.select_one('article label[for="__search"]') is not None


def test_preview_server_serves_each_languages_404(fixture_config):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
         "--config-file", str(fixture_config)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=fixture_config.parent)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or server.poll() is not None:
                    raise AssertionError("mkdocs serve did not start")
                time.sleep(0.3)
        for path, expected in (("/en/no-such-page/", "Page not found"), ("/km/nope/", "រកមិនឃើញទំព័រ"),
                               ("/nope/", "Không tìm thấy trang")):
            with pytest.raises(urllib.error.HTTPError) as error:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5)
            assert error.value.code == 404
            assert expected in error.value.read().decode("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=10)


# --- dates ---------------------------------------------------------------------------------

def test_dates_are_formatted_per_locale_by_babel():
    day = dt.date(2026, 11, 23)
    assert dates.format_for_reader(day, "vi") == "23 tháng 11, 2026"
    assert dates.format_for_reader(day, "en", {"en": "en_GB"}) == "23 November 2026"
    assert dates.format_for_reader("2026-11-23", "km") == "ថ្ងៃទី 23 ខែវិច្ឆិកា ឆ្នាំ 2026"


# --- news ----------------------------------------------------------------------------------

def listed_titles(path: Path) -> list[str]:
    return [a.get_text(strip=True) for a in soup(path).select(".portal-news__item h2 a")]


def test_news_listing_is_newest_first_and_paginated_past_ten(built):
    first = listed_titles(built / "news" / "index.html")
    assert first == [f"Tin số {day}" for day in range(12, 2, -1)]
    second = listed_titles(built / "news" / "page" / "2" / "index.html")
    assert second == ["Tin số 2", "Tin số 1"]
    older = soup(built / "news" / "index.html").select_one('.portal-news__pages a[rel="next"]')
    assert urljoin("/news/", older["href"]) == "/news/page/2/"
    assert "Trang 1/2" in soup(built / "news" / "index.html").select_one(".portal-news__pages").get_text()


def test_news_listing_in_a_language_shows_only_its_own_posts(built):
    assert listed_titles(built / "en" / "news" / "index.html") == ["Story 9", "Story 5", "Story 2"]
    assert listed_titles(built / "km" / "news" / "index.html") == ["ព័ត៌មានទី 5"]
    assert not (built / "en" / "news" / "page").exists()
    item = soup(built / "en" / "news" / "index.html").select_one(".portal-news__date time")
    assert item["datetime"] == "2025-03-09" and item.get_text() == "9 March 2025"


def test_feeds_per_language_have_absolute_links_to_real_posts_only(built):
    def items(path):
        root = ElementTree.parse(path).getroot()
        return [(item.findtext("title"), item.findtext("link")) for item in root.iter("item")]

    english = items(built / "en" / "news" / "feed.xml")
    assert english == [("Story 9", SITE + "en/news/tin-09/"), ("Story 5", SITE + "en/news/tin-05/"),
                       ("Story 2", SITE + "en/news/tin-02/")]
    assert len(items(built / "news" / "feed.xml")) == 12
    assert items(built / "km" / "news" / "feed.xml") == [("ព័ត៌មានទី 5", SITE + "km/news/tin-05/")]
    feed_link = soup(built / "en" / "land" / "index.html").find("link", type="application/rss+xml")
    assert urljoin("/en/land/", feed_link["href"]) == "/en/news/feed.xml"


def test_post_shows_its_publication_date_in_the_readers_language(built):
    published = soup(built / "news" / "tin-03" / "index.html").select_one(".portal-published time")
    assert published.get_text() == "Đăng ngày 3 tháng 3, 2025"
    khmer = soup(built / "km" / "news" / "tin-05" / "index.html").select_one(".portal-published time")
    assert khmer.get_text() == "ចេញផ្សាយនៅថ្ងៃទី 5 ខែមីនា ឆ្នាំ 2025"


def test_status_page_lists_outdated_and_missing_translations(built):
    html = soup(built / "status" / "index.html")
    english = html.select_one("#translation-en").parent
    headings = [h3.get_text() for h3 in english.select("h3")]
    assert headings[0] == "Bản gốc đã thay đổi (1)"
    outdated = english.select("ul")[0]
    assert [li.get_text() for li in outdated.select("li")] == ["invest/index.md"]
    assert urljoin("/status/", outdated.a["href"]) == "/invest/"
    khmer = html.select_one("#translation-km").parent
    assert any(h3.get_text().startswith("Chưa dịch") for h3 in khmer.select("h3"))
    assert float(khmer.progress["value"]) < 50
