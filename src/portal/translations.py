"""Translation status of every page, navigation title, data field and interface string.

One implementation serves the editors' command (scripts/check_translations.py), the CI
gate, the site's fallback/outdated notices and the translation-status page.

A translation records in its front matter what it was translated from::

    translation:
      source: 3f2a9c0d1e4b5a6c      # fingerprint of the whole source page
      sections:                     # one fingerprint per source section (by heading)
        "": 9b1c...                 # the text before the first heading
        Vườn quốc gia Mũi Cà Mau: 77d0...

Fingerprints come from portal.markdown_sections, so this works on a shallow clone.

A translation whose record matches its source is up to date only if it also carries all
of the source (portal.completeness): every section, figure, link and list item. One that
does not is ``incomplete``, and counts as not translated. ``--mark --force --reason``
records an editor's decision to publish it abridged (``accepted_incomplete: <reason>``
in the record); the gaps are still listed.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from . import completeness
from . import figures as figure_check
from . import markdown_sections as md
from .atomic import atomic_write_text
from .frontmatter import TEXT_LOADER, split_front_matter
from .multilingual import DataFileError, data_files, multilingual_fields
from .site import Site
from .ui_strings import MATERIAL_LANGUAGES, language_partial, material_keys, parse_language_partial, strings_files

SCHEMA_VERSION = 2  # 2: the status "incomplete", its gaps, and data fields' missing figures
RECORD_KEY = "translation"
ACCEPTED_KEY = "accepted_incomplete"

MISSING = "missing"
UP_TO_DATE = "up-to-date"
OUTDATED = "outdated"
INCOMPLETE = "incomplete"
UNTRACKED = "untracked"
ORPHAN = "orphan"
ERROR = "error"
STATUSES = (UP_TO_DATE, INCOMPLETE, OUTDATED, UNTRACKED, MISSING, ORPHAN, ERROR)


@dataclass
class TranslationStatus:
    status: str
    path: str | None  # translation file, relative to docs_dir
    changed_sections: list[str] = field(default_factory=list)
    added_sections: list[str] = field(default_factory=list)
    removed_sections: list[str] = field(default_factory=list)
    source_changed: str | None = None  # ISO date of the source's last change (outdated only)
    message: str | None = None  # what is wrong, for error
    line: int | None = None
    # What a translation leaves out of its source, each with the source's line
    # (incomplete, or up to date with accepted_incomplete).
    missing_sections: list[dict] = field(default_factory=list)
    missing_figures: list[dict] = field(default_factory=list)
    other_gaps: list[dict] = field(default_factory=list)
    accepted_incomplete: str | None = None  # the editor's reason for publishing it abridged


@dataclass
class PageReport:
    source: str  # relative to docs_dir, posix
    section: str
    words: int
    translations: dict[str, TranslationStatus]


@dataclass
class Orphan:
    path: str
    language: str
    suggestion: str


@dataclass
class Report:
    source_language: str
    languages: list[str]  # target languages
    pages: list[PageReport]
    orphans: list[Orphan]
    nav: list[dict]
    data: list[dict]
    ui: dict[str, dict]
    errors: list[dict]

    def page(self, source: str) -> PageReport | None:
        return next((page for page in self.pages if page.source == source), None)

    def totals(self) -> dict[str, dict]:
        return {language: _totals(self, language) for language in self.languages}

    def to_json(self) -> dict:
        return {
            "schema_version": SCHEMA_VERSION,
            "source_language": self.source_language,
            "languages": self.languages,
            "pages": [
                {
                    "source": page.source,
                    "section": page.section,
                    "words": page.words,
                    "translations": {
                        language: {key: value for key, value in vars(status).items()}
                        for language, status in page.translations.items()
                    },
                }
                for page in self.pages
            ],
            "orphans": [vars(orphan) for orphan in self.orphans],
            "nav": self.nav,
            "data": self.data,
            "ui": self.ui,
            "errors": self.errors,
            "totals": self.totals(),
        }


def _counts(statuses: list[tuple[TranslationStatus, int]]) -> dict:
    counts = {status: 0 for status in STATUSES}
    words = words_done = 0
    for status, weight in statuses:
        counts[status.status] += 1
        words += weight
        if status.status == UP_TO_DATE:
            words_done += weight
    return {
        "pages": len(statuses),
        **{status.replace("-", "_"): count for status, count in counts.items()},
        "words": words,
        "words_up_to_date": words_done,
        # Weighted by the source's length: a long investment page counts more than a note.
        "coverage": round(100.0 * words_done / words, 1) if words else 100.0,
    }


def _totals(report: Report, language: str) -> dict:
    by_section: dict[str, list] = defaultdict(list)
    everything = []
    for page in report.pages:
        item = (page.translations[language], page.words)
        by_section[page.section].append(item)
        everything.append(item)
    totals = _counts(everything)
    totals["orphan"] = sum(1 for orphan in report.orphans if orphan.language == language)
    totals["sections"] = {section: _counts(items) for section, items in sorted(by_section.items())}
    nav = [entry["translations"][language] for entry in report.nav]
    totals["nav"] = {"total": len(nav), "translated": sum(1 for value in nav if value)}
    data = [entry["translations"][language] for entry in report.data]
    totals["data"] = {"total": len(data), "translated": sum(1 for value in data if value == UP_TO_DATE)}
    totals["ui_missing_keys"] = len(report.ui[language]["missing_keys"])
    return totals


# --- reading pages -------------------------------------------------------------------

def language_of(path: Path, targets: set[str]) -> tuple[str | None, str]:
    """(language suffix or None for a source page, the source's relative path)."""
    stem, suffix = path.stem, path.suffix
    if "." in stem:
        base, code = stem.rsplit(".", 1)
        if code in targets:
            return code, path.with_name(base + suffix).as_posix()
    return None, path.as_posix()


def read_record(source_text: str, path: str) -> tuple[dict | None, dict]:
    """The translation record of a translation file and the problem, if any."""
    front, problems = split_front_matter(source_text, path, loader=TEXT_LOADER)
    if problems:
        problem = problems[0]
        return None, {"message": f"{problem.message} — {problem.hint}", "line": problem.line}
    record = front.data.get(RECORD_KEY)
    if record is None:
        return None, {}
    line = front.key_lines.get(RECORD_KEY, 1)
    if not isinstance(record, dict) or not isinstance(record.get("sections", {}), dict) \
            or not isinstance(record.get("source"), str) \
            or not isinstance(record.get(ACCEPTED_KEY, ""), str):
        return None, {"message": f"'{RECORD_KEY}' must hold 'source' and 'sections' — "
                                 "run scripts/check_translations.py --mark to rewrite it",
                      "line": line}
    return record, {}


def compare(record: dict, current: dict[str, str]) -> TranslationStatus:
    if record.get("source") == md.page_fingerprint(current):
        return TranslationStatus(UP_TO_DATE, None)
    recorded = {str(key): str(value) for key, value in (record.get("sections") or {}).items()}
    changed = [key for key in current if key in recorded and recorded[key] != current[key]]
    added = [key for key in current if key not in recorded]
    removed = [key for key in recorded if key not in current]
    if not (changed or added or removed):
        # Same sections, other order: the page still changed.
        changed = list(current)
    return TranslationStatus(OUTDATED, None, changed, added, removed)


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                                check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def last_change_dates(docs_dir: Path, paths: list[str]) -> dict[str, str]:
    """ISO date each source last changed: its last commit, or its file time when there is
    no history (or the working copy differs from it)."""
    dates = {}
    for relative in paths:
        path = docs_dir / relative
        log = _git(docs_dir, "log", "-1", "--format=%cs", "--", str(path))
        modified = _git(docs_dir, "status", "--porcelain", "--", str(path))
        if log and log.strip() and not (modified and modified.strip()):
            dates[relative] = log.strip()
        else:
            dates[relative] = date.fromtimestamp(path.stat().st_mtime).isoformat()
    return dates


_PER_FILE: dict[tuple[str, str], tuple[tuple[int, int], object]] = {}
_COMPLETENESS: dict[tuple, completeness.Completeness] = {}


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


class CompletenessCache:
    """Completeness results kept on disk (``.cache/translation-completeness.json``) by the
    texts' hash: checking every figure of 2,000 pages x 2 languages takes seconds, and
    the next run (a CLI call, a CI step after the build) needs only the pages that
    changed. The key includes a hash of the code that computes it, so a changed rule
    never serves an old answer."""

    NAME = "translation-completeness.json"

    def __init__(self, folder: Path | None):
        self.path = folder / self.NAME if folder else None
        self.version = _code_version()
        self.entries: dict[str, dict] = {}
        self.used: dict[str, dict] = {}
        if self.path and self.path.is_file():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if data.get("version") == self.version:
                    self.entries = data.get("entries") or {}
            except (OSError, ValueError):
                self.entries = {}

    def check(self, source_text: str, source_language: str, translation_text: str, language: str,
              min_length_ratio: float | None) -> completeness.Completeness:
        key = hashlib.sha256("\x00".join((source_text, source_language, translation_text, language,
                                          repr(min_length_ratio))).encode("utf-8")).hexdigest()
        stored = self.entries.get(key)
        if stored is None:
            found = completeness.check(source_text, source_language, translation_text, language,
                                       min_length_ratio)
            stored = {"sections": found.missing_sections, "figures": found.missing_figures,
                      "other": found.other_gaps}
        self.used[key] = stored
        return completeness.Completeness(list(stored["sections"]), list(stored["figures"]),
                                         list(stored["other"]))

    def save(self) -> None:
        if not self.path or all(key in self.entries for key in self.used):
            return
        # Results found in memory (a preview's rebuilds) are not "used" here: keep what
        # was stored, unless it has grown far beyond what this run needed.
        kept = {**self.entries, **self.used}
        if len(kept) > 2 * max(len(self.used), 5000):
            kept = self.used
        try:
            atomic_write_text(self.path, json.dumps({"version": self.version, "entries": kept},
                                                    ensure_ascii=False, separators=(",", ":")))
        except OSError:
            pass  # a read-only checkout: the next run computes again


def _code_version() -> str:
    digest = hashlib.sha256()
    for module in (completeness, figure_check, md):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:16]


