"""The fast path (languages built in parallel processes) writes exactly what the
reference path (plain `mkdocs build --strict`) writes, and fails the same way."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, ROOT, run_mkdocs_build, write_site

PARALLEL_NOTE = "in parallel processes"


def page(title: str, body: str = "") -> str:
    return f"---\ntitle: {title}\ndescription: {title}.\n---\n# {title}\n\n{body}\n"


def tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*"))
            if path.is_file()}


def assert_same_tree(reference: Path, candidate: Path) -> None:
    expected, found = tree(reference), tree(candidate)
    assert sorted(found) == sorted(expected), (
        f"only in the plain build: {sorted(set(expected) - set(found))[:10]}; "
        f"only in the parallel build: {sorted(set(found) - set(expected))[:10]}")
    differing = [name for name in expected if expected[name] != found[name]]
    assert not differing, f"{len(differing)} files differ, e.g. {differing[:10]}"


def test_the_portal_built_in_parallel_is_byte_identical_to_the_plain_build(portal_site, tmp_path):
    result = run_mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "site", parallel=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert PARALLEL_NOTE in result.stderr  # the fast path really ran
    assert_same_tree(portal_site, tmp_path / "site")


def test_a_second_province_built_in_parallel_is_byte_identical(cao_bang_site, tmp_path):
    result = run_mkdocs_build(FIXTURES / "cao-bang" / "mkdocs.yml", tmp_path / "site", parallel=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert PARALLEL_NOTE in result.stderr
    assert_same_tree(cao_bang_site, tmp_path / "site")


def test_the_plain_build_stays_sequential(tmp_path):
    config = write_site(tmp_path, {"index.md": page("Trang chủ"), "index.en.md": page("Home")})
    result = run_mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert PARALLEL_NOTE not in result.stderr


def test_a_strict_warning_in_a_translation_fails_the_parallel_build(tmp_path):
    config = write_site(tmp_path, {
        "index.md": page("Trang chủ", "[Giới thiệu](gioi-thieu.md)"),
        "gioi-thieu.md": page("Giới thiệu"),
        "index.en.md": page("Home", "[About](missing-page.md)"),
    })
    result = run_mkdocs_build(config, tmp_path / "site", parallel=True)
    assert result.returncode == 1, result.stderr[-3000:]
    assert PARALLEL_NOTE in result.stderr
    assert "index.en.md" in result.stderr and "missing-page.md" in result.stderr
    assert "Building the 'en' pages failed" in result.stdout  # where MkDocs prints an abort
    reference = run_mkdocs_build(config, tmp_path / "reference")
    assert reference.returncode == 1
