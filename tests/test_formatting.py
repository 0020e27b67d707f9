"""Hand edits and web-editor edits reach git as the same bytes (portal.formatting), on
every collection the editor has: section pages, the home page, each data file, photos."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import unicodedata

import pytest
import yaml

from conftest import ROOT
from portal import cms_config, formatting, multilingual, site
from portal.frontmatter import YAML_LOADER

PORTAL = site.load_site(ROOT / "mkdocs.yml")
CODES = list(PORTAL.codes)
SOURCE = PORTAL.default_language.code


def cms_serialised(data) -> str:
    """What Sveltia CMS writes for ``data``: keys sorted where it rebuilds objects, every
    mapping in block style, comments gone, numbers typed into text boxes as text."""
    def typed(value):
        if isinstance(value, dict):
            return {key: typed(item) for key, item in sorted(value.items())}
        if isinstance(value, list):
            return [typed(item) for item in value]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, dt.date):
            return value.isoformat()
        return value
    return yaml.safe_dump(typed(data), allow_unicode=True, width=80, default_flow_style=False)


def cms_page(text: str, body_change=None, marked: bool | None = False) -> str:
    front, body = formatting.split_page(text)
    data = yaml.load(front, Loader=YAML_LOADER)
    data[formatting.MARK_FIELD] = marked
    if body_change:
        body = body.replace(*body_change, 1)
    return "---\n" + cms_serialised(data) + "---\n" + body


def git(root, *args) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


def working_copy(tmp_path):
    """A clone of this repository with the code under test (the working tree's, committed
    there), so that content changes made by a test are the only difference from HEAD."""
    import shutil

    copy = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(copy)], check=True)
    for folder in ("src", "scripts", "docs", "content", "admin"):
        shutil.rmtree(copy / folder, ignore_errors=True)
        shutil.copytree(ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    git(copy, "add", "-A")
    git(copy, "-c", "user.name=test", "-c", "user.email=test@127.0.0.1", "commit", "-q", "--allow-empty",
        "-m", "the code under test")
    return copy


def changed_lines(before: str, after: str) -> int:
    import difflib

    return sum(1 for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-")


def page_collections():
    config = cms_config.generate(PORTAL)
    for collection in config["collections"]:
        if "folder" in collection and collection["extension"] == "md":
            yield collection["name"], ROOT / collection["folder"] / "index.md"
        elif collection["name"] == "home-page":
            yield "home", ROOT / collection["files"][0]["file"]


@pytest.mark.parametrize("name,source_page", list(page_collections()))
def test_page_edit_by_hand_and_in_the_editor_give_the_same_bytes(name, source_page):
    for code in CODES:
        page = source_page if code == SOURCE else source_page.with_name(f"index.{code}.md")
        if not page.is_file():
            continue
        original = page.read_text(encoding="utf-8")
        front, body = formatting.split_page(original)
        sentence = next(line for line in body.splitlines() if len(line) > 40 and not line.startswith(("#", "<", "!")))
        edit = (sentence, sentence + " (sửa)")
        by_hand = original.replace(*edit, 1)
        in_editor = cms_page(original, edit)
        assert by_hand != original
        formatted_hand, _ = formatting.format_page(by_hand, original, page.name)
        formatted_cms, _ = formatting.format_page(in_editor, original, page.name)
        assert formatted_cms == formatted_hand == by_hand, page
        # a language file saved along with the edited one, unchanged, stays byte-identical
        untouched, _ = formatting.format_page(cms_page(original), original, page.name)
        assert untouched == original, page


@pytest.mark.parametrize("path", [path for path in multilingual.data_files(ROOT / "content")
                                  if "photos" not in path.parts], ids=lambda path: path.name)
def test_data_edit_by_hand_and_in_the_editor_give_the_same_bytes(path):
    original = path.read_text(encoding="utf-8")
    fields = multilingual.multilingual_fields(original, path.name, CODES, SOURCE)
    data = yaml.load(original, Loader=YAML_LOADER)
    assert formatting.format_data(cms_serialised(data), original, path.name) == original
    if not fields:
        return
    field = next((f for f in fields if f.texts.get("km")), fields[0])
    code = "km" if field.texts.get("km") else SOURCE
    old = field.texts[code]
    new = old + " (sửa)"
    lines = original.split("\n")
    at = next(index for index in range(field.line - 1, len(lines)) if old in lines[index])
    lines[at] = lines[at].replace(old, new, 1)
    by_hand = "\n".join(lines)
    target = data
    for step in re.findall(r"[^.\[\]]+|\[\d+\]", field.path):
        target = target[int(step[1:-1])] if step.startswith("[") else target[step]
    target[code] = new
    formatted = formatting.format_data(cms_serialised(data), original, path.name)
    assert formatted == formatting.format_data(by_hand, original, path.name) == by_hand
    assert changed_lines(original, formatted) == 2  # one line out, one in


def test_photo_record_from_the_editor_is_named_after_its_photo(tmp_path):
    photos_dir = tmp_path / "content" / "photos"
    photos_dir.mkdir(parents=True)
    written = photos_dir / "anh-rung-ngap-man-jpg.yml"  # the editor's slug of the file name
    record = {"photo": "/content/photos/rung-ngap-man.jpg", "credit": "Nguyễn Văn A", "licence": "CC BY 4.0",
              "alt": {"vi": "Rừng ngập mặn", "en": "Mangrove forest"}}
    written.write_text(cms_serialised(record), encoding="utf-8")
    text, target = formatting.format_photo_record(written, written.read_text(encoding="utf-8"), None,
                                                  photos_dir, "x")
    assert target == photos_dir / "rung-ngap-man.yml"
    assert yaml.safe_load(text) == {key: value for key, value in record.items() if key != "photo"}


def test_decomposed_text_reaches_git_composed():
    decomposed = unicodedata.normalize("NFD", "title: Lễ hội\n")
    assert formatting.format_data(decomposed, "title: Lễ hội\n") == "title: Lễ hội\n"


def test_a_change_that_cannot_keep_the_layout_is_refused_by_name():
    with pytest.raises(formatting.FormattingError, match="festivals.yml"):
        formatting.carry_over("a: [1, 2\n", "a: 1\n", "festivals.yml")


def test_fix_turns_the_mark_into_the_translation_record(tmp_path):
    """In a working copy: the editor's tick becomes the record --mark writes, once."""
    copy = working_copy(tmp_path)
    page = copy / "docs" / "land" / "index.en.md"
    original = page.read_text(encoding="utf-8")
    source = copy / "docs" / "land" / "index.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Cà Mau có ba mặt giáp biển", "Cà Mau có ba mặt giáp biển (Đông, Tây)", 1), encoding="utf-8")
    page.write_text(cms_page(original, ("three sides", "three sides (east, west)"), marked=True), encoding="utf-8")
    import sys

    result = subprocess.run([sys.executable, "scripts/check_content.py", "--fix"], cwd=copy,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    fixed = page.read_text(encoding="utf-8")
    assert formatting.MARK_FIELD not in fixed
    assert "three sides (east, west)" in fixed
    from portal import markdown_sections as md

    fingerprints = md.section_fingerprints(source.read_text(encoding="utf-8"))
    assert f"  source: {md.page_fingerprint(fingerprints)}" in fixed
    assert git(copy, "status", "--porcelain").split() == ["M", "docs/land/index.en.md", "M", "docs/land/index.md"]
    again = subprocess.run([sys.executable, "scripts/check_content.py", "--fix"], cwd=copy, capture_output=True)
    assert again.returncode == 0 and page.read_text(encoding="utf-8") == fixed  # once


def test_hand_edits_are_left_as_typed():
    """Only the editor's saves are rewritten: a comment or a quote added by hand stays."""
    festivals = (ROOT / "content" / "festivals.yml").read_text(encoding="utf-8")
    commented = festivals.replace("festivals:\n", "festivals:\n  # a note added by hand\n", 1)
    assert formatting.format_data(commented, festivals, "festivals.yml") == commented
    page = (ROOT / "docs" / "land" / "index.md").read_text(encoding="utf-8")
    requoted = page.replace("title: Vùng đất", 'title: "Vùng đất"', 1)
    assert requoted != page
    assert formatting.format_page(requoted, page, "index.md") == (requoted, False)


def test_a_new_page_from_the_editor_keeps_its_layout_without_the_tick():
    created = ("---\ntitle: Tin mới\ndescription: Một tin.\ndate: 2026-12-02\n"
               "translation_matches_source: false\n---\n# Tin mới\n")
    assert formatting.format_page(created, None, "x.md") == (
        "---\ntitle: Tin mới\ndescription: Một tin.\ndate: 2026-12-02\n---\n# Tin mới\n", False)