def completeness_of(source: Path, translation: Path, source_language: str, language: str,
                    min_length_ratio: float | None,
                    cache: CompletenessCache | None = None) -> completeness.Completeness:
    """portal.completeness.check of two files, remembered while neither changes."""
    key = (str(source), _stamp(source), str(translation), _stamp(translation), language, min_length_ratio)
    found = _COMPLETENESS.get(key)
    if found is None:
        source_text = source.read_text(encoding="utf-8")
        translation_text = translation.read_text(encoding="utf-8")
        if cache is not None:
            found = cache.check(source_text, source_language, translation_text, language, min_length_ratio)
        else:
            found = completeness.check(source_text, source_language, translation_text, language,
                                       min_length_ratio)
        _COMPLETENESS[key] = found
    return found


def length_ratios(site: Site) -> dict[str, float]:
    """mkdocs.yml ``extra.translation.min_length_ratio``: language -> shortest share."""
    configured = ((site.config.extra.get("translation") or {}).get("min_length_ratio") or {})
    return {str(code): float(value) for code, value in configured.items()}


def apply_completeness(status: TranslationStatus, found: completeness.Completeness,
                       record: dict | None) -> TranslationStatus:
    """An up-to-date status becomes incomplete when the translation leaves part of its
    source out, unless the record accepts it (its reason is kept)."""
    if status.status != UP_TO_DATE or found.complete:
        return status
    status.missing_sections = list(found.missing_sections)
    status.missing_figures = list(found.missing_figures)
    status.other_gaps = list(found.other_gaps)
    reason = (record or {}).get(ACCEPTED_KEY)
    if reason:
        status.accepted_incomplete = str(reason)
    else:
        status.status = INCOMPLETE
    return status


