"""`mkdocs serve` renders again only what an edit changes (portal.preview), and what it
then serves is exactly what a fresh `mkdocs serve` of the edited files serves: every
page, fallback copy, search index, sitemap and feed, in every language."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, free_port

INCREMENTAL = "Preview: rendering again only what"


class Server:
    """`mkdocs serve --strict` on a copy of the portal, as scripts/dev.sh serve runs it."""

    def __init__(self, root: Path):
        self.root, self.port = root, free_port()
        self.log = root / f"serve-{self.port}.log"
        self.seen = 0  # how much of the log a wait has returned already
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        env.pop("SITE_URL", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=open(self.log, "w"))

    def text(self, path: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(self, path: str, needle: str, timeout: float = 120) -> str:
        """Wait until ``needle`` is served at ``path`` and no rebuild is running; returns
        the log of the builds since the previous wait."""
        deadline = time.monotonic() + timeout
        while needle not in self.text(path) or not self.idle():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} never appeared at {path}:\n{self.log_text()[-3000:]}")
            time.sleep(0.1)
        text = self.log_text()
        new, self.seen = text[self.seen:], len(text)
        return new

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def idle(self) -> bool:
        text = self.log_text()  # every build starts with the first line and ends with the second
        return text.count("Building documentation...") == text.count("Reloading browsers") + 1

    def site(self) -> dict[str, bytes]:
        """Every file the server serves, with its own address made neutral."""
        match = re.search(r"documentation to directory: (\S+)", self.log.read_text(encoding="utf-8"))
        site = Path(match.group(1))
        neutral = f"127.0.0.1:{self.port}".encode()

        def content(path: Path) -> bytes:  # compressed files hold the address too
            data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            return data.replace(neutral, b"127.0.0.1:PORT")

        return {path.relative_to(site).as_posix(): content(path) for path in sorted(site.rglob("*"))
                if path.is_file()}

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


@pytest.fixture
def portal_copy(tmp_path) -> Path:
    for name in ("mkdocs.yml", "docs", "content"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, tmp_path / name)
    for name in ("src",):
        os.symlink(ROOT / name, tmp_path / name)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    time.sleep(0.05)


def assert_same_site(expected: dict[str, bytes], found: dict[str, bytes]) -> None:
    assert sorted(found) == sorted(expected), (
        f"only in a fresh serve: {sorted(set(expected) - set(found))[:10]}; "
        f"only after edits: {sorted(set(found) - set(expected))[:10]}")
    differing = [name for name in expected if expected[name] != found[name]]
    assert not differing, f"{len(differing)} files differ from a fresh serve, e.g. {differing[:10]}"


def test_a_preview_after_edits_serves_what_a_fresh_preview_serves(portal_copy):
    docs = portal_copy / "docs"
    server = Server(portal_copy)
    try:
        server.wait_for("/en/land/", "</html>")
        # 1. a source page's body: its fallback copies and its translations' notices follow
        edit(docs / "land" / "index.md", "\n## ", "\nĐoạn thử nghiệm xemtruocmot.\n\n## ")
        assert INCREMENTAL in server.wait_for("/land/", "xemtruocmot")
        # 2. a translation's body, on a page that a listing shows
        post = sorted((docs / "news").glob("*.en.md"))[0]
        post.write_text(post.read_text(encoding="utf-8") + "\nA preview test paragraph previewtwo.\n",
                        encoding="utf-8")
        url = "/en/" + post.relative_to(docs).as_posix().replace(".en.md", "/")
        assert INCREMENTAL in server.wait_for(url, "previewtwo")
        # the search index has the edited page's new words (and, compared below, every other page)
        assert "previewtwo" in server.text("/en/search/search_index.json")
        # 3. a title (shown in every page's navigation): a full build
        edit(docs / "people" / "index.en.md", "title: ", "title: Renamed ")
        assert INCREMENTAL not in server.wait_for("/en/land/", "Renamed ")
        # 4. a body again, after the full build
        edit(docs / "people" / "index.md", "\n## ", "\nĐoạn thứ ba xemtruocba.\n\n## ")
        assert INCREMENTAL in server.wait_for("/people/", "xemtruocba")
        incremental = server.site()
    finally:
        server.stop()

    fresh = Server(portal_copy)
    try:
        fresh.wait_for("/people/", "xemtruocba")
        assert_same_site(fresh.site(), incremental)
    finally:
        fresh.stop()
