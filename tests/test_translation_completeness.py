"""A translation marked up to date must carry all of its source: every section, figure,
link and list item. An abridged one is `incomplete`: named with the source's file:line,
not counted as covered, refused by --mark unless --force --reason, and noticed on the page."""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, build_or_fail, soup, write_site
from portal import figures, site, translations as tr
from portal.completeness import check
from portal.translation_cli import main

SCHEMA = json.loads((ROOT / "src" / "portal" / "schemas" / "translation-status.schema.json")
                    .read_text(encoding="utf-8"))

SOURCE = """\
---
title: Đầu tư
description: Đầu tư vào tỉnh thử.
---

# Đầu tư

Tỉnh thử rộng 7.942,39 km².

## Năng lượng

Cụm khí – điện – đạm khánh thành ngày 26/10/2012; 16 nhà máy điện gió hơn 870 MW.

## Khu công nghiệp

Khu công nghiệp rộng 327,13 ha (số liệu năm 2021).

## Liên hệ

- Ban Quản lý Khu kinh tế.
- Xem thêm trang [Tin tức](../news/index.md).
"""

COMPLETE = """\
---
title: Invest
description: Investing in the test province.
---

# Invest

The test province covers 7,942.39 km².

## Energy

The gas–power–fertiliser complex was inaugurated on 26 October 2012; 16 wind farms of over 870 MW.

## Industrial parks

The industrial park covers 327.13 ha (2021 figures).

## Contacts

- The Economic Zone Authority.
- See also the [News](../news/index.md) page.
"""

# The energy section and the second contact are left out.
ABRIDGED = """\
---
title: Invest
description: Investing in the test province.
---

# Invest

The test province covers 7,942.39 km².

## Industrial parks

The industrial park covers 327.13 ha (2021 figures).

## Contacts

- The Economic Zone Authority.
"""

NEWS = "---\ntitle: Tin\ndescription: Tin.\n---\n# Tin\n\nTin tức.\n"
NEWS_EN = "---\ntitle: News\ndescription: News.\n---\n# News\n\nNews.\n"


# --- figures read the same in every language -------------------------------------------

@pytest.mark.parametrize("vietnamese, other, language", [
    ("7.942,39 km²", "7,942.39 km²", "en"),
    ("1.234,5 tỷ đồng", "1,234.5 billion VND", "en"),
    ("ngày 26/3/2021", "on 26 March 2021", "en"),
    ("ngày 26/3/2021", "ថ្ងៃទី ២៦ ខែមីនា ឆ្នាំ ២០២១", "km"),
    ("ngày 26/3/2021", "ថ្ងៃទី26ខែមីនាឆ្នាំ2021", "km"),
    ("ngày 26/3/2021", "2021年3月26日", "zh"),
    ("từ 15–17/3/2025", "from 15–17 March 2025", "en"),
    ("tháng 12/2013", "December 2013", "en"),
    ("tháng 12 năm 2013", "in December 2013", "en"),
    ("ngày 6 tháng 3 năm 2025", "6 March 2025", "en"),
    ("SGGP, 28/11/2025 và 5/12/2025", "SGGP, 28 November and 5 December 2025", "en"),
    ("năm 2013", "December 2013", "en"),
    ("41.862 ha", "៤១,៨៦២ ហិកតា", "km"),
])
def test_a_figure_written_the_languages_way_is_the_same_figure(vietnamese, other, language):
    assert figures.missing(vietnamese, "vi", other, language) == []


@pytest.mark.parametrize("vietnamese, other, language, lacking", [
    ("ngày 26/3/2021", "on 26 April 2021", "en", "2021-03-26"),
    ("bờ biển 310 km", "a coastline of 254 km", "en", "310"),
    ("từ 15–17/3/2025", "on 17 March 2025", "en", "15"),
    ("tháng 12/2013", "December 2014", "en", "2013-12"),
    ("7.942,39 km²", "7,942 km²", "en", "794239"),
    ("16 nhà máy", "ផលិតផល", "km", "16"),
])
def test_a_missing_or_different_figure_is_caught(vietnamese, other, language, lacking):
    assert [figure.key for figure in figures.missing(vietnamese, "vi", other, language)] == [lacking]


def test_code_links_comments_and_attributes_hold_no_figures():
    text = 'Màu `#00695c` <!-- key-figures: area --> [x](a/2020.md){ width="320" } https://e.org/2019'
    assert figures.figures(text, "vi") == []


# --- pages -----------------------------------------------------------------------------

