"""The real portal built before and after a change, compared file by file, with timings.

    .venv/bin/python tests/compare_builds.py [--before main] [--runs 3] [--preview]

"Before" is a git revision (default ``main``), cloned into a temporary folder and built
with its own ``src/`` first on the path; "after" is this working tree. Both are built
with ``mkdocs build --strict`` (plain, then with the languages in parallel processes),
this tree also with ``properdocs build --strict``; ``--preview`` also compares what
``mkdocs serve`` serves. SOURCE_DATE_EPOCH is the before revision's commit time in every
build, so festival dates and review dates are the same. Prints every comparison and
the median build times; exits 1 when a comparison finds a difference.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from site_compare import compare_sites  # noqa: E402


def build(engine: str, root: Path, site_dir: Path, env: dict, parallel: bool = False) -> float:
    env = dict(env, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    env.pop("PORTAL_PARALLEL_LANGUAGES", None)
    if parallel:
        env["PORTAL_PARALLEL_LANGUAGES"] = "1"
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", engine, "build", "--strict", "--clean", "--quiet",
                             "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(site_dir)],
                            cwd=root, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{engine} build of {root} failed:\n{result.stderr[-3000:]}")
    return seconds


def timed(label: str, runs: int, make) -> float:
    times = [make() for _ in range(runs)]
    median = statistics.median(times)
    print(f"  {label:<34} median {median:5.2f} s  (min {min(times):.2f}, max {max(times):.2f}, {runs} runs)")
    return median


def served_site(root: Path, env: dict) -> dict[str, bytes]:
    """What `mkdocs serve` serves once its first build is done (the port made neutral)."""
    from test_preview import Server

    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        server = Server(root)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    try:
        server.wait_for("/en/", "</html>", timeout=300)
        return server.site()
    finally:
        server.stop()
        server.log.unlink(missing_ok=True)  # the server's log, written into the tree it serves


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="main", help="git revision built as 'before' (default: main)")
    parser.add_argument("--runs", type=int, default=3, help="builds per variant, for the medians")
    parser.add_argument("--preview", action="store_true", help="also compare what `mkdocs serve` serves")
    args = parser.parse_args(argv)
    ok = True
    with tempfile.TemporaryDirectory(prefix="portal-compare-") as folder:
        work = Path(folder)
        before = work / "before-tree"
        subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(before)], check=True)
        subprocess.run(["git", "-C", str(before), "checkout", "--quiet", args.before], check=True)
        epoch = subprocess.run(["git", "-C", str(before), "log", "-1", "--format=%ct"], check=True,
                               capture_output=True, text=True).stdout.strip()
        after_env = dict(os.environ, SOURCE_DATE_EPOCH=epoch)
        before_env = dict(after_env, PYTHONPATH=str(before / "src"))
        sites = {name: work / name for name in ("before", "before-parallel", "after", "after-parallel",
                                                "properdocs")}
        print(f"before: {args.before} ({before}), after: {ROOT}")
        print("build times:")
        medians = {
            "before": timed("mkdocs, before", args.runs, lambda: build("mkdocs", before, sites["before"], before_env)),
            "before-parallel": timed("mkdocs parallel, before", args.runs, lambda: build(
                "mkdocs", before, sites["before-parallel"], before_env, parallel=True)),
            "after": timed("mkdocs, after", args.runs, lambda: build("mkdocs", ROOT, sites["after"], after_env)),
            "after-parallel": timed("mkdocs parallel, after", args.runs, lambda: build(
                "mkdocs", ROOT, sites["after-parallel"], after_env, parallel=True)),
            "properdocs": timed("properdocs, after", args.runs, lambda: build(
                "properdocs", ROOT, sites["properdocs"], after_env)),
        }
        print(f"  properdocs / mkdocs (after): {medians['properdocs'] / medians['after']:.3f}")
        print("comparisons:")
        for label, first, second, ignore in (
                ("before vs after, plain build", "before", "after", False),
                ("before vs after, parallel build", "before-parallel", "after-parallel", False),
                ("after: plain vs parallel", "after", "after-parallel", False),
                ("after: mkdocs vs properdocs (generator tag ignored)", "after", "properdocs", True)):
            result = compare_sites(sites[first], sites[second], ignore_generator=ignore)
            ok &= result.identical
            print(f"  {label}: {result.summary()}")
        if args.preview:
            served_before, served_after = served_site(before, before_env), served_site(ROOT, after_env)
            differing = sorted(name for name in set(served_before) | set(served_after)
                               if served_before.get(name) != served_after.get(name))
            ok &= not differing
            print(f"  before vs after, mkdocs serve: {len(served_after)} files, "
                  + (f"{len(differing)} differ (e.g. {differing[:5]})" if differing else "all identical"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
