"""The editors' translation report: table or JSON, marking, diffs and CI gates.

Exit codes: 0 fine, 1 a gate failed (or a file is broken), 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import translations as tr
from .atomic import atomic_write_text
from .site import SiteConfigError, load_site

COLOURS = {
    tr.UP_TO_DATE: "32", tr.INCOMPLETE: "33;1", tr.OUTDATED: "33", tr.MISSING: "31", tr.ERROR: "31;1",
    tr.UNTRACKED: "36", tr.ORPHAN: "35",
}


class UsageError(Exception):
    pass


def parse_thresholds(values: list[str], languages: list[str]) -> dict[str, float]:
    thresholds = {}
    for value in values:
        for item in value.split(","):
            language, _, number = item.partition("=")
            if language not in languages or not number:
                raise UsageError(f"--fail-under takes LANG=PERCENT with LANG one of "
                                 f"{', '.join(languages)}; got '{item}'")
            try:
                thresholds[language] = float(number)
            except ValueError:
                raise UsageError(f"--fail-under: '{number}' is not a number") from None
    return thresholds


def paint(text: str, status: str, colour: bool) -> str:
    return f"\x1b[{COLOURS[status]}m{text}\x1b[0m" if colour else text


def format_table(report: tr.Report, colour: bool, languages: list[str]) -> str:
    lines = []
    width = max([len(page.source) for page in report.pages] + [10])
    lines.append(f"{'page':<{width}}  lang  {'status':<10}  words  detail")
    for page in report.pages:
        for language in languages:
            status = page.translations[language]
            detail = ""
            if status.status == tr.OUTDATED:
                parts = []
                if status.changed_sections:
                    parts.append("changed: " + ", ".join(_label(key) for key in status.changed_sections))
                if status.added_sections:
                    parts.append("added: " + ", ".join(_label(key) for key in status.added_sections))
                if status.removed_sections:
                    parts.append("removed: " + ", ".join(_label(key) for key in status.removed_sections))
                detail = f"source changed {status.source_changed}; " + "; ".join(parts)
            elif status.status == tr.ERROR:
                detail = f"docs/{status.path}:{status.line}: {status.message}"
            elif status.status == tr.UNTRACKED:
                detail = f"run: scripts/check_translations.py --mark docs/{page.source} --lang {language}"
            elif status.status == tr.INCOMPLETE:
                detail = _gap_summary(status)
            elif status.accepted_incomplete:
                detail = f"published abridged on purpose: {status.accepted_incomplete}"
            lines.append(f"{page.source:<{width}}  {language:<4}  "
                         f"{paint(f'{status.status:<10}', status.status, colour)}  {page.words:>5}  {detail}")
            if status.status == tr.INCOMPLETE or status.accepted_incomplete:
                lines += tr.gap_lines(f"docs/{page.source}", status.missing_sections,
                                      status.missing_figures, status.other_gaps)
    for orphan in report.orphans:
        if orphan.language in languages:
            lines.append(f"{orphan.path:<{width}}  {orphan.language:<4}  "
                         f"{paint(f'{tr.ORPHAN:<10}', tr.ORPHAN, colour)}      -  {orphan.suggestion}")
    for entry in report.data:
        for language, lacking in (entry.get("missing_figures") or {}).items():
            if language in languages:
                lines.append(paint(f"{entry['file']}:{entry['line']}: {entry['field']} ({language}) is "
                                   f"incomplete: lacks the figure(s) {', '.join(lacking)} of its source",
                                   tr.INCOMPLETE, colour))
    for error in report.errors:
        lines.append(paint(f"{error['path']}:{error['line']}: {error['message']}", tr.ERROR, colour))
    lines.append("")
    totals = report.totals()
    for language in languages:
        total = totals[language]
        lines.append(
            f"{language}: {total['coverage']:.1f}% of source words up to date — "
            f"{total['up_to_date']}/{total['pages']} pages up to date, {total['incomplete']} incomplete, "
            f"{total['outdated']} outdated, "
            f"{total['missing']} missing, {total['untracked']} untracked, {total['error']} broken, "
            f"{total['orphan']} orphans; navigation {total['nav']['translated']}/{total['nav']['total']}, "
            f"data fields {total['data']['translated']}/{total['data']['total']}, "
            f"interface strings missing {total['ui_missing_keys']}"
        )
        for section, counts in total["sections"].items():
            lines.append(f"    {section or '(home)':<12} {counts['coverage']:5.1f}%  "
                         f"{counts['up_to_date']}/{counts['pages']} pages")
    return "\n".join(lines) + "\n"


def _gap_summary(status: tr.TranslationStatus) -> str:
    parts = []
    if status.missing_sections:
        parts.append(f"{len(status.missing_sections)} section(s) missing")
    if status.missing_figures:
        parts.append(f"{len(status.missing_figures)} figure(s) missing")
    if status.other_gaps:
        parts.append(f"{len(status.other_gaps)} other gap(s)")
    return "leaves out part of its source: " + ", ".join(parts)


def _label(key: str) -> str:
    return f"“{key}”" if key else "(introduction)"


def regressions(report: tr.Report, baseline: dict) -> list[str]:
    found = []
    old_totals = baseline.get("totals", {})
    for language, total in report.totals().items():
        old = old_totals.get(language)
        if old and total["coverage"] < old["coverage"]:
            found.append(f"{language}: coverage fell from {old['coverage']}% to {total['coverage']}%")
    old_pages = {page["source"]: page for page in baseline.get("pages", [])}
    for page in report.pages:
        old = old_pages.get(page.source)
        if not old:
            continue
        for language, status in page.translations.items():
            before = old["translations"].get(language, {}).get("status")
            if before == tr.UP_TO_DATE and status.status != tr.UP_TO_DATE:
                found.append(f"docs/{page.source} ({language}): was up to date, now {status.status}")
    return found




def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="check_translations.py",
        description="Report what is missing or out of date in each language.")
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--output", help="write the report to this file instead of the screen")
    parser.add_argument("--lang", help="only this language (with --mark: the translation to mark)")
    parser.add_argument("--mark", metavar="PAGE",
                        help="record that PAGE's translation in --lang matches its source now")
    parser.add_argument("--force", action="store_true",
                        help="with --mark: mark a translation that leaves part of its source out")
    parser.add_argument("--reason", help="with --force: why it is published abridged (recorded)")
    parser.add_argument("--diff", action="store_true",
                        help="show the source's changes since each outdated translation was made")
    parser.add_argument("--fail-under", action="append", default=[], metavar="LANG=PERCENT",
                        help="fail when a language's word-weighted coverage is below PERCENT")
    parser.add_argument("--gate", action="store_true",
                        help="apply the thresholds of mkdocs.yml extra.translation.fail_under")
    parser.add_argument("--baseline", metavar="FILE",
                        help="a previous --format json report: fail only on regressions against it")
    parser.add_argument("--no-colour", action="store_true", help="plain text even in a terminal")
    return parser


def _source_relative(page: str, docs_dir: Path, targets: list[str]) -> str:
    path = Path(page)
    if path.is_absolute():
        path = path.relative_to(docs_dir.resolve())
    elif path.parts and path.parts[0] == docs_dir.name:
        path = Path(*path.parts[1:])
    language, source = tr.language_of(path, set(targets))
    return source


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        site = load_site(args.config)
    except SiteConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    targets = [code for code in site.codes if code != site.default_language.code]
    try:
        if args.lang and args.lang not in targets:
            raise UsageError(f"--lang must be one of {', '.join(targets)}")
        thresholds = parse_thresholds(args.fail_under, targets)
        if args.gate:
            configured = ((site.config.extra.get("translation") or {}).get("fail_under") or {})
            thresholds = {**parse_thresholds([f"{code}={value}" for code, value in configured.items()],
                                             targets), **thresholds}
        if (args.force or args.reason) and not args.mark:
            raise UsageError("--force and --reason go with --mark")
        if args.mark:
            if not args.lang:
                raise UsageError("--mark needs --lang (the language of the translation to mark)")
            if args.reason and not args.force:
                raise UsageError("--reason goes with --force")
            source = _source_relative(args.mark, site.docs_dir, targets)
            try:
                written = tr.mark(site, source, args.lang, force=args.force, reason=args.reason)
            except tr.IncompleteTranslation as refused:
                print(f"error: {refused}", file=sys.stderr)
                return 1
            note = " (abridged, reason recorded)" if args.force else ""
            print(f"marked {written.relative_to(site.docs_dir.parent)} as up to date with docs/{source}{note}")
            return 0
        baseline = None
        if args.baseline:
            try:
                baseline = json.loads(Path(args.baseline).read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise UsageError(f"--baseline {args.baseline}: {error}") from None
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    report = tr.build_report(site)
    languages = [args.lang] if args.lang else targets
    if args.format == "json":
        text = json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"
    else:
        colour = (not args.output and not args.no_colour and sys.stdout.isatty()
                  and "NO_COLOR" not in os.environ)
        text = format_table(report, colour, languages)
        if args.diff:
            text += _diffs(site, report, languages)
    if args.output:
        atomic_write_text(Path(args.output), text)
    else:
        sys.stdout.write(text)

    failures = [f"docs/{page.source} ({language}): {status.message}"
                for page in report.pages for language, status in page.translations.items()
                if status.status == tr.ERROR and language in languages]
    failures += [f"{error['path']}:{error['line']}: {error['message']}" for error in report.errors]
    totals = report.totals()
    for language, minimum in thresholds.items():
        if totals[language]["coverage"] < minimum:
            failures.append(f"{language}: coverage {totals[language]['coverage']}% is under {minimum}%")
    if baseline is not None:
        failures += regressions(report, baseline)
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


def _diffs(site, report: tr.Report, languages: list[str]) -> str:
    chunks = []
    for page in report.pages:
        for language in languages:
            status = page.translations[language]
            if status.status != tr.OUTDATED:
                continue
            translation = site.docs_dir / status.path
            record, _ = tr.read_record(translation.read_text(encoding="utf-8"), status.path)
            diff = tr.source_diff(site, page.source, record or {})
            header = f"\n=== docs/{page.source} → {language} ===\n"
            chunks.append(header + (diff if diff is not None else
                                    "(no git history reaches the translated version: "
                                    "see the changed sections above)\n"))
    return "".join(chunks)
