"""Shared helpers: build real sites with the real MkDocs command and read their HTML."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
ARTIFACTS = ROOT / "tests" / "artifacts"


def run_mkdocs_build(config_file: Path, site_dir: Path, site_url: str | None = None,
                     parallel: bool = False) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` exactly as the README runs it; ``parallel``: with the
    languages built in parallel processes, as scripts/dev.sh build does."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    env.pop("PORTAL_PARALLEL_LANGUAGES", None)
    if parallel:
        env["PORTAL_PARALLEL_LANGUAGES"] = "1"
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
         "--config-file", str(config_file), "--site-dir", str(site_dir)],
        capture_output=True, text=True, env=env, cwd=config_file.parent,
    )


def build_or_fail(config_file: Path, site_dir: Path, site_url: str | None = None) -> Path:
    result = run_mkdocs_build(config_file, site_dir, site_url)
    assert result.returncode == 0, f"build of {config_file} failed:\n{result.stderr[-4000:]}"
    return site_dir


def free_port() -> int:
    """A TCP port nobody listens on, for a test's `mkdocs serve`."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def portal_site(tmp_path_factory) -> Path:
    """The real portal, built strictly once per test session."""
    return build_or_fail(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("portal") / "site")


@pytest.fixture(scope="session")
def cao_bang_site(tmp_path_factory) -> Path:
    """The second province, built with the portal plugin."""
    return build_or_fail(FIXTURES / "cao-bang" / "mkdocs.yml",
                         tmp_path_factory.mktemp("cao-bang") / "site")


def write_site(root: Path, pages: dict[str, str], extra_yaml: str | None = None,
               languages: tuple[str, ...] = ("vi", "en"), nav: str = "") -> Path:
    """A small site in ``root`` built with the portal plugin (its theme and all its event
    handlers: the templates rely on them); returns the path of its mkdocs.yml."""
    language_lines = "\n".join(
        f"        - locale: {code}\n          name: {code.upper()}\n"
        + ("          default: true\n" if index == 0 else "")
        for index, code in enumerate(languages)
    )
    province = extra_yaml if extra_yaml is not None else textwrap.dedent("""\
        extra:
          province:
            name: {%s}
            publisher: {%s}
            official_portal: https://example.org/
        """) % (
        ", ".join(f"{code}: Tỉnh Thử" for code in languages),
        ", ".join(f"{code}: Ủy ban Thử" for code in languages),
    )
    config = textwrap.dedent(f"""\
        site_name: Tỉnh Thử
        site_url: http://127.0.0.1:8000/
        theme:
          name: material
          language: {languages[0]}
          font: false
        markdown_extensions:
          - attr_list
          - toc:
              permalink: true
              slugify: !!python/name:portal.slugs.heading_slug
        plugins:
          - search
          - i18n:
              docs_structure: suffix
              languages:
        """) + language_lines + "  - portal\n" + province + nav
    (root / "docs").mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    config_file = root / "mkdocs.yml"
    config_file.write_text(config, encoding="utf-8")
    return config_file
