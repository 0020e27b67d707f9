"""Translation status on real git repositories: mark, change, rename, delete, break."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, write_site
from portal import site, translations as tr
from portal.translation_cli import main

SCHEMA = json.loads((ROOT / "src" / "portal" / "schemas" / "translation-status.schema.json")
                    .read_text(encoding="utf-8"))

SOURCE = """\
---
title: Vùng đất
description: Địa lý của tỉnh thử.
---

# Vùng đất

Tỉnh thử có ba mặt giáp biển.

## Rừng ngập mặn

Rừng ngập mặn ven biển được bảo vệ.

## Hải đảo

Các cụm đảo gần bờ.
"""

TRANSLATION = """\
---
title: Land
description: The test province's geography.
---

# Land

The test province is bordered by the sea on three sides.

## Mangroves

Coastal mangroves are protected.

## Islands

Near-shore island clusters.
"""


def git(repo: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Editor", GIT_AUTHOR_EMAIL="editor@example.org",
               GIT_COMMITTER_NAME="Editor", GIT_COMMITTER_EMAIL="editor@example.org")
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True, env=env).stdout


@pytest.fixture
def repo(tmp_path):
    config = write_site(tmp_path, {"land/index.md": SOURCE, "land/index.en.md": TRANSLATION,
                                   "index.md": "---\ntitle: T\ndescription: D\n---\n# T\n"})
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "first pages")
    return config


def status_of(config: Path, page="land/index.md", language="en") -> tr.TranslationStatus:
    report = tr.build_report(site.load_site(config))
    return report.page(page).translations[language]


def commit_all(repo: Path, message: str):
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def test_unmarked_translation_is_untracked_and_missing_one_is_missing(repo):
    assert status_of(repo).status == tr.UNTRACKED
    assert status_of(repo, page="index.md").status == tr.MISSING


def test_marked_translation_is_up_to_date(repo):
    assert main(["--config", str(repo), "--mark", "docs/land/index.md", "--lang", "en"]) == 0
    text = (repo.parent / "docs" / "land" / "index.en.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Land\ndescription: The test province's geography.\ntranslation:\n")
    assert text.endswith(TRANSLATION.split("---\n", 2)[2])  # the body is untouched
    assert status_of(repo).status == tr.UP_TO_DATE


def test_changing_one_section_reports_exactly_that_section(repo):
    main(["--config", str(repo), "--mark", "docs/land/index.md", "--lang", "en"])
    commit_all(repo.parent, "mark")
    source = repo.parent / "docs" / "land" / "index.md"
    source.write_text(SOURCE.replace("được bảo vệ", "được trồng mới và bảo vệ"), encoding="utf-8")
    commit_all(repo.parent, "update mangroves")
    status = status_of(repo)
    assert status.status == tr.OUTDATED
    assert status.changed_sections == ["Rừng ngập mặn"]
    assert status.added_sections == [] and status.removed_sections == []
    assert status.source_changed == git(repo.parent, "log", "-1", "--format=%cs").strip()


def test_added_and_removed_sections_are_named(repo):
    main(["--config", str(repo), "--mark", "docs/land/index.md", "--lang", "en"])
    source = repo.parent / "docs" / "land" / "index.md"
    source.write_text(SOURCE.replace("## Hải đảo\n\nCác cụm đảo gần bờ.\n",
                                     "## Khí hậu\n\nHai mùa mưa và khô.\n"), encoding="utf-8")
    status = status_of(repo)
    assert status.status == tr.OUTDATED
    assert status.added_sections == ["Khí hậu"]
    assert status.removed_sections == ["Hải đảo"]
    assert status.changed_sections == []


def test_whitespace_and_formatting_changes_keep_a_translation_up_to_date(repo):
    main(["--config", str(repo), "--mark", "docs/land/index.md", "--lang", "en"])
    source = repo.parent / "docs" / "land" / "index.md"
    reformatted = (SOURCE.replace("Tỉnh thử có ba mặt giáp biển.", "Tỉnh thử có ba mặt\ngiáp   biển.")
                   .replace("## Hải đảo", "### Hải đảo")
                   .replace("Rừng ngập mặn ven biển", "**Rừng ngập mặn** ven biển")
                   + "\n\n")
    source.write_text(reformatted, encoding="utf-8")
    assert status_of(repo).status == tr.UP_TO_DATE


def test_renamed_source_leaves_an_orphan_with_a_git_mv_suggestion(repo):
    main(["--config", str(repo), "--mark", "docs/land/index.md", "--lang", "en"])
    commit_all(repo.parent, "mark")
    git(repo.parent, "mv", "docs/land/index.md", "docs/land/geography.md")
    report = tr.build_report(site.load_site(repo))
    assert [(o.path, o.suggestion) for o in report.orphans] == [
        ("land/index.en.md", "git mv docs/land/index.en.md docs/land/geography.en.md")]
    assert report.page("land/geography.md").translations["en"].status == tr.MISSING


def test_deleted_source_leaves_an_orphan_to_delete(repo):
    (repo.parent / "docs" / "land" / "index.md").unlink()
    report = tr.build_report(site.load_site(repo))
    assert len(report.orphans) == 1
    assert report.orphans[0].suggestion.startswith("delete docs/land/index.en.md")


def test_broken_front_matter_is_an_error_with_file_and_line(repo, capsys):
    translation = repo.parent / "docs" / "land" / "index.en.md"
    translation.write_text("---\ntitle: Land\ndescription: a: b: c\n---\n# Land\n", encoding="utf-8")
    status = status_of(repo)
    assert status.status == tr.ERROR
    assert status.line == 3
    assert "not valid YAML" in status.message
    assert main(["--config", str(repo), "--no-colour"]) == 1
    assert "docs/land/index.en.md:3:" in capsys.readouterr().out


def test_diff_shows_the_source_changes_since_the_translation(repo, capsys):
    main(["--config", str(repo), "--mark", "docs/land/index.md", "--lang", "en"])
    commit_all(repo.parent, "mark")
    source = repo.parent / "docs" / "land" / "index.md"
    source.write_text(SOURCE.replace("Các cụm đảo gần bờ.", "Ba cụm đảo gần bờ."), encoding="utf-8")
    commit_all(repo.parent, "islands")
    capsys.readouterr()
    assert main(["--config", str(repo), "--diff", "--no-colour"]) == 0
    out = capsys.readouterr().out
    assert "changed: “Hải đảo”" in out
    assert "-Các cụm đảo gần bờ." in out and "+Ba cụm đảo gần bờ." in out


def test_shallow_clone_still_reports_status_and_says_history_is_missing(repo, tmp_path_factory, capsys):
    main(["--config", str(repo), "--mark", "docs/land/index.md", "--lang", "en"])
    commit_all(repo.parent, "mark")
    source = repo.parent / "docs" / "land" / "index.md"
    source.write_text(SOURCE.replace("được bảo vệ", "được bảo vệ nghiêm ngặt"), encoding="utf-8")
    commit_all(repo.parent, "stricter")
    clone = tmp_path_factory.mktemp("shallow") / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.parent}", str(clone)], check=True)
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    # The fixture names the portal plugin, installed in this environment, so it works here.
    status = status_of(clone / "mkdocs.yml")
    assert status.status == tr.OUTDATED and status.changed_sections == ["Rừng ngập mặn"]
    capsys.readouterr()
    main(["--config", str(clone / "mkdocs.yml"), "--diff", "--no-colour"])
    assert "no git history reaches the translated version" in capsys.readouterr().out


def test_json_report_follows_the_documented_schema(repo, tmp_path, capsys):
    main(["--config", str(repo), "--mark", "docs/land/index.md", "--lang", "en"])
    (repo.parent / "docs" / "old.en.md").write_text("---\ntitle: Old\n---\n", encoding="utf-8")
    output = tmp_path / "report.json"
    assert main(["--config", str(repo), "--format", "json", "--output", str(output)]) == 0
    report = json.loads(output.read_text(encoding="utf-8"))
    jsonschema.validate(report, SCHEMA)
    assert report["totals"]["en"]["up_to_date"] == 1
    assert report["orphans"][0]["path"] == "old.en.md"


def test_real_portal_report_follows_the_schema_and_is_complete():
    report = tr.build_report(site.load_site(ROOT / "mkdocs.yml"))
    data = report.to_json()
    jsonschema.validate(data, SCHEMA)
    assert data["ui"]["km"]["missing_keys"] == []


def test_fail_under_and_baseline_gate_exit_codes(repo, tmp_path, capsys):
    main(["--config", str(repo), "--mark", "docs/land/index.md", "--lang", "en"])
    # land/index.md (up to date) is most of the words; the home page is missing.
    assert main(["--config", str(repo), "--fail-under", "en=60"]) == 0
    assert main(["--config", str(repo), "--fail-under", "en=99"]) == 1
    baseline = tmp_path / "baseline.json"
    main(["--config", str(repo), "--format", "json", "--output", str(baseline)])
    assert main(["--config", str(repo), "--baseline", str(baseline)]) == 0
    source = repo.parent / "docs" / "land" / "index.md"
    source.write_text(SOURCE.replace("Các cụm đảo", "Những cụm đảo"), encoding="utf-8")
    capsys.readouterr()
    assert main(["--config", str(repo), "--baseline", str(baseline)]) == 1
    assert "docs/land/index.md (en): was up to date, now outdated" in capsys.readouterr().err


def test_usage_errors_exit_with_2(repo, tmp_path):
    assert main(["--config", str(repo), "--fail-under", "xx=50"]) == 2
    assert main(["--config", str(repo), "--mark", "docs/land/index.md"]) == 2
    assert main(["--config", str(tmp_path / "nope.yml")]) == 2
    assert main(["--config", str(repo), "--mark", "docs/none.md", "--lang", "en"]) == 2


def test_data_fields_and_navigation_are_counted(repo):
    content = repo.parent / "content"
    content.mkdir()
    (content / "festivals.yml").write_text(
        "festivals:\n  - id: a\n    name:\n      vi: Lễ hội A\n      en: Festival A\n"
        "  - id: b\n    name: {vi: Lễ hội B}\n", encoding="utf-8")
    report = tr.build_report(site.load_site(repo))
    fields = {entry["field"]: entry for entry in report.data if entry["file"].startswith("content")}
    assert fields["festivals[0].name"]["translations"]["en"] == tr.UP_TO_DATE
    assert fields["festivals[1].name"]["translations"]["en"] == tr.MISSING
    assert fields["festivals[1].name"]["line"] == 7


def test_command_line_script_runs_as_editors_run_it(repo):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_translations.py"),
                             "--config", str(repo), "--no-colour"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "land/index.md" in result.stdout and "untracked" in result.stdout


def test_real_portal_meets_its_configured_translation_gate(capsys):
    assert main(["--config", str(ROOT / "mkdocs.yml"), "--gate", "--no-colour"]) == 0
    assert "FAILED" not in capsys.readouterr().err


def test_gate_thresholds_come_from_mkdocs_yml(repo, capsys):
    config = repo.read_text(encoding="utf-8").replace(
        "extra:\n", "extra:\n  translation:\n    fail_under: {en: 95}\n", 1)
    repo.write_text(config, encoding="utf-8")
    assert main(["--config", str(repo), "--gate"]) == 1
    assert "en: coverage 0.0% is under 95.0%" in capsys.readouterr().err


def test_status_page_is_built_into_the_site(portal_site):
    from conftest import soup

    html = soup(portal_site / "en" / "about" / "translation-status" / "index.html")
    sections = html.select(".portal-translation-status__language")
    assert [section.h2["id"] for section in sections] == ["translation-en", "translation-km"]
    assert sections[1].h2.get_text() == "Khmer"
    assert sections[0].progress["value"] == "100.0"
    khmer = soup(portal_site / "km" / "about" / "translation-status" / "index.html")
    assert khmer.select_one(".portal-translation-status h2").get_text() == "អង់គ្លេស"