def _per_file(path: Path, kind: str, compute):
    """What ``compute`` makes of a file's text, remembered for as long as the file keeps
    its size and time: a preview computes the report on every rebuild, for one edited file."""
    stat = path.stat()
    stamp, key = (stat.st_mtime_ns, stat.st_size), (str(path), kind)
    remembered = _PER_FILE.get(key)
    if remembered is None or remembered[0] != stamp:
        remembered = (stamp, compute(path.read_text(encoding="utf-8")))
        _PER_FILE[key] = remembered
    return remembered[1]


def build_report(site: Site, content_dir: Path | None = None) -> Report:
    docs_dir = site.docs_dir
    source_language = site.default_language.code
    targets = [code for code in site.codes if code != source_language]
    target_set = set(targets)
    sources: dict[str, Path] = {}
    translations: dict[str, dict[str, Path]] = defaultdict(dict)
    errors: list[dict] = []

    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(docs_dir)
        if any(part.startswith(".") for part in relative.parts):
            continue
        language, source_relative = language_of(relative, target_set)
        if language is None:
            sources[source_relative] = path
        else:
            translations[source_relative][language] = path

    fingerprints: dict[str, dict[str, str]] = {}
    ratios = length_ratios(site)
    disk_cache = CompletenessCache(Path(site.config.config_file_path).parent / ".cache")
    pages = []
    for relative, path in sources.items():
        try:
            fingerprints[relative], words = _per_file(path, "source", lambda text: (
                md.section_fingerprints(text), md.word_count(text)))
        except (OSError, UnicodeDecodeError) as error:
            errors.append({"path": relative, "line": 1, "message": f"cannot read the source: {error}"})
            continue
        section = relative.split("/", 1)[0] if "/" in relative else ""
        statuses = {}
        for language in targets:
            translation = translations.get(relative, {}).get(language)
            if translation is None:
                statuses[language] = TranslationStatus(MISSING, None)
                continue
            translation_relative = translation.relative_to(docs_dir).as_posix()
            try:
                record, problem = _per_file(translation, "record",
                                            lambda text: read_record(text, translation_relative))
            except (OSError, UnicodeDecodeError) as error:
                record, problem = None, {"message": f"cannot read the file: {error}", "line": 1}
            if problem:
                status = TranslationStatus(ERROR, None, message=problem["message"], line=problem["line"])
            elif record is None:
                status = TranslationStatus(UNTRACKED, None)
            else:
                status = compare(record, fingerprints[relative])
                if status.status == UP_TO_DATE:
                    try:
                        found = completeness_of(path, translation, source_language, language,
                                                ratios.get(language), disk_cache)
                    except (OSError, UnicodeDecodeError):
                        found = None
                    if found is not None:
                        status = apply_completeness(status, found, record)
            status.path = translation_relative
            statuses[language] = status
        pages.append(PageReport(relative, section, words, statuses))
    disk_cache.save()

    outdated = [page.source for page in pages
                if any(status.status == OUTDATED for status in page.translations.values())]
    if outdated:
        dates = last_change_dates(docs_dir, outdated)
        for page in pages:
            for status in page.translations.values():
                if status.status == OUTDATED:
                    status.source_changed = dates[page.source]

    orphans = _orphans(docs_dir, sources, translations, fingerprints)
    content_dir = content_dir if content_dir is not None else Path(site.config.config_file_path).parent / "content"
    custom_dir = Path(site.config.theme.custom_dir) if site.config.theme.custom_dir else None
    return Report(
        source_language=source_language,
        languages=targets,
        pages=pages,
        orphans=orphans,
        nav=_nav_report(site, targets),
        data=_data_report(content_dir, custom_dir, site, targets, errors),
        ui=_ui_report(custom_dir, targets, Path(site.config.config_file_path).parent),
        errors=errors,
    )


