"""Every figure names a dated source (make check: scripts/check_content.py), the kind of
each source is shown to the press, and passed review dates are warned about."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, build_or_fail, soup, write_site
from portal import sources

EXTRA = """\
extra:
  locales: {en: en_GB}
  province:
    name: {vi: Tỉnh Thử, en: Test Province}
    publisher: {vi: Ủy ban Thử, en: Test Committee}
    official_portal: https://example.org/
    official_portal_checked: {as_of: 2019-10-25, review: 2030-01-31}
"""

SOURCED = """\
---
title: Vùng đất
description: Địa lý.
---

# Vùng đất

Bờ biển dài khoảng 310 km.

Sân bay tạm đóng cửa đến ngày 31/10/2026. <!-- as-of: 2025-09-25; review: 2026-10-31 -->

Nguồn: VnExpress, 11/9/2025; afamily, 25/9/2025.
"""

SOURCED_EN = """\
---
title: Land
description: Geography.
---

# Land

The coastline is about 310 km long.

The airport is closed until 31 October 2026. <!-- as-of: 2025-09-25; review: 2026-10-31 -->

Sources: VnExpress, 11 September 2025; afamily, 25 September 2025.
"""

INDICATORS = """\
indicators:
  - id: coastline
    label: {vi: "Bờ biển", en: "Coastline"}
    value: 310
    qualifier: about
    unit: {vi: km, en: km}
    year: 2025
    source: {title: "Hiện trạng sạt lở bờ biển, VnExpress", kind: press-report, date: 2025-09-11}
  - id: area
    label: {vi: "Diện tích", en: "Area"}
    value: 7942.39
    unit: {vi: km², en: km²}
    year: 2025
    source: {title: "Nghị quyết 202/2025/QH15", kind: official-text, date: 2025-06-12}
"""

PRODUCTS = """\
products:
  - id: muoi
    name: {vi: Muối, en: Salt}
    certificate: {vi: "Quyết định 2746/QĐ-BVHTTDL ngày 30/9/2020", en: "Decision 2746/QĐ-BVHTTDL of 30 September 2020"}
    source: "Mặn mòi vị muối Bạc Liêu, VTV9, 16/4/2020"
