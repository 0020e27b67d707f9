"""What search treats as the same: Khmer look-alike spellings, invisible joiners, Khmer
and Arabic digits, Vietnamese diacritics, and the glossary's words (portal.search_index)."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, run_mkdocs_build, write_site
from portal import search_index

DA, TA, COENG, RO = "\u178a", "\u178f", "\u17d2", "\u179a"

# (variant a reader may type, the spelling in the page): each pair must match as one.
KHMER_LOOK_ALIKES = [
    ("ស្ដី", "ស្តី"),                      # COENG DA / COENG TA
    ("កណ្ដាល", "កណ្តាល"),
    ("ក្តាម", "ក្ដាម"),
    ("ស្រ្តី", "ស្ត្រី"),                  # COENG RO typed before COENG TA
    ("ភូមិសាស្រ្ត", "ភូមិសាស្ត្រ"),
    ("ស្រ្ដី", "ស្ត្រី"),                  # out of order and DA at once
    ("ឲ្យ", "ឱ្យ"),                        # the two independent vowels O
    ("ឣក្សរ", "អក្សរ"),                    # deprecated ឣ
    ("ឤរម្មណ៍", "អារម្មណ៍"),                # deprecated ឤ
    ("ព្រៃ\u200bស្មាច់", "ព្រៃស្មាច់"),       # ZERO WIDTH SPACE
    ("ឧទ្យាន\u200cជាតិ", "ឧទ្យានជាតិ"),      # ZWNJ
    ("ឧទ្យាន\u200dជាតិ", "ឧទ្យានជាតិ"),      # ZWJ
    ("ក\u17b4ម្ពុជា", "កម្ពុជា"),           # inherent-vowel sign U+17B4
    ("ឆ្នាំ ២០២៥", "ឆ្នាំ 2025"),            # Khmer digits
    ("សំខាន់ៗ", "សំខាន់"),                 # repetition sign
]
# Different words that must stay different.
KHMER_DISTINCT = [("ស្ដី", "ស្ទី"), ("ក្ដាម", "ក្តោម"), ("ឱ", "អូ")]


@pytest.mark.parametrize("typed, written", KHMER_LOOK_ALIKES)
def test_khmer_look_alikes_share_one_form(typed, written):
    assert search_index.canonical_khmer(typed) == search_index.canonical_khmer(written)


@pytest.mark.parametrize("first, second", KHMER_DISTINCT)
def test_different_khmer_words_stay_different(first, second):
    assert search_index.canonical_khmer(first) != search_index.canonical_khmer(second)


def test_canonical_form_is_stable_and_uses_coeng_ta_and_ro_last():
    for typed, written in KHMER_LOOK_ALIKES:
        once = search_index.canonical_khmer(typed)
        assert search_index.canonical_khmer(once) == once
        assert COENG + DA not in once
        assert COENG + RO + COENG not in once


def test_segmentation_drops_invisible_joiners_inside_khmer_only():
    segmented = search_index.segment_khmer("ឧទ្យាន\u200cជាតិ and \U0001F468\u200d\U0001F469")
    assert "\u200c" not in segmented
    assert segmented.split("\u200b")[0] == "ឧទ្យាន"
    assert "\U0001F468\u200d\U0001F469" in segmented, "an emoji's joiner was removed"


def test_fold_latin_drops_vietnamese_diacritics_and_d_stroke():
    assert search_index.fold_latin("Đất Mũi Hòn Khoai đảo") == "Dat Mui Hon Khoai dao"


def test_glossary_file_gives_english_words_for_vietnamese_ones():
    glossary = search_index.load_glossary(ROOT / "content" / "glossary.yml")
    pairs = search_index.search_glossary(glossary, "en", "vi")
    assert [["island"], ["hon"]] in pairs and [["island"], ["dao"]] in pairs
    assert [["cape"], ["mui"]] in pairs
    assert [["national", "park"], ["vuon", "quoc", "gia"]] in pairs
    assert search_index.search_glossary(glossary, "vi", "vi") == []
    khmer = search_index.search_glossary(glossary, "km", "vi")
    assert [["កោះ"], ["hon"]] in khmer


def test_glossary_holds_the_editors_terms(tmp_path):
    glossary = search_index.load_glossary(ROOT / "content" / "glossary.yml")
    terms = {entry["vi"][0]: entry for entry in glossary["terms"]}
    assert terms["rừng ngập mặn"]["en"] == ["mangrove forest"]
    assert terms["rừng tràm"]["km"] == ["ព្រៃស្មាច់"]
    assert search_index.load_glossary(tmp_path / "none.yml") == {"terms": [], "place_words": []}


@pytest.mark.parametrize("text, line, words", [
    ("terms:\n  - vi: mũi\n    en: [cape, {a: b}]\n", 3, "must be a text"),
    ("terms:\n  - vi: mũi\nplaces:\n  - vi: x\n", 3, "unknown list 'places'"),
    ("terms:\n  vi: mũi\n", 2, "must be a list"),
    ("terms:\n  - vi: mu\u0303i\n", 2, "not in NFC"),
    ("terms:\n  - vi: [mũi\n", 3, "not valid YAML"),
])
def test_glossary_mistakes_name_the_file_and_line(tmp_path, text, line, words):
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(search_index.GlossaryError) as error:
        search_index.load_glossary(path)
    assert f"{path}:{line}:" in str(error.value) and words in str(error.value)


def test_a_build_with_a_broken_glossary_fails_naming_it(tmp_path):
    config = write_site(tmp_path, {"index.md": "---\ntitle: Trang\ndescription: Thử\n---\n# Trang\n"})
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "glossary.yml").write_text("terms:\n  - vi: mũi\n    en: [cape, {a: b}]\n",
                                                       encoding="utf-8")
    result = run_mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "glossary.yml:3:" in result.stderr


def test_index_config_carries_the_khmer_table_only_where_there_is_khmer(portal_site):
    for folder in ("", "en/", "km/"):
        index = json.loads((portal_site / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        has_khmer = any(search_index.KHMER_RUN.search(doc["title"] + doc["text"]) for doc in index["docs"])
        assert has_khmer or folder != "km/"
        portal = index["config"]["portal"]
        assert ("khmer" in portal) == has_khmer, folder
        if has_khmer:
            assert [COENG + DA, COENG + TA] in portal["khmer"]
        assert "\\u17d7" in index["config"]["separator"]