def _orphans(docs_dir, sources, translations, fingerprints) -> list[Orphan]:
    orphans = []
    for source_relative, by_language in sorted(translations.items()):
        if source_relative in sources:
            continue
        for language, path in sorted(by_language.items()):
            relative = path.relative_to(docs_dir).as_posix()
            suggestion = f"delete docs/{relative} if its source was removed on purpose"
            try:
                record, _ = read_record(path.read_text(encoding="utf-8"), relative)
            except (OSError, UnicodeDecodeError):
                record = None
            # A renamed source keeps its fingerprint (or most of its sections).
            best, best_score = None, 0.0
            for candidate, sections in fingerprints.items():
                if language in translations.get(candidate, {}):
                    continue
                if record and record.get("source") == md.page_fingerprint(sections):
                    best, best_score = candidate, 1.0
                    break
                recorded = set((record or {}).get("sections", {}).values())
                if recorded:
                    score = len(recorded & set(sections.values())) / len(recorded)
                    if score > best_score:
                        best, best_score = candidate, score
            if best is not None and best_score >= 0.5:
                target = Path(best)
                new = target.with_name(f"{target.stem}.{language}{target.suffix}").as_posix()
                suggestion = f"git mv docs/{relative} docs/{new}"
            orphans.append(Orphan(relative, language, suggestion))
    return orphans


