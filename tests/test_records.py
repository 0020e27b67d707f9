"""Records (festivals, products, places) as card grids and pages: the real portal's
built HTML, and the rules of portal.records on small data."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, run_mkdocs_build, soup, write_site
from portal import data_content, records, site

PORTAL = site.load_site(ROOT / "mkdocs.yml")
LOCALES = PORTAL.config.extra.get("locales")
CONTENT = ROOT / "content"
DATA = {name: data_content.load(CONTENT, name) for name in records.KINDS}
SECTION_PAGES = {"festivals": "festivals", "products": "products", "places": "land"}


def folder(code: str) -> str:
    return PORTAL.language(code).link.strip("/")


def built(site_dir: Path, code: str, url: str) -> Path:
    return site_dir / folder(code) / url / "index.html"


@pytest.mark.parametrize("code", PORTAL.codes)
@pytest.mark.parametrize("kind_name", list(records.KINDS))
def test_section_grid_has_a_card_per_record_linking_its_page_in_the_same_language(portal_site, code, kind_name):
    kind = records.KINDS[kind_name]
    page = built(portal_site, code, SECTION_PAGES[kind_name])
    grid = soup(page).select_one("article div.grid.cards")
    assert grid is not None, f"{page}: no card grid"
    cards = grid.select("li > a.portal-card")
    assert len(cards) == len(DATA[kind_name])
    for card, record in zip(cards, DATA[kind_name]):
        assert card.select_one(".portal-card__title").get_text() == record["name"][code]
        target = (page.parent / card["href"]).resolve() / "index.html"
        assert target == built(portal_site, code, records.url(kind, record)).resolve(), card["href"]
        assert soup(target).html["lang"] == code
        # No photo in the real portal: every card carries the kind's pictogram, inline.
        assert card.select_one("picture") is None
        svg = card.select_one(".portal-card__media--pictogram svg")
        assert svg["aria-hidden"] == "true" and svg.select_one("path")


@pytest.mark.parametrize("code", PORTAL.codes)
@pytest.mark.parametrize("kind_name", ["products", "places"])
def test_every_product_and_place_has_a_page_in_every_language(portal_site, code, kind_name):
    kind = records.KINDS[kind_name]
    for record in DATA[kind_name]:
        html = soup(built(portal_site, code, records.url(kind, record)))
        assert html.html["lang"] == code
        assert html.select_one("article h1").get_text().replace("¶", "").strip() == record["name"][code]
        assert html.select_one(".portal-notice") is None  # written in every language
        alternates = {link["hreflang"]: link["href"] for link in html.select('link[rel="alternate"][hreflang]')}
        for other in PORTAL.codes:
            assert alternates[other].endswith("/" + "/".join(filter(None, [folder(other), records.url(kind, record)])))


@pytest.mark.parametrize("kind_name", list(records.KINDS))
def test_record_pages_have_hero_facts_with_sources_and_related_records(portal_site, kind_name):
    kind = records.KINDS[kind_name]
    for record in DATA[kind_name]:
        page = built(portal_site, "en", records.url(kind, record))
        article = soup(page).select_one("article")
        hero = article.select_one(".portal-record-hero")
        assert hero is not None and hero.find_previous_sibling("h1") is not None, page
        assert hero.select_one("svg.portal-pictogram")  # no photos in the real portal
        facts = article.select_one("section.portal-facts")
        labels = [dt.get_text() for dt in facts.select("dt")]
        assert "Sources" in labels, page
        shown_sources = [li.get_text() for li in facts.select(".portal-facts__sources li")]
        assert shown_sources == data_content.record_sources(record, "en", LOCALES)
        if kind_name == "festivals":
            assert labels[:2] == ["When", "Where"]
            assert facts.select("dd")[0].get_text() == record["when"]["en"]
        related = article.select("section.portal-related a.portal-card")
        expected = records.related(kind, record, DATA)
        assert [link.select_one(".portal-card__title").get_text() for link in related] == [
            other["name"]["en"] for _, other in expected], page
        for link, (other_kind, other) in zip(related, expected):
            target = (page.parent / link["href"]).resolve() / "index.html"
            assert target == built(portal_site, "en", records.url(other_kind, other)).resolve(), link["href"]
        assert article.select_one(".portal-gallery") is None  # a gallery needs several photos


def test_records_sharing_a_source_link_each_other(portal_site):
    """A craft and a festival declared heritage together are covered by the same report:
    each record's page leads to the other."""
    shared = [(kind, record) for kind in records.KINDS.values() for record in DATA[kind.name]
              if any(set(data_content.record_sources(record)) & set(data_content.record_sources(other))
                     for other_kind in records.KINDS.values() for other in DATA[other_kind.name] if other is not record)]
    assert shared
    for kind, record in shared:
        html = soup(built(portal_site, "en", records.url(kind, record)))
        assert html.select("section.portal-related a.portal-card"), records.url(kind, record)


def test_the_real_portal_shows_no_photograph(portal_site):
    """None with a known author, licence and place exists yet: no photo, no gallery."""
    assert not list((CONTENT / "photos").glob("*.yml"))
    for page in portal_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        assert "<picture" not in html and "portal-gallery" not in html, page


def test_place_pages_carry_tourist_attraction_json_ld(portal_site):
    kind = records.KINDS["places"]
    for record in DATA["places"]:
        html = soup(built(portal_site, "en", records.url(kind, record)))
        found = [json.loads(script.string) for script in html.select('script[type="application/ld+json"]')]
        places = [item for item in found if item["@type"] == "TouristAttraction"]
        assert len(places) == 1
        assert places[0]["name"] == record["name"]["en"]
        assert places[0]["url"].endswith("/en/" + records.url(kind, record))


