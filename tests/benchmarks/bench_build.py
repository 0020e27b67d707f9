"""Build speed at scale: the portal's full configuration (every hook on) against Hugo on
the same generated corpus, at 40 and 400 source pages x 3 languages (2,000 with
`make bench-build SIZES="40 400 2000"`). Prints pages written, median build times, the
ratio, peak memory, and where the portal's build spends its time. Never fails on a slow
machine.

Run: make bench-build
"""

from __future__ import annotations

import os
import pstats
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ROOT, generate  # noqa: E402

HUGO_SITE = Path(__file__).resolve().parent / "hugo"


def portal_config(folder: Path) -> Path:
    """The portal's mkdocs.yml for a corpus: same theme and plugins (the portal plugin
    included); no fixed nav."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"\nwatch:\n(?:  - .*\n)+", "\n", text)
    text = re.sub(r"\nnav:\n(?:  .*\n)+", "\n", text)
    config = folder / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def hugo_site(folder: Path, docs: Path) -> Path:
    site = folder / "hugo"
    shutil.copytree(HUGO_SITE, site)
    for page in docs.rglob("*.md"):
        relative = page.relative_to(docs)
        name = relative.name
        if name.startswith("index."):  # a section's own page is _index in Hugo
            name = "_" + name
        target = site / "content" / relative.with_name(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(page, target)
    return site


def portal_build(config: Path, site: Path, parallel: bool) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PORTAL_PARALLEL_LANGUAGES="1" if parallel else "0")
    return timed([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config),
                  "--site-dir", str(site)], config.parent, env)


def timed(command: list[str], cwd: Path, env=None) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def profile_summary(config: Path, out: Path) -> list[tuple[str, float]]:
    stats_file = out / "build.prof"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PORTAL_PARALLEL_LANGUAGES="0")  # profile one process
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "mkdocs", "build", "--quiet",
                    "--config-file", str(config), "--site-dir", str(out / "profiled")],
                   check=True, env=env, cwd=config.parent, stdout=subprocess.DEVNULL)
    stats = pstats.Stats(str(stats_file)).stats
    total = max(entry[3] for entry in stats.values())
    groups = {
        "Markdown rendering": ("markdown/core.py", "convert"),
        "theme rendering (Jinja)": ("mkdocs/commands/build.py", "_build_page"),
        "  of which the navigation sidebar": ("partials/nav.html", "root"),
        "search indexing": ("search/plugin.py", "on_page_context"),
        "static-i18n search deduplication": ("mkdocs_static_i18n/reconfigure.py", "reconfigure_search_duplicates"),
    }
    summary = [("whole build", total)]
    for label, (file, function) in groups.items():
        found = [entry[3] for (path, _, name), entry in stats.items() if path.endswith(file) and name == function]
        if found:
            summary.append((label, max(found)))
    hooks: dict[str, float] = {}
    for (path, _, name), entry in stats.items():
        if "/portal/hooks/" in path and name.startswith("on_"):
            hook = Path(path).stem
            hooks[hook] = hooks.get(hook, 0.0) + entry[3]
    summary += [(f"hook {hook}", seconds) for hook, seconds in sorted(hooks.items(), key=lambda item: -item[1])]
    return summary


def main(sizes: list[int]) -> int:
    hugo = shutil.which("hugo") or str(Path(sys.executable).parent / "hugo")
    rows = []
    for size in sizes:
        runs = 3 if size <= 400 else 1
        with tempfile.TemporaryDirectory() as folder:
            folder = Path(folder)
            generate(folder / "docs", size)
            config = portal_config(folder)
            hugo_root = hugo_site(folder, folder / "docs")
            plain_times, parallel_times, hugo_times = [], [], []
            # A first build fills the caches every later build reuses (social cards, photos).
            portal_build(config, folder / "site", parallel=True)
            for _ in range(runs):
                plain_times.append(portal_build(config, folder / "site", parallel=False))
                parallel_times.append(portal_build(config, folder / "site", parallel=True))
                hugo_times.append(timed([hugo, "--quiet", "--destination", str(folder / "hugo-public")], hugo_root))
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            pages = sum(1 for _ in (folder / "site").rglob("index.html"))
            hugo_pages = sum(1 for _ in (folder / "hugo-public").rglob("index.html"))
            html = sum(path.stat().st_size for path in (folder / "site").rglob("*.html"))
            plain, parallel = statistics.median(plain_times), statistics.median(parallel_times)
            other = statistics.median(hugo_times)
            rows.append((size, pages, hugo_pages, plain, parallel, other, peak, html))
            print(f"\n{size} source pages x 3 languages ({os.cpu_count()} cores): portal {pages} pages in "
                  f"{plain:.2f} s one language after another (plain mkdocs build), {parallel:.2f} s with "
                  f"languages in parallel (scripts/dev.sh build); Hugo {hugo_pages} pages in {other:.2f} s "
                  f"(medians of {runs}): {plain / other:.1f}x and {parallel / other:.1f}x; "
                  f"largest process so far {peak:.0f} MiB; {html / 1e6:.0f} MB of HTML")
            if size == sizes[-1] or size == 400:
                print("where the portal's build spends its time (cProfile, cumulative seconds):")
                for label, seconds in profile_summary(config, folder):
                    print(f"  {label:<42} {seconds:7.2f}")
    print("\n| source pages × languages | portal, plain | portal, parallel languages | Hugo "
          "| ratio plain | ratio parallel | largest process |")
    print("|---|---|---|---|---|---|---|")
    for size, pages, hugo_pages, plain, parallel, other, peak, html in rows:
        print(f"| {size} × 3 | {plain:.2f} s | {parallel:.2f} s | {other:.2f} s | {plain / other:.1f}× "
              f"| {parallel / other:.1f}× | {peak:.0f} MiB |")
    return 0


if __name__ == "__main__":
    sys.exit(main([int(size) for size in sys.argv[1:]] or [40, 400]))