def test_sections_are_matched_by_structure_and_figures_not_heading_text():
    found = check(SOURCE, "vi", ABRIDGED, "en")
    assert found.missing_sections == [{"heading": "Năng lượng", "line": 10}]
    assert [(item["text"], item["line"]) for item in found.missing_figures] == [
        ("26/10/2012", 12), ("16", 12), ("870", 12)]
    kinds = sorted(gap["kind"] for gap in found.other_gaps)
    assert kinds == ["link", "list-items"]
    assert check(SOURCE, "vi", COMPLETE, "en").complete


def test_a_changed_heading_level_is_formatting_not_a_missing_section():
    relevelled = SOURCE.replace("## Khu công nghiệp", "### Khu công nghiệp")
    assert check(relevelled, "vi", COMPLETE, "en").complete


def test_a_translation_much_shorter_than_its_source_is_incomplete_when_configured():
    long_source = SOURCE + "\n" + ("Câu văn dài không có con số nào cả. " * 20) + "\n"
    found = check(long_source, "vi", COMPLETE, "en", min_length_ratio=0.9)
    assert [gap["kind"] for gap in found.other_gaps] == ["length"]
    assert check(long_source, "vi", COMPLETE, "en").complete  # not configured: not judged


def git(repo: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Editor", GIT_AUTHOR_EMAIL="editor@example.org",
               GIT_COMMITTER_NAME="Editor", GIT_COMMITTER_EMAIL="editor@example.org")
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True, env=env).stdout


EXTRA = """\
extra:
  translation:
    fail_under: {en: 90}
  province:
    name: {vi: Tỉnh Thử, en: Test Province}
    publisher: {vi: Ủy ban Thử, en: Test Committee}
    official_portal: https://example.org/
"""


@pytest.fixture
def abridged_site(tmp_path):
    config = write_site(tmp_path, {
        "index.md": "---\ntitle: T\ndescription: D\n---\n# T\n",
        "invest/index.md": SOURCE, "invest/index.en.md": ABRIDGED,
        "news/index.md": NEWS, "news/index.en.md": NEWS_EN,
        "about/translation-status.md": "---\ntitle: Tình trạng\ndescription: D\n---\n# Tình trạng\n\n"
                                       "<!-- translation-status -->\n",
    }, extra_yaml=EXTRA)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "indicators.yml").write_text(textwrap.dedent("""\
        indicators:
          - id: coastline
            label: {vi: "Bờ biển 310 km", en: "Coastline"}
            value: 310
            source: {title: "Báo", kind: press-report, date: 2025-09-11}
        """), encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "pages")
    return config


def mark(config, page, *extra):
    return main(["--config", str(config), "--mark", page, "--lang", "en", *extra])


def test_mark_refuses_an_abridged_translation_naming_what_is_missing(abridged_site, capsys):
    translation = abridged_site.parent / "docs" / "invest" / "index.en.md"
    before = translation.read_text(encoding="utf-8")
    assert mark(abridged_site, "docs/invest/index.md") == 1
    error = capsys.readouterr().err
    assert "docs/invest/index.md:10: section “Năng lượng” is missing" in error
    assert "docs/invest/index.md:12: figure 870 is missing" in error
    assert "--force --reason" in error
    assert translation.read_text(encoding="utf-8") == before  # nothing written


def test_force_needs_a_reason(abridged_site, capsys):
    assert mark(abridged_site, "docs/invest/index.md", "--force") == 2
    assert "--reason" in capsys.readouterr().err


def test_an_incomplete_translation_is_reported_and_counts_as_not_covered(abridged_site, capsys):
    # Marked before the check existed (or by hand): its record matches the source.
    translation = abridged_site.parent / "docs" / "invest" / "index.en.md"
    fingerprints = tr.md.section_fingerprints((abridged_site.parent / "docs" / "invest" / "index.md")
                                              .read_text(encoding="utf-8"))
    translation.write_text(tr.with_record(translation.read_text(encoding="utf-8"), fingerprints),
                           encoding="utf-8")
    assert mark(abridged_site, "docs/news/index.md") == 0
    capsys.readouterr()

    report = tr.build_report(site.load_site(abridged_site))
    status = report.page("invest/index.md").translations["en"]
    assert status.status == tr.INCOMPLETE
    assert status.missing_sections == [{"heading": "Năng lượng", "line": 10}]
    totals = report.totals()["en"]
    assert totals["incomplete"] == 1 and totals["up_to_date"] == 1
    assert totals["coverage"] < 50  # the invest page's words are not covered
    jsonschema.validate(report.to_json(), SCHEMA)

    assert main(["--config", str(abridged_site), "--gate", "--no-colour"]) == 1
    out, err = capsys.readouterr()
    assert "invest/index.md" in out and "incomplete" in out
    assert "  docs/invest/index.md:10: section “Năng lượng” is missing" in out
    assert "en: coverage" in err and "under 90.0%" in err


