"""Build-time cost of the language-layer hooks: median strict build of the real portal
with every hook, against the same build without the language-layer hooks.

Run: make bench-language (prints figures; never fails on a slow machine).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LANGUAGE_HOOKS = ("i18n_pages.py", "search_per_language.py", "sitemap_robots.py",
                  "not_found.py", "news.py")


def config_without_language_hooks() -> Path:
    lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not any(line.strip().endswith(hook) for hook in LANGUAGE_HOOKS)]
    if kept == lines:
        # Since the portal became a plugin (portal.plugin), mkdocs.yml lists no hooks to leave out.
        raise SystemExit("bench_language_hooks: mkdocs.yml lists no hooks any more (the portal is a "
                         "plugin, portal.plugin.EVENT_MODULES): nothing to compare")
    handle, name = tempfile.mkstemp(prefix=".bench-", suffix=".yml", dir=ROOT)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.writelines(kept)
    return Path(name)


def timed_build(config: Path, site_dir: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config),
                    "--site-dir", str(site_dir)], check=True, env=env, cwd=ROOT)
    return time.perf_counter() - start


def main(runs: int = 5) -> int:
    plain = config_without_language_hooks()
    try:
        with tempfile.TemporaryDirectory() as out:
            timed_build(ROOT / "mkdocs.yml", Path(out) / "warm")  # warm caches once
            with_hooks, without = [], []
            for _ in range(runs):  # interleaved, so machine noise hits both alike
                with_hooks.append(timed_build(ROOT / "mkdocs.yml", Path(out) / "with"))
                without.append(timed_build(plain, Path(out) / "without"))
    finally:
        plain.unlink()
    a, b = statistics.median(with_hooks), statistics.median(without)
    print(f"language-layer hooks: {', '.join(LANGUAGE_HOOKS)}")
    print(f"runs: {runs} each, interleaved")
    print(f"median build with hooks    : {a:.2f} s  (min {min(with_hooks):.2f}, max {max(with_hooks):.2f})")
    print(f"median build without hooks : {b:.2f} s  (min {min(without):.2f}, max {max(without):.2f})")
    print(f"ratio with/without         : {a / b:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
