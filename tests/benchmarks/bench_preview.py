"""Preview latency: the time from saving one page during `mkdocs serve` (what
`scripts/dev.sh serve` runs) to the rebuilt page being served, on a copy of the real
portal and on the generated 400 x 3 corpus of bench_build (edits of a source page, whose
translations and fallback copies follow, and of a translation). Prints the median over
several edits, and checks that the edited words reached the language's search index.

Run: make bench-preview
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def portal_copy(work: Path) -> list[tuple[Path, str]]:
    for name in ("mkdocs.yml", "docs", "content"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, work / name)
    for name in ("src",):
        os.symlink(ROOT / name, work / name)
    return [(Path("docs/land/index.en.md"), "/en/land/"), (Path("docs/land/index.md"), "/land/")]


def corpus_copy(work: Path, size: int = 400) -> list[tuple[Path, str]]:
    from bench_build import portal_config
    from corpus import generate

    generate(work / "docs", size)
    portal_config(work)
    return [(Path("docs/land/page-00000.en.md"), "/en/land/page-00000/"),
            (Path("docs/land/page-00000.md"), "/land/page-00000/")]


def measure(work: Path, edits: list[tuple[Path, str]], rounds: int) -> list[float] | None:
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr",
                               f"127.0.0.1:{port}"], cwd=work, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        started = time.perf_counter()
        while "</html>" not in fetch(base + edits[0][1]):
            if server.poll() is not None or time.perf_counter() - started > 600:
                print("mkdocs serve did not start")
                return None
            time.sleep(0.2)
        print(f"  first build and serve: {time.perf_counter() - started:.1f} s")
        latencies = []
        for number in range(rounds):
            page, url_path = edits[number % len(edits)]
            time.sleep(1.5)  # let the watcher settle between edits
            marker = f"previewmarker{number}x{time.time_ns()}"
            path = work / page
            path.write_text(path.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
            saved = time.perf_counter()
            while marker not in fetch(base + url_path):
                if time.perf_counter() - saved > 300:
                    print("  the edit never appeared")
                    return None
                time.sleep(0.05)
            latencies.append(time.perf_counter() - saved)
            language_root = "/" + url_path.strip("/").split("/")[0] + "/" if page.stem.count(".") else "/"
            time.sleep(0.3)
            if marker not in fetch(base + language_root + "search/search_index.json"):
                print(f"  the search index of {language_root} lacks the edit")
        return latencies
    finally:
        server.terminate()
        server.wait(timeout=20)


def main(rounds: int = 6) -> int:
    for label, prepare in (("the real portal", portal_copy), ("the 400 x 3 corpus", corpus_copy)):
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            edits = prepare(work)
            print(f"{label}:")
            latencies = measure(work, edits, rounds)
            if latencies:
                print(f"  save-to-served latency over {rounds} edits of {', '.join(str(p) for p, _ in edits)}: "
                      f"median {statistics.median(latencies):.2f} s (min {min(latencies):.2f}, "
                      f"max {max(latencies):.2f}); aim: under 2 s")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 6))
