"""Khmer as Cambodian readers expect it: one kind of digit, dates as the body text writes
them, and the interface strings that embed a date read as one phrase."""

import datetime as dt
import re

import yaml

from conftest import ROOT
from portal import dates

KHMER_DIGIT = re.compile("[\u17e0-\u17e9]")
UI_KEY = re.compile(r'^\s*"([^"]+)":\s*"(.*)",?\s*$', re.MULTILINE)


def khmer_interface_texts():
    material = ROOT / "src" / "portal" / "theme" / "partials" / "languages" / "km.html"
    yield from (("km.html", key, value)
                for key, value in UI_KEY.findall(material.read_text("utf-8")))
    strings = yaml.safe_load((ROOT / "src" / "portal" / "theme" / "strings.yml").read_text("utf-8"))
    yield from (("strings.yml", key, texts["km"]) for key, texts in strings.items() if "km" in texts)


def test_khmer_interface_uses_arabic_digits_like_the_body_text():
    texts = list(khmer_interface_texts())
    assert len(texts) > 60
    mixed = [f"{file}: {key} = {value!r}" for file, key, value in texts if KHMER_DIGIT.search(value)]
    assert not mixed, "Khmer digits beside the Arabic ones the plural strings print: " + "; ".join(mixed)


def test_khmer_dates_follow_the_body_texts_pattern():
    assert dates.format_for_reader(dt.date(2026, 2, 3), "km") == "ថ្ងៃទី 3 ខែកុម្ភៈ ឆ្នាំ 2026"
    assert dates.format_for_reader("2025-03-06", "km", {"en": "en_GB"}) == "ថ្ងៃទី 6 ខែមីនា ឆ្នាំ 2025"
    # Other languages keep CLDR's long format.
    assert dates.format_for_reader(dt.date(2026, 2, 3), "vi") == "3 tháng 2, 2026"


def test_strings_that_embed_a_date_do_not_say_day_twice():
    sample = dates.format_for_reader(dt.date(2026, 2, 3), "km")
    for file, key, value in khmer_interface_texts():
        if "{date}" in value:
            shown = value.replace("{date}", sample)
            assert "ថ្ងៃទី ថ្ងៃទី" not in shown and "ថ្ងៃទីថ្ងៃទី" not in shown, f"{file}: {key}: {shown}"


def test_a_vietnamese_lunar_month_says_whose_calendar_it_is():
    strings = yaml.safe_load((ROOT / "src" / "portal" / "theme" / "strings.yml").read_text("utf-8"))
    khmer = [texts["km"] for texts in strings.values() if "{month}" in texts.get("km", "")]
    assert khmer and all("តាមចន្ទគតិវៀតណាម" in text for text in khmer), khmer


# Terms the Khmer review found wrong, with what a Cambodian reader expects instead.
MISLEADING_TERMS = {
    "សាលាឆាន់": "a salatel is a community hall: សាលាសហគមន៍ (salatel)",
    "វត្ថុបុរាណជាតិពិសេស": "a special national relic is a site: ទីតាំងប្រវត្តិសាស្ត្រជាតិពិសេស",
    "ចាត់តាំងជាតំបន់រ៉ាមសារ": "a Ramsar site is listed: ចុះបញ្ជីជាតំបន់រ៉ាមសារ",
    "ខេត្តព្រំដែន": "reads as a land-border province to a Cambodian",
    "ពិធីបុណ្យរបរ": "a trade festival is a មហោស្រព, not a religious ceremony",
    "ពិធីបុណ្យក្ដាម": "a trade festival is a មហោស្រព, not a religious ceremony",
}


def khmer_pages_outside(excluded):
    docs = ROOT / "docs"
    return [path for path in sorted(docs.rglob("*.km.md"))
            if not any(path.relative_to(docs).as_posix().startswith(prefix) for prefix in excluded)]


def test_khmer_pages_avoid_the_terms_the_review_found_misleading():
    # The home page and the festival pages are kept by other editors and checked there.
    pages = khmer_pages_outside(("index.km.md", "festivals/"))
    assert len(pages) >= 17
    found = [f"{path.relative_to(ROOT)}:{number}: {term} — {why}"
             for path in pages
             for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
             for term, why in MISLEADING_TERMS.items() if term in line]
    assert not found, "\n".join(found)
