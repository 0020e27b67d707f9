"""mkdocs.yml is the single source of truth: languages, sections and the province block."""

import pytest

from conftest import FIXTURES, ROOT, write_site
from portal import site


@pytest.fixture(scope="module")
def portal():
    return site.load_site(ROOT / "mkdocs.yml")


def test_portal_declares_vietnamese_source_then_english_and_khmer(portal):
    assert portal.codes == ("vi", "en", "km")
    assert portal.default_language.code == "vi"
    assert portal.default_language.link == "/"
    assert portal.language("en").link == "/en/"
    assert portal.language("km").link == "/km/"


def test_portal_sections_in_navigation_order(portal):
    assert [section.slug for section in portal.sections] == [
        "land", "people", "festivals", "products", "invest", "news", "press", "about",
    ]


def test_every_section_has_a_title_in_every_language(portal):
    english = {section.slug: section.titles["en"] for section in portal.sections}
    assert english == {
        "land": "Land", "people": "People", "festivals": "Festivals", "products": "Products",
        "invest": "Invest", "news": "News", "press": "Press room", "about": "About",
    }
    for section in portal.sections:
        assert section.titles["vi"] != section.titles["en"]
        # Khmer titles are written in Khmer script, not left in Vietnamese.
        assert any("\u1780" <= char <= "\u17ff" for char in section.titles["km"]), section


def test_every_section_index_exists_in_every_language(portal):
    for section in portal.sections:
        for code in portal.codes:
            suffix = "" if code == portal.default_language.code else f".{code}"
            page = portal.docs_dir / section.slug / f"index{suffix}.md"
            assert page.is_file(), f"missing {page}"


def test_province_block_names_the_province_in_each_language(portal):
    names = portal.province["name"]
    assert set(names) == set(portal.codes)
    assert site.localized(names, "km", "vi") != names["vi"]


def test_second_province_has_its_own_languages_and_sections():
    cao_bang = site.load_site(FIXTURES / "cao-bang" / "mkdocs.yml")
    assert cao_bang.codes == ("vi", "en", "zh")
    assert [section.slug for section in cao_bang.sections] == ["travel", "culture"]
    assert cao_bang.sections[0].titles == {"vi": "Du lịch", "en": "Travel", "zh": "旅游"}


def test_missing_configuration_file_is_a_clear_error(tmp_path):
    with pytest.raises(site.SiteConfigError, match="no such configuration file"):
        site.load_site(tmp_path / "mkdocs.yml")


def test_province_text_missing_for_a_language_names_key_and_language(tmp_path):
    config = write_site(tmp_path, {"index.md": "# x\n"}, extra_yaml=(
        "extra:\n  province:\n    name: {vi: A}\n    publisher: {vi: B, en: C}\n"
        "    official_portal: https://example.org/\n"
    ))
    with pytest.raises(site.SiteConfigError) as error:
        site.load_site(config)
    assert "extra.province.name has no text for 'en'" in str(error.value)
    assert "publisher" not in str(error.value)


def test_province_block_with_wrong_types_is_rejected(tmp_path):
    config = write_site(tmp_path, {"index.md": "# x\n"}, extra_yaml=(
        "extra:\n  province:\n    name: Tỉnh\n    publisher: {vi: B, en: C}\n"
        "    official_portal: not a url\n"
    ))
    with pytest.raises(site.SiteConfigError) as error:
        site.load_site(config)
    message = str(error.value)
    assert "extra.province.name" in message
    assert "extra.province.official_portal" in message


def test_missing_province_block_says_where_to_add_it(tmp_path):
    config = write_site(tmp_path, {"index.md": "# x\n"}, extra_yaml="")
    with pytest.raises(site.SiteConfigError, match="'extra.province' is missing"):
        site.load_site(config)


def test_misspelt_province_setting_suggests_the_right_one(tmp_path):
    config = write_site(tmp_path, {"index.md": "# x\n"}, extra_yaml=(
        "extra:\n  province:\n    name: {vi: A, en: A}\n    publisher: {vi: B, en: C}\n"
        "    official_portal: https://example.org/\n    publsher: {vi: B}\n"
    ))
    with pytest.raises(site.SiteConfigError,
                       match="extra.province.publsher is not a known setting — did you mean 'publisher'"):
        site.load_site(config)