def test_place_pages_sit_in_the_section_that_describes_them():
    place = {"id": "mui", "page": "land/index.md"}
    assert records.url(records.KINDS["places"], place) == "land/mui/"
    assert records.url(records.KINDS["places"], {"id": "mui"}) == "places/mui/"
    assert records.norm_path(records.KINDS["products"], {"id": "tom"}) == "products/tom.md"


def test_related_records_come_from_the_data_never_from_guesses():
    festivals = records.KINDS["festivals"]
    everything = {
        "festivals": [
            {"id": "a", "date": {"calendar": "khmer-lunisolar"}, "sources": ["Report X, 2023"]},
            {"id": "b", "date": {"calendar": "khmer-lunisolar"}},
            {"id": "c", "date": {"calendar": "gregorian"}},
        ],
        "products": [{"id": "p", "source": "Report X, 2023"}, {"id": "q"}],
        "places": [{"id": "named"}],
    }
    chosen = records.related(festivals, dict(everything["festivals"][0], related=["named"]), everything)
    # named first, then the record citing the same report, then the same calendar
    assert [(kind.name, record["id"]) for kind, record in chosen] == [
        ("places", "named"), ("products", "p"), ("festivals", "b")]
    assert records.related(festivals, everything["festivals"][2], everything) == []
    # products alike in kind, by the kind's source-language text
    products = [{"id": "x", "kind": {"vi": "Chỉ dẫn địa lý", "en": "GI"}},
                {"id": "y", "kind": {"vi": "Chỉ dẫn địa lý", "en": "Geographical indication"}},
                {"id": "z", "kind": {"vi": "Di sản", "en": "Heritage"}}]
    chosen = records.related(records.KINDS["products"], products[0], {"products": products})
    assert [record["id"] for _, record in chosen] == ["y"]


def test_photos_hero_first_then_the_gallery_each_once():
    assert records.photo_ids({"photo": "a", "photos": ["b", "a", "c"]}) == ["a", "b", "c"]
    assert records.photo_ids({"photos": ["b", "c"]}) == ["b", "c"]
    assert records.photo_ids({}) == []


def test_record_page_front_matter_names_its_photo_for_the_social_card():
    product = {"id": "p", "name": {"vi": "Tôm"}, "kind": {"vi": "Chỉ dẫn địa lý"}, "photo": "tom"}
    markdown = records.page_markdown(records.KINDS["products"], product, "vi", "vi")
    front = markdown.split("---")[1]
    assert 'image: "tom"' in front and 'record: "products/p"' in front
    assert "image:" not in records.page_markdown(records.KINDS["products"], dict(product, photo=None), "vi", "vi")


def test_pictograms_are_material_icons_inlined_without_requests():
    for kind in records.KINDS.values():
        svg = records.pictogram(kind.icon)
        assert (records.ICONS / f"{kind.icon}.svg").is_file()
        assert svg.startswith("<svg ") and 'aria-hidden="true"' in svg and 'focusable="false"' in svg
        assert "href" not in svg and "<use" not in svg


def test_a_record_naming_a_photo_the_site_lacks_fails_the_strict_build(tmp_path):
    config = write_site(tmp_path, {
        "index.md": "---\ntitle: Trang chủ\ndescription: Trang chủ.\n---\n\n# Trang chủ\n",
        "index.en.md": "---\ntitle: Home\ndescription: Home.\n---\n\n# Home\n",
        "products/index.md": "---\ntitle: Sản phẩm\ndescription: Sản phẩm.\n---\n\n# Sản phẩm\n\n<!-- product-cards -->\n",
    })
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "products.yml").write_text(textwrap.dedent("""\
        products:
          - id: tom
            name: {vi: Tôm, en: Shrimp}
            kind: {vi: Chỉ dẫn địa lý, en: Geographical indication}
            photo: no-such-photo
        """), encoding="utf-8")
    result = run_mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "content/products.yml: record 'tom' names photo 'no-such-photo'" in result.stderr


def test_a_festival_dates_block_sits_under_the_lead_and_sources_may_be_records():
    festival = {"id": "f", "name": {"vi": "Lễ hội"}, "summary": {"vi": "Tóm tắt."},
                "sources": [{"title": "Báo A", "date": "2025-03-06"}, "Báo B, 2024"]}
    markdown = records.page_markdown(records.KINDS["festivals"], festival, "vi", "vi",
                                     dates='<div class="portal-festival-dates">Lần tới: 6/3/2026</div>')
    body = markdown.split("---", 2)[2]
    assert body.index("Tóm tắt.") < body.index("portal-festival-dates") < body.index(records.FACTS)
    assert data_content.record_sources(festival) == ["Báo A, 2025-03-06", "Báo B, 2024"]


@pytest.mark.parametrize("code", PORTAL.codes)
def test_product_pages_carry_their_details_and_every_source_also_in_the_products_table(portal_site, code):
    detailed = [product for product in DATA["products"] if product.get("details")]
    assert detailed, "no product has details: the product pages are bare"
    table = soup(built(portal_site, code, "products")).select("article table")[-1].get_text(" ")
    for product in detailed:
        page = soup(built(portal_site, code, "products/" + product["id"]))
        details = " ".join(page.select_one("article").get_text(" ").split())
        assert " ".join(product["details"][code].split()) in details
        listed = [item.get_text() for item in page.select(".portal-facts__sources li")]
        assert listed == data_content.record_sources(product, code, LOCALES) and listed
        for line in listed:
            assert line in table, f"{product['id']}: {line} missing from the products table"