def _nav_titles(entries) -> list[str]:
    titles = []
    for entry in entries or []:
        if isinstance(entry, dict):
            for title, value in entry.items():
                titles.append(title)
                if isinstance(value, list):
                    titles.extend(_nav_titles(value))
    return titles


def _nav_report(site: Site, targets: list[str]) -> list[dict]:
    from .site import nav_translations
    translated = nav_translations(site.config)
    return [
        {"title": title,
         "translations": {language: translated.get(language, {}).get(title) for language in targets}}
        for title in dict.fromkeys(_nav_titles(site.config.nav))
    ]


def _data_report(content_dir: Path, custom_dir: Path | None, site: Site, targets: list[str],
                 errors: list[dict]) -> list[dict]:
    root = Path(site.config.config_file_path).parent
    files = data_files(content_dir)
    interface_files = strings_files(custom_dir)
    files += interface_files
    entries = []
    for path in files:
        relative = os.path.relpath(path, root)
        try:
            found = multilingual_fields(path.read_text(encoding="utf-8"), relative,
                                        site.codes, site.default_language.code)
        except DataFileError as error:
            errors.append({"path": error.file, "line": error.line, "message": error.message})
            continue
        except (OSError, UnicodeDecodeError) as error:
            errors.append({"path": relative, "line": 1, "message": f"cannot read the file: {error}"})
            continue
        if "photos" in Path(relative).parts:
            kind = "photos"
        elif path in interface_files:
            kind = "ui"
        else:
            kind = "data"
        for item in found:
            statuses, missing_figures = {}, {}
            for language in targets:
                translated = item.texts.get(language)
                if not translated:
                    statuses[language] = MISSING
                    continue
                lacking = data_field_missing_figures(item.texts.get(site.default_language.code, ""),
                                                     site.default_language.code, translated, language)
                statuses[language] = INCOMPLETE if lacking else UP_TO_DATE
                if lacking:
                    missing_figures[language] = lacking
            entry = {"file": item.file, "line": item.line, "field": item.path, "kind": kind,
                     "translations": statuses}
            if missing_figures:
                entry["missing_figures"] = missing_figures
            entries.append(entry)
    return entries


def data_field_missing_figures(source_text: str, source_language: str, translated: str,
                               language: str) -> list[str]:
    """The figures of a data field's source text its translation lacks, as written.
    Placeholders such as ``{count}`` are not figures."""
    return [figure.text for figure in figure_check.missing(source_text, source_language,
                                                           translated, language)]


def _ui_file_label(path: Path | None, root: Path) -> str | None:
    """Where a language's interface strings come from: a path from the site's folder
    (its own override or the portal's theme), or Material's file."""
    if path is None:
        return None
    if MATERIAL_LANGUAGES in path.parents:
        return f"material:{path.name}"
    return os.path.relpath(path, root)


def _ui_report(custom_dir: Path | None, targets: list[str], root: Path) -> dict[str, dict]:
    report = {}
    for language in targets:
        path = language_partial(language, custom_dir)
        # An empty text is not translated: Material shows its English one.
        keys = {key for key, text in parse_language_partial(path).items() if text} if path else set()
        missing = sorted(material_keys() - keys)
        report[language] = {
            "file": _ui_file_label(path, root),
            "status": UP_TO_DATE if not missing else MISSING,
            "missing_keys": missing,
        }
    return report


# --- marking ---------------------------------------------------------------------------

def _quoted(text: str) -> str:
    return yaml.safe_dump(text, allow_unicode=True, default_style=chr(34), width=10_000).strip()


def record_lines(fingerprints: dict[str, str], accepted_incomplete: str | None = None) -> list[str]:
    lines = [f"{RECORD_KEY}:", f"  source: {md.page_fingerprint(fingerprints)}"]
    if accepted_incomplete:
        lines.append(f"  {ACCEPTED_KEY}: {_quoted(accepted_incomplete)}")
    lines.append("  sections:")
    for key, value in fingerprints.items():
        lines.append(f"    {_quoted(key)}: {value}")
    return lines


