"""Build-time cost of "<province> in numbers" (portal.infographic): drawing each language's
SVG and two PNGs from nothing, the cached path every later build and preview takes, the
bytes of each file, and a strict build of the real portal with a cold and a warm cache.

Run: make bench-infographic (prints figures; never fails on a slow machine).
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from portal import infographic, site  # noqa: E402
from portal.ui_strings import translator  # noqa: E402


def median_seconds(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def timed_build(site_dir: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("PORTAL_PARALLEL_LANGUAGES", None)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file",
                    str(ROOT / "mkdocs.yml"), "--site-dir", str(site_dir)], check=True, env=env, cwd=ROOT)
    return time.perf_counter() - start


def main(runs: int = 3) -> int:
    portal = site.load_site(ROOT / "mkdocs.yml")
    config = portal.config
    indicators = infographic.indicators(config)
    settings = infographic.settings(config.extra, indicators, "mkdocs.yml")
    fonts = infographic.fonts(config.extra, settings)
    source = portal.default_language.code
    print(f"infographic: {len(settings.figures)} figures, {runs} runs per figure (median)")
    print(f"{'lang':<5} {'cold s':>7} {'layout s':>9} {'svg s':>7} {'png s':>7} {'cached ms':>10} "
          f"{'svg kB':>7} {'fonts kB':>9} {'square kB':>10} {'wide kB':>8}")
    for code in portal.codes:
        sheet = infographic.sheet(indicators, settings.figures, code, source, translator(config, code),
                                  config.extra.get("locales"), config.extra["province"], config.site_url)

        def cold():
            infographic._subset_cached.cache_clear()
            with tempfile.TemporaryDirectory() as folder:
                infographic.render(sheet, fonts, Path(folder))

        cold_seconds = median_seconds(cold, runs)
        layout_seconds = median_seconds(lambda: [infographic.layout(sheet, size, fonts)
                                                 for size in infographic.SIZES], runs)
        drawing = infographic.layout(sheet, "square", fonts)

        def svg():
            infographic._subset_cached.cache_clear()
            return infographic.svg(drawing, sheet, fonts)

        svg_seconds = median_seconds(svg, runs)
        png_seconds = median_seconds(lambda: [infographic.png(infographic.layout(sheet, size, fonts), fonts)
                                              for size in infographic.SIZES], runs) - layout_seconds
        with tempfile.TemporaryDirectory() as folder:
            files = infographic.render(sheet, fonts, Path(folder))
            cached_ms = 1000 * median_seconds(lambda: infographic.render(sheet, fonts, Path(folder)), runs * 10)
            text = files["svg"].read_text(encoding="utf-8")
            font_bytes = sum(len(match) for match in re.findall(r"base64,([A-Za-z0-9+/=]+)", text))
            sizes = {kind: path.stat().st_size / 1000 for kind, path in files.items()}
        print(f"{code:<5} {cold_seconds:>7.2f} {layout_seconds:>9.2f} {svg_seconds:>7.2f} {png_seconds:>7.2f} "
              f"{cached_ms:>10.1f} {sizes['svg']:>7.1f} {font_bytes / 1000:>9.1f} {sizes['square']:>10.1f} "
              f"{sizes['wide']:>8.1f}")

    cache = infographic.cache_dir(config)
    with tempfile.TemporaryDirectory() as folder:
        timed_build(Path(folder) / "site")  # warms everything else (imports, disk cache, other caches)
        shutil.rmtree(cache, ignore_errors=True)
        cold_build = timed_build(Path(folder) / "site")
        warm_builds = [timed_build(Path(folder) / "site") for _ in range(runs)]
    print(f"strict build of the portal: infographic cache cold {cold_build:.2f} s, "
          f"warm {statistics.median(warm_builds):.2f} s (median of {runs}); "
          f"difference {cold_build - statistics.median(warm_builds):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
