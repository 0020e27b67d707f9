"""The editors' tools: make check's content checks (each defect with its exact
path:line:column message and exit code) and the page scaffold."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import unicodedata

import pytest

from conftest import ROOT, run_mkdocs_build, write_site
from portal.content_cli import main as check_main
from portal.scaffold import main as new_page_main

GOOD = "---\ntitle: Vùng đất\ndescription: Địa lý của tỉnh thử.\n---\n\n# Vùng đất\n\n## Rừng ngập mặn\n\nRừng.\n"
GOOD_EN = "---\ntitle: Land\ndescription: Geography of the test province.\n---\n\n# Land\n\n## Mangroves\n\nForest.\n"
NAV = "\nnav:\n  - Trang chủ: index.md\n  - Vùng đất:\n      - land/index.md\n  - Tin tức:\n      - news/index.md\n"


def site(tmp_path, extra_pages: dict[str, str] | None = None):
    pages = {"index.md": GOOD, "index.en.md": GOOD_EN, "land/index.md": GOOD, "land/index.en.md": GOOD_EN,
             "news/index.md": GOOD.replace("Vùng đất", "Tin tức"),
             "news/index.en.md": GOOD_EN.replace("Land", "News")}
    pages.update(extra_pages or {})
    return write_site(tmp_path, pages, nav=NAV)


def run_check(config, capsys, *extra):
    code = check_main(["--config", str(config), *extra])
    return code, capsys.readouterr().out.strip().splitlines()


def test_clean_site_passes(tmp_path, capsys):
    code, out = run_check(site(tmp_path), capsys)
    assert code == 0 and out == ["content: no problem found."]


@pytest.mark.parametrize("name,text,expected", [
    ("land/a.md", GOOD.replace("description: Địa lý của tỉnh thử.\n", ""),
     "docs/land/a.md:1:1: the page has no 'description' in its front matter — add a line 'description: ...' between the two '---' lines at the top of the page"),
    ("land/b.md", GOOD.replace("title: Vùng đất\n", "title: Vùng đất\ntitel: x\n"),
     "docs/land/b.md:3:1: unknown front-matter field 'titel' — did you mean 'title'?"),
    ("news/c.md", GOOD.replace("---\n\n#", "date: 2025-13-40\n---\n\n#"),
     "docs/news/c.md:4:1: '2025-13-40' is not a date — write it as YEAR-MONTH-DAY, e.g. 2025-04-26"),
    ("news/d.md", GOOD,
     "docs/news/d.md:1:1: a news post has no 'date' — add 'date: YEAR-MONTH-DAY' (the publication date) to its front matter"),
    ("land/e.md", GOOD + "\n![](  )\n",
     "docs/land/e.md:12:1: empty image tag — write ![](photo:<id>) with a photo from content/photos/, or delete it"),
    ("land/f.md", GOOD + "\nXem http://example.org/trang.\n",
     "docs/land/f.md:12:5: insecure link http://example.org/trang. — use https:// (readers' browsers warn about http://)"),
    ("land/g.md", GOOD + "\n#### Quá sâu\n",
     "docs/land/g.md:12:1: heading level 4 follows level 2 — use ### here: levels go down one at a time"),
    ("land/h.md", GOOD + "\nខេត្តkាម៉ៅ\n",
     "docs/land/h.md:12:1: word 'ខេត្តkាម៉ៅ' mixes Khmer and Latin letters — retype it in one script (look-alike letters break search and reading)"),
    ("land/i.md", GOOD + "\n[Xem](khong-co.md)\n",
     "docs/land/i.md:12:1: link to 'khong-co.md', which does not exist — fix the path (relative to this page, ending in .md)"),
    ("land/j.md", GOOD + "\n[Xem](index.md#khong-co)\n",
     "docs/land/j.md:12:1: no heading '#khong-co' in land/index.md — link to an existing heading (ids are ASCII: 'Đất Mũi' becomes 'dat-mui')"),
    ("land/k.en.md", GOOD_EN + "\n[See](only-vi.md)\n",
     "docs/land/k.en.md:12:1: link to 'only-vi.md', which has no 'en' version — translate it, or accept that readers land on the source page with a notice"),
    ("land/l.md", GOOD + "\n![](photo:ghost)\n",
     "docs/land/l.md:12:1: unknown photo 'ghost' — add content/photos/ghost.jpg and its .yml record, or fix the name"),
    ("land/Ten Sai.md", GOOD,
     "docs/land/Ten Sai.md:1:1: file name 'Ten Sai' is not lowercase ASCII with hyphens — rename it to 'ten-sai.md'"),
    ("land/m.fr.md", GOOD,
     "docs/land/m.fr.md:1:1: 'fr' is not a language of the site — name translations page.<language>.md with one of: en"),
])
def test_each_defect_is_reported_with_file_line_and_fix(tmp_path, capsys, name, text, expected):
    extra = {name: text}
    if name == "land/k.en.md":
        extra.update({"land/k.md": GOOD, "land/only-vi.md": GOOD})
    code, out = run_check(site(tmp_path, extra), capsys)
    assert code == 1
    assert expected in out, "\n".join(out)
    assert len(out) == 1, "\n".join(out)


def test_valid_links_and_anchors_pass(tmp_path, capsys):
    extra = {"land/n.md": GOOD + "\n[Rừng](index.md#rung-ngap-man) và [đây](#rung-ngap-man)\n",
             "land/n.en.md": GOOD_EN + "\n[Forest](index.md#mangroves)\n"}
    code, out = run_check(site(tmp_path, extra), capsys)
    assert code == 0, out


def test_nfc_is_reported_and_fixed_in_place(tmp_path, capsys):
    decomposed = unicodedata.normalize("NFD", GOOD)
    config = site(tmp_path, {"land/o.md": decomposed})
    code, out = run_check(config, capsys)
    assert code == 1
    assert out == ["docs/land/o.md:2:1: text is not in Unicode NFC (letters typed in parts) — run: make check FIX=1 "
                   "(scripts/check_content.py --fix) to normalise it"]
    code, _ = run_check(config, capsys, "--fix")
    page = tmp_path / "docs" / "land" / "o.md"
    assert page.read_text(encoding="utf-8") == GOOD
    assert run_check(config, capsys)[0] == 0


def test_usage_errors_exit_2(tmp_path):
    assert check_main(["--config", str(tmp_path / "none.yml")]) == 2


def test_the_real_portal_passes_make_check():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_content.py"),
                             "--config", str(ROOT / "mkdocs.yml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


# --- scaffold ------------------------------------------------------------------------------

def test_new_page_gets_an_ascii_name_front_matter_and_a_nav_entry(tmp_path, capsys):
    config = site(tmp_path)
    assert new_page_main([ "land", "Rừng đước Đất Mũi", "--config", str(config), "--translations", "en"],
                         today=dt.date(2026, 11, 23)) == 0
    out = capsys.readouterr().out
    page = tmp_path / "docs" / "land" / "rung-duoc-dat-mui.md"
    assert page.read_text(encoding="utf-8").startswith(
        '---\ntitle: "Rừng đước Đất Mũi"\ndescription: ""\ndate: 2026-11-23\n')
    assert "      - land/rung-duoc-dat-mui.md" in config.read_text(encoding="utf-8")
    translation = tmp_path / "docs" / "land" / "rung-duoc-dat-mui.en.md"
    assert "translation:\n  source:" in translation.read_text(encoding="utf-8")
    assert "created docs/land/rung-duoc-dat-mui.md" in out and "Next:" in out
    # What is left to do is what make check reports.
    code, lines = run_check(config, capsys)
    assert code == 1
    assert "docs/land/rung-duoc-dat-mui.md:3:1: 'description' is empty — write the page's description after 'description:'" in lines


def test_same_title_twice_does_not_overwrite(tmp_path, capsys):
    config = site(tmp_path)
    new_page_main(["land", "Rừng đước", "--config", str(config)])
    new_page_main(["land", "Rừng đước", "--config", str(config)])
    assert (tmp_path / "docs" / "land" / "rung-duoc.md").exists()
    assert (tmp_path / "docs" / "land" / "rung-duoc-2.md").exists()


def test_scaffolded_news_post_builds_once_described(tmp_path, capsys):
    config = site(tmp_path)
    assert new_page_main(["news", "Tin mới", "--config", str(config)], today=dt.date(2026, 1, 2)) == 0
    post = tmp_path / "docs" / "news" / "tin-moi.md"
    post.write_text(post.read_text(encoding="utf-8").replace('description: ""', "description: Một tin thử."),
                    encoding="utf-8")
    assert run_check(config, capsys)[0] == 0
    result = run_mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "news" / "tin-moi" / "index.html").is_file()


def test_unknown_section_is_a_usage_error(tmp_path, capsys):
    assert new_page_main(["nowhere", "X", "--config", str(site(tmp_path))]) == 2
    assert "unknown section 'nowhere'" in capsys.readouterr().err