def with_record(translation_text: str, fingerprints: dict[str, str],
                accepted_incomplete: str | None = None) -> str:
    """The translation's text with its record replaced; every other line kept as it was."""
    lines = translation_text.split("\n")
    new_record = record_lines(fingerprints, accepted_incomplete)
    if not lines or lines[0].strip() != "---":
        return "\n".join(["---", *new_record, "---", *lines])
    end = next((index for index in range(1, len(lines)) if lines[index].strip() in ("---", "...")), None)
    if end is None:
        raise ValueError("the front matter is never closed")
    front = lines[1:end]
    kept, skipping = [], False
    for line in front:
        if line.startswith(f"{RECORD_KEY}:"):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "\t")) or not line.strip()):
            continue
        skipping = False
        kept.append(line)
    return "\n".join([lines[0], *kept, *new_record, *lines[end:]])


def translation_path(docs_dir: Path, source_relative: str, language: str) -> Path:
    source = Path(source_relative)
    return docs_dir / source.with_name(f"{source.stem}.{language}{source.suffix}")


class IncompleteTranslation(Exception):
    """--mark refused: the translation leaves part of its source out."""

    def __init__(self, translation: str, source: str, found: completeness.Completeness):
        self.translation, self.source, self.found = translation, source, found
        super().__init__("\n".join([
            f"{translation}: not marked — the translation leaves out part of {source}:",
            *gap_lines(source, found.missing_sections, found.missing_figures, found.other_gaps),
            "translate what is missing, or publish it abridged on purpose with "
            "--force --reason \"why\" (the reason is recorded in its front matter)"]))


def gap_lines(source: str, sections: list[dict], figures: list[dict], others: list[dict]) -> list[str]:
    """One line per gap, ``docs/<source>:<line>: what``: editors jump to it."""
    lines = [f"  {source}:{item['line']}: section “{item['heading']}” is missing" for item in sections]
    lines += [f"  {source}:{item['line']}: figure {item['text']} is missing" for item in figures]
    lines += [f"  {source}:{item['line']}: {item['detail']}" for item in others]
    return lines


def mark(site: Site, source_relative: str, language: str, force: bool = False,
         reason: str | None = None) -> Path:
    """Record that the translation of ``source_relative`` in ``language`` matches its source.
    An incomplete translation is refused unless ``force`` with a ``reason``."""
    docs_dir = site.docs_dir
    source = docs_dir / source_relative
    translation = translation_path(docs_dir, source_relative, language)
    if not source.is_file():
        raise FileNotFoundError(f"docs/{source_relative}: no such source page")
    if not translation.is_file():
        raise FileNotFoundError(f"{translation.relative_to(docs_dir.parent)}: no such translation")
    if force and not (reason and reason.strip()):
        raise ValueError("--force needs --reason \"…\": why this translation is published abridged")
    fingerprints = md.section_fingerprints(source.read_text(encoding="utf-8"))
    found = completeness.check(source.read_text(encoding="utf-8"), site.default_language.code,
                               translation.read_text(encoding="utf-8"), language,
                               length_ratios(site).get(language))
    accepted = None
    if not found.complete:
        if not force:
            raise IncompleteTranslation(translation.relative_to(docs_dir.parent).as_posix(),
                                        f"{docs_dir.name}/{source_relative}", found)
        accepted = " ".join(reason.split())
    atomic_write_text(translation, with_record(translation.read_text(encoding="utf-8"), fingerprints,
                                               accepted))
    return translation


# --- history ---------------------------------------------------------------------------

def source_diff(site: Site, source_relative: str, record: dict, max_commits: int = 200) -> str | None:
    """The source's diff since the version the translation was made from, or None when the
    history does not reach it (a shallow clone, or a source never committed)."""
    docs_dir = site.docs_dir
    path = docs_dir / source_relative
    log = _git(docs_dir, "log", f"--max-count={max_commits}", "--format=%H", "--follow", "--", str(path))
    if not log:
        return None
    toplevel = (_git(docs_dir, "rev-parse", "--show-toplevel") or "").strip()
    for commit in log.split():
        name = _git(docs_dir, "log", "-1", "--format=", "--name-only", commit, "--follow", "--", str(path))
        in_repo = (name or "").strip().splitlines()
        repo_path = in_repo[0] if in_repo else os.path.relpath(path, toplevel)
        old = _git(docs_dir, "show", f"{commit}:{repo_path}")
        if old is not None and md.page_fingerprint(md.section_fingerprints(old)) == record.get("source"):
            return _git(docs_dir, "diff", commit, "--", str(path)) or ""
    return None
