"""scripts/check_content.py (make check): every problem in the content, or none.

Exit codes: 0 nothing to fix, 1 something must be fixed, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import content_checks, freshness, records, settings_snapshot


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="check_content.py",
                                     description="Check pages, links, photos and file names.")
    parser.add_argument("--config", default="mkdocs.yml")
    parser.add_argument("--fix", action="store_true",
                        help="normalise text to Unicode NFC and files changed since --against to the "
                             "project's format (portal.formatting); record translations marked up to date")
    parser.add_argument("--against", default="HEAD", metavar="REVISION",
                        help="the revision whose layout changed files keep (default: HEAD)")
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
    # First the format (web-editor saves, marks), so that the checks see what git will get.
    from . import formatting

    problems = formatting.apply(config.resolve().parent, Path(docs_dir), settings.photos_dir, languages, source,
                                fix=args.fix, revision=args.against, config_file=config)
    problems += content_checks.check_site(Path(docs_dir), languages, source, settings.photos_dir, fix=args.fix)
    problems += _festival_problems(config)
    problems += records.data_id_problems(config.resolve().parent / "content", _written_pages(Path(docs_dir)),
                                         records.kinds_for(Path(docs_dir)))
    extras = settings_snapshot.extras(config)
    custom_dir = Path(extras["custom_dir"]) if extras["custom_dir"] else None
    source_problems, reviews = content_checks.check_sources(
        Path(docs_dir), config.resolve().parent / "content", languages, source, custom_dir,
        extras["reviews"], root=config.resolve().parent)
    problems = sorted(problems + source_problems, key=lambda p: (p.path, p.line, p.column))
    for problem in problems:
        print(problem)
    # A passed review date is a warning, not a failure: the statement may still be true,
    # but an editor must check it (the translation-status page lists them too).
    warnings = content_checks.review_warnings(reviews, freshness.build_today())
    for warning in warnings:
        print(warning)
    if warnings:
        print(f"{len(warnings)} statement(s) past their review date (warning).", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) to fix.", file=sys.stderr)
        return 1
    print("content: no problem found.")
    return 0


def _written_pages(docs_dir: Path) -> set[str]:
    """The pages under docs/ as the build names them (``products/index.md``, a
    translation's language suffix dropped): the names a record may not take."""
    names = set()
    for path in docs_dir.rglob("*.md"):
        folder = path.parent.relative_to(docs_dir).as_posix()
        name = path.name.split(".")[0] + ".md"
        names.add(name if folder == "." else f"{folder}/{name}")
    return names


def _festival_problems(config: Path) -> list:
    """Festival date rules and announced dates (portal.festival_checks)."""
    from . import festival_checks, festival_dates

    root = config.resolve().parent
    festivals = root / "content" / "festivals.yml"
    return festival_checks.check_festivals(festivals, festival_dates.build_today(root),
                                           shown_as=festivals.relative_to(root).as_posix())
