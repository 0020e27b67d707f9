"""Mistakes editors make in the data files (content/*.yml): each is refused by the build
and by ``make check`` with the file and line, never a traceback, and never a page lost
without a word."""

from __future__ import annotations

import datetime as dt
import textwrap
import unicodedata

from conftest import run_mkdocs_build, write_site
from portal import data_content, festival_checks, records, sources
from portal.writing_systems import shorten

PAGES = {"index.md": "# Tỉnh Thử\n", "index.en.md": "# Test province\n",
         "products/index.md": "# Sản phẩm\n\n<!-- product-cards -->\n",
         "products/index.en.md": "# Products\n\n<!-- product-cards -->\n"}


def small_site(tmp_path, data: dict[str, str]):
    config = write_site(tmp_path / "site", PAGES)
    content = config.parent / "content"
    content.mkdir(exist_ok=True)
    for name, text in data.items():
        (content / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return config


def test_a_record_id_used_twice_fails_the_build_naming_the_file_and_both_lines(tmp_path):
    config = small_site(tmp_path, {"products.yml": """\
        products:
          - id: tom-kho
            name: {vi: Tôm khô, en: Dried shrimp}
          - id: tom-kho
            name: {vi: Muối ba khía, en: Salted crab}
        """})
    result = run_mkdocs_build(config, tmp_path / "out")
    assert result.returncode != 0
    assert "content/products.yml:4:9: id 'tom-kho' is used twice (also line 2)" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_festival_calendar_fails_the_build_with_the_line_not_a_traceback(tmp_path):
    config = small_site(tmp_path, {"festivals.yml": """\
        festivals:
          - id: le-hoi
            name: {vi: Lễ hội, en: Festival}
            date: {calendar: lunar, month: 2, day: 14}
        """})
    result = run_mkdocs_build(config, tmp_path / "out")
    assert result.returncode != 0
    assert "content/festivals.yml:4:" in result.stderr and "unknown calendar 'lunar'" in result.stderr
    assert "Traceback" not in result.stderr


def test_record_ids_that_are_not_page_names_or_take_a_written_page_are_refused():
    text = "products:\n  - id: index\n  - name: {vi: x}\n  - id: ../../x\n"
    found = [str(problem) for problem in records.id_problems("products", text, "content/products.yml",
                                                               {"products/index.md"})]
    assert found[0].startswith("content/products.yml:2:9: id 'index' is the name of the page docs/products/index.md")
    assert found[1].startswith("content/products.yml:3:5: a record has no 'id'")
    assert found[2].startswith("content/products.yml:4:9: id '../../x' is not a page name")


def check(tmp_path, text: str) -> list[str]:
    path = tmp_path / "festivals.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return [str(problem) for problem in festival_checks.check_festivals(path, dt.date(2026, 1, 1), "festivals.yml")]


def test_malformed_other_ranges_and_announced_entries_are_reported_not_crashed_on(tmp_path):
    base = "festivals:\n  - id: f\n    date:\n      calendar: vietnamese-lunar\n      month: 2\n      day: 14\n"
    assert any("is not a range of days" in problem
               for problem in check(tmp_path, base + "      other_ranges: [{day: '13', days: 3}]\n"))
    assert any("is not a range of days" in problem for problem in check(tmp_path, base + "      other_ranges: ['13']\n"))
    assert any("does not exist" in problem
               for problem in check(tmp_path, base + "      other_ranges: [{day: 13, days: 0}]\n"))
    assert check(tmp_path, base + "      other_ranges: [{day: 13, days: 3}]\n") == []
    announced = base + "    announced:\n      - 2025-03-11\n"
    assert any("announced entry '2025-03-11' is not a block" in problem for problem in check(tmp_path, announced))


def test_one_source_written_as_a_text_under_sources_stays_one_source():
    record = {"id": "p", "sources": "Mặn mòi vị muối Bạc Liêu, VTV9, 16/4/2020"}
    assert data_content.record_sources(record) == ["Mặn mòi vị muối Bạc Liêu, VTV9, 16/4/2020"]
    text = "products:\n  - id: p\n    name: {vi: Muối 15.000 tấn}\n    sources: \"VTV9, 16/4/2020\"\n"
    findings, _ = sources.check_data_file(text, "content/products.yml", ["vi", "en"], "vi")
    assert [(finding.line, finding.message) for finding in findings] == [(4, "'sources' must be a list")]


def test_a_field_written_as_plain_text_is_the_source_languages_not_a_translation():
    record = {"name": {"vi": "Tôm", "en": "Shrimp"}, "kind": "Đặc sản"}
    assert not data_content.has_language(record, "en", ("name", "kind"))
    assert data_content.has_language(record, "en", ("name",))


def test_shortened_khmer_ends_on_a_whole_word_never_on_a_subscript():
    long_khmer = "ពិធីបុណ្យ" * 40
    short = shorten(long_khmer, 200)
    assert len(short) <= 200 and short.endswith("…")
    body = short[:-1]
    assert body[-1] != "\u17d2" and unicodedata.category(body[-1])[0] != "M" or body.endswith("្យ")
    assert long_khmer.startswith(body)
    assert body.endswith("បុណ្យ")  # the segmenter's word, whole
    assert shorten("Lễ hội Nghinh Ông Sông Đốc của ngư dân", 20) == "Lễ hội Nghinh Ông…"
    assert shorten("ngắn", 20) == "ngắn"


def test_an_announced_date_far_from_a_khmer_rule_in_its_first_months_is_caught(tmp_path):
    # មិគសិរ opens the Khmer lunar year, so its festival falls in November or December.
    text = """\
        festivals:
          - id: f
            date: {calendar: khmer-lunisolar, month: មិគសិរ, moon: waxing, day: 5}
            announced:
              - {start: 2026-12-01, source: {title: t, date: 2026}}
        """
    problems = check(tmp_path, text)
    assert len(problems) == 1 and "days from" in problems[0], problems


def test_record_pages_live_in_the_folder_of_the_section_that_lists_them(tmp_path):
    """A province whose festival section is le-hoi/ gets its festival pages, cards and
    feeds there, not in a festivals/ folder it does not have."""
    def page(title, body=""):
        return f"---\ntitle: {title}\ndescription: {title}.\n---\n\n# {title}\n\n{body}"

    listing = "<!-- festival-cards -->\n\n<!-- festival-calendar -->\n"
    pages = {"index.md": page("Tỉnh Thử"), "index.en.md": page("Test province"),
             "le-hoi/index.md": page("Lễ hội", listing), "le-hoi/index.en.md": page("Festivals", listing)}
    config = write_site(tmp_path / "site", pages)
    content = config.parent / "content"
    content.mkdir(exist_ok=True)
    (content / "festivals.yml").write_text(textwrap.dedent("""\
        festivals:
          - id: hoi-mua
            name: {vi: Hội mùa, en: Harvest festival}
            summary: {vi: Lễ hội mùa màng., en: A harvest festival.}
            when: {vi: Rằm tháng Giêng âm lịch, en: Full moon of the 1st lunar month}
            date: {calendar: vietnamese-lunar, month: 1, day: 15}
        """), encoding="utf-8")
    out = tmp_path / "out"
    result = run_mkdocs_build(config, out)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (out / "le-hoi" / "hoi-mua" / "index.html").is_file()
    assert (out / "en" / "le-hoi" / "hoi-mua" / "index.html").is_file()
    assert (out / "le-hoi" / "hoi-mua.ics").is_file() and (out / "le-hoi" / "festivals.ics").is_file()
    assert not (out / "festivals").exists()
    section = (out / "le-hoi" / "index.html").read_text(encoding="utf-8")
    assert 'href="hoi-mua/"' in section