"""


def make_site(root: Path, pages: dict | None = None, indicators: str = INDICATORS,
              products: str = PRODUCTS) -> Path:
    config = write_site(root, pages or {
        "index.md": "---\ntitle: T\ndescription: D\n---\n# T\n\n<!-- key-figures: coastline, area -->\n",
        "index.en.md": "---\ntitle: T\ndescription: D\n---\n# T\n\n<!-- key-figures: coastline, area -->\n",
        "land/index.md": SOURCED, "land/index.en.md": SOURCED_EN,
    }, extra_yaml=EXTRA)
    (root / "content").mkdir(exist_ok=True)
    (root / "content" / "indicators.yml").write_text(indicators, encoding="utf-8")
    (root / "content" / "products.yml").write_text(products, encoding="utf-8")
    return config


def check_content(config: Path, today: str = "2026-01-01") -> subprocess.CompletedProcess:
    """scripts/check_content.py as make check runs it, on the day ``today``."""
    import datetime as dt

    epoch = int(dt.datetime.fromisoformat(today + "T12:00:00+00:00").timestamp())
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=str(epoch))
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "check_content.py"), "--config", str(config)],
                          capture_output=True, text=True, env=env, cwd=config.parent)


def test_a_sourced_and_dated_site_passes(tmp_path):
    result = check_content(make_site(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in result.stdout


def test_an_undated_source_in_data_is_named_with_its_line(tmp_path):
    result = check_content(make_site(tmp_path, products=PRODUCTS.replace(", VTV9, 16/4/2020", ", VTV9")))
    assert result.returncode == 1
    assert "content/products.yml:5:1: the source “Mặn mòi vị muối Bạc Liêu, VTV9” has no date" in result.stdout


def test_an_indicator_needs_a_kind_and_a_date(tmp_path):
    broken = INDICATORS.replace("kind: press-report, date: 2025-09-11", "date: ''").replace(
        "kind: official-text", "kind: newspaper")
    result = check_content(make_site(tmp_path, indicators=broken))
    assert result.returncode == 1
    assert "content/indicators.yml:8:1: the source has no date" in result.stdout
    assert "content/indicators.yml:8:1: the source has no 'kind'" in result.stdout
    assert "content/indicators.yml:14:1: unknown source kind 'newspaper'" in result.stdout


def test_a_record_with_a_figure_and_no_source_is_named(tmp_path):
    products = PRODUCTS.replace('    source: "Mặn mòi vị muối Bạc Liêu, VTV9, 16/4/2020"\n', "")
    result = check_content(make_site(tmp_path, products=products))
    assert result.returncode == 1
    assert "content/products.yml:2:1: a record with figures names no source" in result.stdout


def test_page_figures_need_a_dated_sources_paragraph(tmp_path):
    undated = SOURCED.replace("Nguồn: VnExpress, 11/9/2025; afamily, 25/9/2025.",
                              "Nguồn: VnExpress, 11/9/2025; Quyết định 2456/QĐ-TTg.")
    unsourced = SOURCED_EN.replace("Sources: VnExpress, 11 September 2025; afamily, 25 September 2025.", "")
    result = check_content(make_site(tmp_path, pages={
        "index.md": "---\ntitle: T\ndescription: D\n---\n# T\n",
        "land/index.md": undated, "land/index.en.md": unsourced}))
    assert result.returncode == 1
    # A decision number is not a date.
    assert "docs/land/index.md:12:1: the source “Quyết định 2456/QĐ-TTg” has no date" in result.stdout
    assert "docs/land/index.en.md:8:1: figure 310 has no source on this page" in result.stdout


def test_a_page_without_figures_needs_no_sources(tmp_path):
    result = check_content(make_site(tmp_path, pages={
        "index.md": "---\ntitle: T\ndescription: D\n---\n# T\n\nTheo Kết luận 57-KL/TW về thông tin đối ngoại.\n"}))
    assert result.returncode == 0, result.stdout


def test_a_passed_review_date_is_a_warning_not_a_failure(tmp_path):
    config = make_site(tmp_path)
    before = check_content(config, today="2026-10-31")
    assert before.returncode == 0 and "warning" not in before.stdout
    after = check_content(config, today="2026-11-01")
    assert after.returncode == 0, after.stdout + after.stderr
    assert ("docs/land/index.md:10: warning: review date 2026-10-31 has passed (as of 2025-09-25): "
            "“Sân bay tạm đóng cửa đến ngày 31/10/2026.”") in after.stdout
    assert "docs/land/index.en.md:10: warning: review date 2026-10-31 has passed" in after.stdout
    assert "2 statement(s) past their review date (warning)." in after.stderr
    late = check_content(config, today="2030-02-01")
    assert "mkdocs.yml:1: warning: review date 2030-01-31 has passed (as of 2019-10-25): “official_portal" in late.stdout


def test_an_as_of_marker_needs_a_review_date(tmp_path):
    result = check_content(make_site(tmp_path, pages={
        "index.md": "---\ntitle: T\ndescription: D\n---\n# T\n\nMột điều. <!-- as-of: 2025-09-25 -->\n"}))
    assert result.returncode == 1
    assert "docs/index.md:7:1: an as-of date without a review date" in result.stdout


def test_readers_see_the_source_kind_and_as_of_dates(tmp_path):
    built = build_or_fail(make_site(tmp_path), tmp_path / "site")
    rows = {row.select("td")[0].get_text(): row.select("td")[3].get_text()
            for row in soup(built / "en" / "index.html").select("article table tbody tr")}
    assert rows["Coastline"] == "Hiện trạng sạt lở bờ biển, VnExpress, 11 September 2025 (press report)"
    assert rows["Area"] == "Nghị quyết 202/2025/QH15, 12 June 2025 (official text)"
    vi_rows = [row.select("td")[3].get_text() for row in soup(built / "index.html").select("article table tbody tr")]
    assert vi_rows[0].endswith("(tin báo chí)")
    assert soup(built / "en" / "land" / "index.html").select_one(".portal-as-of").get_text() == \
        "(as of 25 September 2025)"
    assert soup(built / "land" / "index.html").select_one(".portal-as-of").get_text() == \
        "(tính đến 25 tháng 9, 2025)"


@pytest.mark.parametrize("text, dated", [
    ("VTV9, 16/4/2020", True), ("Thời Đại, 2023", True), ("SGGP, 28 November 2025", True),
    ("Quyết định 2456/QĐ-TTg", False), ("Ramsar, site 2088", False), ("Báo Cà Mau", False),
    ("Báo Cà Mau ថ្ងៃទី 14 ខែវិច្ឆិកា ឆ្នាំ ២០២៥", True),
])
def test_what_counts_as_a_dated_source(text, dated):
    assert sources.has_date(text, "km" if "ថ្ងៃ" in text else "vi") is dated


def test_the_real_portal_data_has_a_dated_source_for_every_figure():
    """The data files TRUTH owns: products, places, indicators (festivals: the calendar's)."""
    for name in ("products", "places", "indicators"):
        path = ROOT / "content" / f"{name}.yml"
        findings, _ = sources.check_data_file(path.read_text(encoding="utf-8"), f"content/{name}.yml",
                                              ["vi", "en", "km"], "vi", kind_required=name == "indicators")
        assert findings == [], "\n".join(f"{item.file}:{item.line}: {item.message}" for item in findings)


def test_the_translation_status_page_lists_review_dates_due_first(tmp_path, monkeypatch):
    import datetime as dt

    config = make_site(tmp_path)
    (tmp_path / "docs" / "about").mkdir()
    (tmp_path / "docs" / "about" / "translation-status.md").write_text(
        "---\ntitle: Tình trạng\ndescription: D\n---\n# Tình trạng\n\n<!-- translation-status -->\n",
        encoding="utf-8")
    today = dt.datetime(2026, 11, 2, 12, tzinfo=dt.timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(today.timestamp())))
    built = build_or_fail(config, tmp_path / "site")
    section = soup(built / "en" / "about" / "translation-status" / "index.html").select_one("section.portal-reviews")
    assert section.select_one("h2").get_text() == "Time-sensitive statements and their review dates"
    items = section.select("li")
    due = [item for item in items if "portal-reviews__due" in (item.get("class") or [])]
    assert [item.select_one("code").get_text() for item in due] == ["docs/land/index.en.md:10", "docs/land/index.md:10"]
    assert "as of 25 September 2025 · review by 31 October 2026" in due[0].get_text()
    assert items[-1].select_one("code").get_text() == "mkdocs.yml:1"  # not due: listed after


def test_the_portal_address_check_needs_both_dates(tmp_path):
    config = make_site(tmp_path)
    config.write_text(config.read_text(encoding="utf-8").replace(
        "official_portal_checked: {as_of: 2019-10-25, review: 2030-01-31}",
        "official_portal_checked: {as_of: 2019-10-25}"), encoding="utf-8")
    result = check_content(config)
    assert result.returncode == 1
    assert "mkdocs.yml:1:1: official_portal_checked needs 'as_of' and 'review' dates" in result.stdout