def test_force_with_a_reason_records_it_and_keeps_the_gaps_listed(abridged_site, capsys):
    reason = "Bản tiếng Anh rút gọn theo yêu cầu của Sở: phần năng lượng đang cập nhật"
    assert mark(abridged_site, "docs/invest/index.md", "--force", "--reason", reason) == 0
    text = (abridged_site.parent / "docs" / "invest" / "index.en.md").read_text(encoding="utf-8")
    assert f'  accepted_incomplete: "{reason}"\n' in text
    assert text.endswith(ABRIDGED.split("---\n", 2)[2])  # the body is untouched
    status = tr.build_report(site.load_site(abridged_site)).page("invest/index.md").translations["en"]
    assert status.status == tr.UP_TO_DATE and status.accepted_incomplete == reason
    capsys.readouterr()
    main(["--config", str(abridged_site), "--no-colour"])
    out = capsys.readouterr().out
    assert f"published abridged on purpose: {reason}" in out
    assert "docs/invest/index.md:10: section “Năng lượng” is missing" in out


def test_a_complete_translation_is_marked(abridged_site):
    (abridged_site.parent / "docs" / "invest" / "index.en.md").write_text(COMPLETE, encoding="utf-8")
    assert mark(abridged_site, "docs/invest/index.md") == 0
    status = tr.build_report(site.load_site(abridged_site)).page("invest/index.md").translations["en"]
    assert status.status == tr.UP_TO_DATE and status.accepted_incomplete is None


def test_the_page_and_the_status_page_tell_readers(abridged_site, tmp_path):
    translation = abridged_site.parent / "docs" / "invest" / "index.en.md"
    fingerprints = tr.md.section_fingerprints((abridged_site.parent / "docs" / "invest" / "index.md")
                                              .read_text(encoding="utf-8"))
    translation.write_text(tr.with_record(translation.read_text(encoding="utf-8"), fingerprints),
                           encoding="utf-8")
    built = build_or_fail(abridged_site, tmp_path / "site")
    notice = soup(built / "en" / "invest" / "index.html").select_one("aside.portal-notice--incomplete")
    assert notice is not None
    assert "does not yet carry everything in the Vietnamese original" in notice.get_text()
    assert notice.select_one("a")["href"] == "../../invest/"
    status_page = soup(built / "en" / "about" / "translation-status" / "index.html")
    section = status_page.select_one("#translation-en").find_parent("section")
    headings = [h3.get_text() for h3 in section.select("h3")]
    assert "Incomplete (1)" in headings
    assert "“Năng lượng”" in section.get_text()
    # The complete page has no notice.
    assert soup(built / "en" / "news" / "index.html").select_one("aside.portal-notice") is None


def test_a_data_field_whose_translation_lacks_a_figure_is_incomplete(abridged_site, capsys):
    report = tr.build_report(site.load_site(abridged_site))
    entry = next(item for item in report.data if item["field"] == "indicators[0].label")
    assert entry["translations"]["en"] == tr.INCOMPLETE
    assert entry["missing_figures"] == {"en": ["310"]}
    assert entry["file"] == "content/indicators.yml" and entry["line"] == 3
    jsonschema.validate(report.to_json(), SCHEMA)
    main(["--config", str(abridged_site), "--no-colour"])
    assert ("content/indicators.yml:3: indicators[0].label (en) is incomplete: lacks the figure(s) 310"
            in capsys.readouterr().out)


def test_the_real_portal_english_is_complete():
    report = tr.build_report(site.load_site(ROOT / "mkdocs.yml"))
    incomplete = [page.source for page in report.pages if page.translations["en"].status == tr.INCOMPLETE]
    assert incomplete == []


def test_the_khmer_pages_issue_17_found_abridged_are_complete_now():
    """invest, press, about, products, land and people were abridged (the home page is
    checked with the home page's own work)."""
    report = tr.build_report(site.load_site(ROOT / "mkdocs.yml"))
    for source in ("invest/index.md", "press/index.md", "about/index.md", "products/index.md",
                   "land/index.md", "people/index.md"):
        status = report.page(source).translations["km"]
        assert status.status != tr.INCOMPLETE, (source, status.missing_sections, status.missing_figures,
                                                status.other_gaps)
