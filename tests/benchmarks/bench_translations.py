"""Time to check translations of a generated corpus (default 2,000 source pages x 3
languages). Aim: under 2 s. Prints figures; never fails on a slow machine.

Run: make bench-translations [PAGES=2000]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ROOT, generate  # noqa: E402
from portal import site, translations  # noqa: E402


def main(pages: int = 2000, runs: int = 5) -> int:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        config = "\n".join(line for line in config.splitlines()
                           if not line.startswith(("watch:", "  - content", "  - src/portal")))
        (root / "mkdocs.yml").write_text(config, encoding="utf-8")
        start = time.perf_counter()
        generate(root / "docs", pages)
        print(f"corpus: {pages} source pages x 3 languages, generated in {time.perf_counter() - start:.1f} s")
        loaded = site.load_site(root / "mkdocs.yml")
        timings = []
        for _ in range(runs):
            start = time.perf_counter()
            report = translations.build_report(loaded)
            timings.append(time.perf_counter() - start)
        totals = report.totals()
        process = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "scripts" / "check_translations.py"),
                            "--config", str(root / "mkdocs.yml"), "--format", "json", "--output",
                            str(root / "report.json")], check=True)
            process.append(time.perf_counter() - start)
    print(f"pages in report: {len(report.pages)}; en coverage {totals['en']['coverage']}%, "
          f"km coverage {totals['km']['coverage']}%")
    print(f"build_report median over {runs} runs: {statistics.median(timings):.2f} s "
          f"(min {min(timings):.2f}, max {max(timings):.2f})")
    print(f"whole command (check_translations.py --format json), median of 3: "
          f"{statistics.median(process):.2f} s  (aim: under 2 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000))
