"""The portal's own content: data-driven pages agree with their data, figures agree
across languages, Vietnamese is NFC with diacritics, Khmer pages are in Khmer script."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import pytest

from conftest import ROOT, soup
from portal import data_content, markdown_sections, site

PORTAL = site.load_site(ROOT / "mkdocs.yml")
CONTENT = ROOT / "content"
FESTIVALS = data_content.load(CONTENT, "festivals")
INDICATORS = data_content.load(CONTENT, "indicators")


def folder(code):
    return PORTAL.language(code).link.strip("/")


@pytest.mark.parametrize("code", PORTAL.codes)
def test_every_festival_has_a_page_in_every_language(portal_site, code):
    for festival in FESTIVALS:
        page = portal_site / folder(code) / "festivals" / festival["id"] / "index.html"
        html = soup(page)
        heading = html.select_one("article h1").get_text().replace("¶", "").strip()
        assert heading == festival["name"][code]
        assert html.html["lang"] == code
        assert html.select_one(".portal-notice") is None  # written in every language


def test_festival_calendar_is_ordered_by_date_and_links_each_page(portal_site):
    # The next 12 months' editions by date (portal.festival_dates), then past events.
    from portal import festival_dates

    today = festival_dates.build_today(ROOT)
    html = soup(portal_site / "en" / "festivals" / "index.html")
    links = [a for a in html.select("article li strong a")]
    coming = sorted((edition.start, f["id"]) for f in FESTIVALS for edition in festival_dates.next_editions(f, today, 3)
                    if edition.start < today.replace(year=today.year + 1, day=1))
    ids = [identifier for _, identifier in coming]
    ids += sorted((f for f in FESTIVALS if not festival_dates.next_editions(f, today, 1)),
                  key=lambda f: (festival_dates.announced(f)[-1].start, f["id"]))
    ids = [item if isinstance(item, str) else item["id"] for item in ids]
    assert [a["href"] for a in links] == [f"{identifier}/" for identifier in ids]


def test_dated_festivals_carry_valid_event_json_ld(portal_site):
    from portal import festival_dates

    today = festival_dates.build_today(ROOT)
    dated = [f for f in FESTIVALS if festival_dates.next_editions(f, today, 1)]
    assert dated
    for festival in dated:
        html = soup(portal_site / "en" / "festivals" / festival["id"] / "index.html")
        event = json.loads(html.find("script", type="application/ld+json").string)
        assert event["@type"] == "Event"
        for field in ("name", "startDate", "endDate", "location", "organizer"):
            assert event[field], field
        assert event["startDate"] == festival_dates.next_editions(festival, today, 1)[0].start.isoformat()


def test_key_indicators_table_and_downloads_come_from_the_same_data(portal_site):
    rows = soup(portal_site / "en" / "invest" / "index.html").select("article table tbody tr")
    assert [row.td.get_text() for row in rows] == [i["label"]["en"] for i in INDICATORS]
    table = list(csv.DictReader(io.StringIO((portal_site / "data" / "key-indicators.csv").read_text("utf-8"))))
    assert [row["id"] for row in table] == [i["id"] for i in INDICATORS]
    assert [float(row["value"]) for row in table] == [float(i["value"]) for i in INDICATORS]
    assert all(row["source"] for row in table)
    downloaded = json.loads((portal_site / "data" / "key-indicators.json").read_text("utf-8"))
    assert [i["value"] for i in downloaded["indicators"]] == [i["value"] for i in INDICATORS]
    links = [a["href"] for a in soup(portal_site / "en" / "invest" / "index.html").select("article a[download]")]
    assert links == ["../../data/key-indicators.csv", "../../data/key-indicators.json"]


def test_every_indicator_names_its_source_and_year():
    for indicator in INDICATORS:
        assert indicator["source"]["title"] and indicator["year"], indicator["id"]
        assert set(indicator["label"]) == set(PORTAL.codes), indicator["id"]


def test_home_key_figures_are_formatted_per_language(portal_site):
    def values(code):
        # The home shows its key figures as tiles (overrides/home.html), not as a table.
        return [" ".join(tile.get_text().split()) for tile in
                soup(portal_site / folder(code) / "index.html").select("article .portal-tile__figure")]

    assert values("vi")[0] == "7.942,39 km²" and values("en")[0] == "7,942.39 km²"
    assert values("en")[2] == "about 310 km" and values("vi")[2] == "khoảng 310 km"


# --- figures agree across languages -----------------------------------------------------

# Ordinals ("2nd lunar month") are words in Vietnamese ("tháng Hai"), not figures.
NUMBER = re.compile(r"\d(?:[\d.,]*\d)?(?:st|nd|rd|th)?")
KHMER_DIGITS_TO_ASCII = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")


def figures(text: str, code: str) -> set[str]:
    """The figures of a text as digit strings: separators differ by language ("7.942,39",
    "7,942.39") but the digits of one figure are the same in every language."""
    found = set()
    for match in NUMBER.finditer(text):
        # Khmer dates are written in Khmer digits (ថ្ងៃ១៥កើត): the same figure as 15.
        token = match.group(0).translate(KHMER_DIGITS_TO_ASCII)
        if not token.endswith(("st", "nd", "rd", "th")):
            found.add(re.sub(r"\D", "", token))
    return found


def translation_pairs():
    for path in sorted(PORTAL.docs_dir.rglob("*.md")):
        parts = path.name.split(".")
        if len(parts) == 3 and parts[1] in PORTAL.codes:
            source = path.with_name(f"{parts[0]}.md")
            if source.is_file():
                yield source, path, parts[1]


def test_translations_carry_no_figure_missing_from_their_source():
    pairs = list(translation_pairs())
    assert len(pairs) > 10
    for source, translation, code in pairs:
        body_source = markdown_sections.strip_front_matter(source.read_text("utf-8"))[0]
        body_translation = markdown_sections.strip_front_matter(translation.read_text("utf-8"))[0]
        extra = figures(body_translation, code) - figures(body_source, "vi")
        assert not extra, f"{translation.relative_to(ROOT)}: figures not in the source: {sorted(extra)}"


def test_figure_check_catches_a_stale_figure():
    assert figures("Coastline: about 254 km", "en") - figures("Bờ biển dài khoảng 310 km", "vi") == {"254"}
    assert figures("7,942.39 km²", "en") == figures("7.942,39 km²", "vi")


# --- text quality -------------------------------------------------------------------------

def test_all_text_is_nfc_and_vietnamese_keeps_its_diacritics():
    for path in list(PORTAL.docs_dir.rglob("*.md")) + list(CONTENT.rglob("*.yml")):
        text = path.read_text("utf-8")
        assert unicodedata.is_normalized("NFC", text), path
    for path in PORTAL.docs_dir.rglob("*.md"):
        if path.name.count(".") == 1:  # Vietnamese sources
            body = markdown_sections.strip_front_matter(path.read_text("utf-8"))[0]
            assert re.search("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", body), path


def test_khmer_pages_are_written_in_khmer_script():
    for path in PORTAL.docs_dir.rglob("*.km.md"):
        body = markdown_sections.strip_front_matter(path.read_text("utf-8"))[0]
        letters = [c for c in body if c.isalpha()]
        khmer = [c for c in letters if "\u1780" <= c <= "\u17ff"]
        assert len(khmer) > 0.5 * len(letters), path


def test_open_graph_and_json_ld_describe_each_page_in_its_language(portal_site):
    english = soup(portal_site / "en" / "land" / "index.html")
    assert english.find("meta", property="og:locale")["content"] == "en_GB"
    assert {m["content"] for m in english.find_all("meta", property="og:locale:alternate")} == {"vi_VN", "km_KH"}
    assert english.find("meta", property="og:title")["content"] == "Land"
    home = soup(portal_site / "km" / "index.html")
    website = [json.loads(s.string) for s in home.find_all("script", type="application/ld+json")]
    assert website[0]["@type"] == "WebSite" and website[0]["inLanguage"] == "km"
    assert website[0]["publisher"]["@type"] == "GovernmentOrganization"
    assert website[0]["publisher"]["name"] == PORTAL.province["publisher"]["km"]
    post = soup(portal_site / "en" / "news" / "khoi-cong-cang-hon-khoai" / "index.html")
    article = json.loads(post.find("script", type="application/ld+json").string)
    assert article["@type"] == "NewsArticle" and article["datePublished"] == "2025-08-19"
    assert article["headline"] and article["publisher"]["name"]


def test_locator_map_draws_the_country_and_the_marker_from_topojson():
    from portal import locator_map

    # Two unit squares as TopoJSON: country "1" at lon 0..1 and "2" at lon 1..2, lat 0..1.
    topology = {
        "type": "Topology", "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[0, 0], [1, 0], [0, 1], [-1, 0], [0, -1]], [[1, 0], [1, 0], [0, 1], [-1, 0], [0, -1]]],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0]], "id": "1"}, {"type": "Polygon", "arcs": [[1]], "id": "2"}]}},
    }
    svg = locator_map.draw(topology, "1", (0.5, 0.5), "Test", (0.0, 0.0, 2.0, 1.0), width=200)
    assert svg.count('class="home"') == 1 and svg.count('class="land"') == 1
    home = re.search(r'<path d="([^"]+)" class="home"/>', svg).group(1)
    assert home.startswith("M0,100") and "L100,100" in home  # lon 0..1 fills the left half
    assert '<circle class="mark" cx="50" cy="50"' in svg
    assert "<title id=\"locator-title\">Test</title>" in svg


@pytest.mark.parametrize("code", PORTAL.codes)
def test_land_page_shows_the_locator_map_with_alt_text_and_source(portal_site, code):
    html = soup(portal_site / folder(code) / "land" / "index.html")
    image = html.select_one('article img[src$="assets/locator-map.svg"]')
    assert image is not None and len(image["alt"]) > 20
    assert image["width"] and image["height"]
    assert "Natural Earth" in html.select_one("article").get_text()
    assert (portal_site / "assets" / "locator-map.svg").stat().st_size < 40_000


def test_invest_chart_is_drawn_from_the_indicators_with_its_source(portal_site):
    html = soup(portal_site / "invest" / "index.html")
    chart = html.select_one("figure.portal-chart")
    values = [span.get_text() for span in chart.select(".portal-chart__value")]
    assert values == ["34,86 %", "24,23 %", "36,49 %"]
    widths = [float(rect["width"]) for rect in chart.select("rect")]
    assert widths[2] == 100.0 and widths[0] == round(100 * 34.86 / 36.49, 1)  # services is the largest
    assert "UBND tỉnh" in chart.figcaption.get_text()


def test_places_on_a_page_carry_tourist_attraction_json_ld(portal_site):
    html = soup(portal_site / "km" / "land" / "index.html")
    items = [json.loads(script.string) for script in html.find_all("script", type="application/ld+json")]
    places = [item for item in items if item["@type"] == "TouristAttraction"]
    assert [place["name"] for place in places] == ["ឧទ្យានជាតិជ្រោយកាម៉ៅ", "ឧទ្យានជាតិ U Minh Hạ"]
    assert places[0]["geo"] == {"@type": "GeoCoordinates", "latitude": 8.683, "longitude": 104.783}
    assert "geo" not in places[1]  # no sourced coordinates, none given
