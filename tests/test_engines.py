"""Engines: MkDocs is the reference; ProperDocs (a maintained fork of MkDocs 1.6) builds
the real portal with the plugin strictly and to the same files, byte for byte, apart
from the generator tag (README, "Engines")."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT
from site_compare import compare_sites, generator_tags


def properdocs_build(site_dir):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    env.pop("PORTAL_PARALLEL_LANGUAGES", None)
    return subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "--clean",
                           "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(site_dir)],
                          capture_output=True, text=True, env=env, cwd=ROOT)


def test_properdocs_builds_the_portal_to_the_same_files_as_mkdocs(portal_site, tmp_path):
    result = properdocs_build(tmp_path / "site")
    assert result.returncode == 0, result.stderr[-4000:]
    proper = tmp_path / "site"
    # The engines differ, and say so, in the generator tag only.
    assert {tag.split(b'"')[3].split(b",")[0] for tag in generator_tags(portal_site)} == {b"mkdocs-1.6.1"}
    assert {tag.split(b'"')[3].split(b",")[0] for tag in generator_tags(proper)} == {b"mkdocs-ProperDocs 1.6.7"}
    strict = compare_sites(portal_site, proper)
    assert strict.differing and all(name.endswith((".html", ".gz", ".br")) for name in strict.differing)
    same = compare_sites(portal_site, proper, ignore_generator=True)
    assert same.identical, same.summary()
    assert same.files > 500
