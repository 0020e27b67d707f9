"""Preview latency: the time from saving one page during `mkdocs serve` (what
`scripts/dev.sh serve` runs) to the rebuilt page being served. Works on a copy of the
portal in a temporary folder; prints the median over several edits.

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

ROOT = Path(__file__).resolve().parents[2]
PAGE = Path("docs/land/index.en.md")
URL_PATH = "/en/land/"


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


def main(edits: int = 5) -> int:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for name in ("mkdocs.yml", "docs", "content"):
            source = ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, work / name)
        for name in ("overrides", "src"):
            os.symlink(ROOT / name, work / name)
        port = free_port()
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr",
                                   f"127.0.0.1:{port}"], cwd=work, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}{URL_PATH}"
        try:
            started = time.perf_counter()
            while "</html>" not in fetch(url):
                if server.poll() is not None or time.perf_counter() - started > 120:
                    print("mkdocs serve did not start")
                    return 1
                time.sleep(0.2)
            print(f"first build and serve: {time.perf_counter() - started:.1f} s")
            latencies = []
            page = work / PAGE
            original = page.read_text(encoding="utf-8")
            for number in range(edits):
                time.sleep(1.5)  # let the watcher settle between edits
                marker = f"preview-marker-{number}-{time.time_ns()}"
                page.write_text(original + f"\n{marker}\n", encoding="utf-8")
                saved = time.perf_counter()
                while marker not in fetch(url):
                    if time.perf_counter() - saved > 120:
                        print("the edit never appeared")
                        return 1
                    time.sleep(0.05)
                latencies.append(time.perf_counter() - saved)
        finally:
            server.terminate()
            server.wait(timeout=20)
    print(f"save-to-served latency for {PAGE} over {edits} edits: median {statistics.median(latencies):.2f} s "
          f"(min {min(latencies):.2f}, max {max(latencies):.2f}); aim: under 2 s")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
