"""scripts/check_content.py (make check): every problem in the content, or none.

Exit codes: 0 nothing to fix, 1 something must be fixed, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import content_checks, settings_snapshot


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="check_content.py",
                                     description="Check pages, links, photos and file names.")
    parser.add_argument("--config", default="mkdocs.yml")
    parser.add_argument("--fix", action="store_true", help="normalise text to Unicode NFC in place")
    args = parser.parse_args(argv)
    config = Path(args.config)
    if not config.is_file():
        print(f"error: {config}: no such configuration file", file=sys.stderr)
        return 2
    try:
        settings, languages, source, docs_dir = settings_snapshot.load(config)
    except Exception as error:
        print(f"error: {config}: {error}", file=sys.stderr)
        return 2
    problems = content_checks.check_site(Path(docs_dir), languages, source, settings.photos_dir, fix=args.fix)
    problems += _festival_problems(config)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) to fix.", file=sys.stderr)
        return 1
    print("content: no problem found.")
    return 0


def _festival_problems(config: Path) -> list:
    """Festival date rules and announced dates (portal.festival_checks)."""
    from . import festival_checks, festival_dates

    root = config.resolve().parent
    festivals = root / "content" / "festivals.yml"
    return festival_checks.check_festivals(festivals, festival_dates.build_today(root),
                                           shown_as=festivals.relative_to(root).as_posix())
