"""Every page says when it last changed, from git history, in the reader's language and
CLDR format; each language file by its own history; a copy without history shows none."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from conftest import ARTIFACTS, build_or_fail, soup, write_site
from portal.dates import format_for_reader

EXTRA = """\
extra:
  locales: {en: en_GB}
  province:
    name: {vi: Tỉnh Thử, en: Test Province, km: ខេត្តសាកល្បង}
    publisher: {vi: Ủy ban Thử, en: Test Committee, km: គណៈកម្មាធិការសាកល្បង}
    official_portal: https://example.org/
"""

LAND = """\
---
title: Vùng đất
description: Địa lý.
---

# Vùng đất

Sân bay tạm đóng cửa để nâng cấp. <!-- as-of: 2025-09-25; review: 2026-10-31 -->
"""
LAND_EN = """\
---
title: Land
description: Geography.
---

# Land

The airport is closed for an upgrade. <!-- as-of: 2025-09-25; review: 2026-10-31 -->
"""
LAND_KM = """\
---
title: ទឹកដី
description: ភូមិសាស្ត្រ។
---

# ទឹកដី

អាកាសយានដ្ឋានបិទជាបណ្ដោះអាសន្នដើម្បីកែលម្អ។ <!-- as-of: 2025-09-25; review: 2026-10-31 -->
"""
PRODUCTS_PAGE = "---\ntitle: Sản phẩm\ndescription: D.\n---\n# Sản phẩm\n\n<!-- product-list -->\n"
PRODUCTS = """\
products:
  - id: muoi
    name: {vi: Muối, en: Salt, km: អំបិល}
    kind: {vi: Chỉ dẫn địa lý, en: Geographical indication, km: សិទ្ធិសម្គាល់ភូមិសាស្ត្រ}
    certificate: {vi: "Đăng ký", en: "Registered", km: "ចុះបញ្ជី"}
    source: "VTV9, 16/4/2020"
"""


def commit(repo: Path, message: str, when: str):
    env = dict(os.environ, GIT_AUTHOR_NAME="Editor", GIT_AUTHOR_EMAIL="editor@example.org",
               GIT_COMMITTER_NAME="Editor", GIT_COMMITTER_EMAIL="editor@example.org",
               GIT_AUTHOR_DATE=f"{when}T10:00:00+07:00", GIT_COMMITTER_DATE=f"{when}T10:00:00+07:00")
    for args in (["add", "-A"], ["commit", "-q", "-m", message]):
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """A three-language site whose files changed on different days."""
    root = tmp_path_factory.mktemp("freshness")
    config = write_site(root, {
        "index.md": "---\ntitle: T\ndescription: D\n---\n# T\n",
        "land/index.md": LAND, "land/index.en.md": LAND_EN,
        "products/index.md": PRODUCTS_PAGE,
    }, extra_yaml=EXTRA, languages=("vi", "en", "km"))
    (root / "content").mkdir()
    (root / "content" / "products.yml").write_text(PRODUCTS, encoding="utf-8")
    subprocess.run(["git", "-C", str(root), "init", "-q", "-b", "main"], check=True)
    commit(root, "first pages", "2026-01-05")
    (root / "docs" / "land" / "index.km.md").write_text(LAND_KM, encoding="utf-8")
    commit(root, "Khmer land page", "2026-02-03")
    (root / "docs" / "land" / "index.en.md").write_text(LAND_EN.replace("an upgrade", "an upgrade to its runway"),
                                                       encoding="utf-8")
    commit(root, "English land page edited", "2026-03-17")
    (root / "content" / "products.yml").write_text(PRODUCTS.replace("Đăng ký", "Đăng ký năm 2013"), encoding="utf-8")
    commit(root, "products data", "2026-04-20")
    return config, build_or_fail(config, root / "site")


def last_updated(page: Path):
    found = soup(page).select_one(".md-source-file .portal-last-updated")
    return None if found is None else (found.get_text(" ", strip=True), found.select_one("time")["datetime"],
                                       found.get("lang"))


def test_each_language_file_is_dated_by_its_own_history_in_its_readers_format(history):
    _, built = history
    assert last_updated(built / "land" / "index.html") == (
        "Cập nhật lần cuối: 5 tháng 1, 2026", "2026-01-05", "vi")
    assert last_updated(built / "en" / "land" / "index.html") == (
        "Last updated: 17 March 2026", "2026-03-17", "en")  # en_GB, from mkdocs.yml extra.locales
    text, iso, language = last_updated(built / "km" / "land" / "index.html")
    assert iso == "2026-02-03" and language == "km"
    assert text == "កែប្រែចុងក្រោយ ៖ " + format_for_reader("2026-02-03", "km")
    assert "កុម្ភៈ" in text and "2026" in text  # the Khmer month name, from CLDR


def test_a_fallback_copy_is_dated_by_its_source_in_the_readers_language(history):
    _, built = history
    # products/ has no English translation: the English build shows the Vietnamese page.
    text, iso, language = last_updated(built / "en" / "products" / "index.html")
    assert language == "en" and text.startswith("Last updated: ")


def test_a_page_showing_data_changes_when_its_data_does(history):
    _, built = history
    assert last_updated(built / "products" / "index.html")[1] == "2026-04-20"
    assert last_updated(built / "index.html")[1] == "2026-01-05"


def test_as_of_dates_are_shown_in_each_language(history):
    _, built = history
    shown = {code: soup(built / prefix / "land" / "index.html").select_one(".portal-as-of").get_text()
             for code, prefix in (("vi", ""), ("en", "en"), ("km", "km"))}
    assert shown["vi"] == "(tính đến 25 tháng 9, 2025)"
    assert shown["en"] == "(as of 25 September 2025)"
    assert shown["km"] == "(គិតត្រឹម " + format_for_reader("2025-09-25", "km") + ")"
    assert "review" not in (built / "en" / "land" / "index.html").read_text(encoding="utf-8").split("<article")[1]


def test_a_copy_without_history_builds_and_shows_no_date(history, tmp_path):
    config, _ = history
    copy = tmp_path / "copy"
    shutil.copytree(config.parent, copy, ignore=shutil.ignore_patterns(".git", "site"))
    built = build_or_fail(copy / "mkdocs.yml", tmp_path / "site")
    assert last_updated(built / "land" / "index.html") is None
    assert soup(built / "land" / "index.html").select_one(".portal-as-of") is not None


@pytest.mark.browser
def test_the_date_line_and_as_of_read_well_on_phone_and_desktop(history, tmp_path):
    """Screenshots at 320, 390 and 1280 px (tests/artifacts/freshness-*.png)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    from test_browser import CHROMIUM, CHROMIUM_FLAGS

    _, built = history
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            for width in (320, 390, 1280):
                context = chromium.new_context(viewport={"width": width, "height": 900})
                tab = context.new_page()
                tab.goto((built / "km" / "land" / "index.html").as_uri(), wait_until="load")
                line = tab.locator(".md-source-file .portal-last-updated")
                assert line.is_visible()
                box = line.bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1  # nothing cut off
                assert tab.locator(".portal-as-of").is_visible()
                tab.screenshot(path=str(ARTIFACTS / f"freshness-km-{width}.png"), full_page=True)
                context.close()
        finally:
            chromium.close()
