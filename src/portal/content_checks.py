"""Checks of the editors' content, each problem as ``path:line:column: what — how to fix``.

Run by ``make check`` (scripts/check_content.py), by the pre-commit hook and by CI. The
strict build catches some of the same problems; these checks run in a second, name
every problem at once, and cover what a build cannot see (NFC, file names, links into
languages a page has no version in).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import photos, sources, writing_systems
from .frontmatter import Problem, check_page_front_matter, split_front_matter
from .markdown_sections import scan, strip_front_matter
from .photo_markup import references
from .slugs import heading_slug

KNOWN_KEYS = {"title", "description", "date", "translation", "image", "hide", "search", "template",
              "icon", "status", "tags", "subtitle"}
# The home page's own fields (portal/theme/home.html, portal.home).
KNOWN_KEYS |= {"invitation", "illustration", "ways", "photo"}
NEWS_FOLDER = "news/"
FILE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
EMPTY_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*\)")
RAW_HTTP = re.compile(r"(?<![\w/])http://[^\s)>\]]+")
EXPLICIT_ID = re.compile(r"\{\s*#([\w-]+)[^}]*\}\s*$")
KHMER = re.compile(f"[{writing_systems.KHMER}]")
LATIN = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
WORD = re.compile(r"[^\s\-–—,.;:!?()\[\]{}\"'“”‘’/|*_`#<>។៕៖]+")


@dataclass
class Page:
    path: Path  # absolute
    relative: str  # under docs/, posix
    language: str  # the language it is written in
    source: str  # its source page, under docs/
    text: str


def _pages(docs_dir: Path, languages: list[str], source_language: str) -> list[Page]:
    targets = set(languages) - {source_language}
    pages = []
    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(docs_dir).as_posix()
        parts = path.name.split(".")
        language = parts[-2] if len(parts) == 3 and parts[-2] in targets else source_language
        source = relative if language == source_language else relative.replace(f".{language}.md", ".md")
        pages.append(Page(path, relative, language, source, path.read_text(encoding="utf-8")))
    return pages


def anchors(text: str) -> set[str]:
    """The heading ids a page will have (python-slugify, or an explicit {#id})."""
    body, _ = strip_front_matter(text)
    found, seen = set(), {}
    for line in scan(body):
        match = line.heading
        if not match:
            continue
        explicit = EXPLICIT_ID.search(match.group(2))
        if explicit:
            found.add(explicit.group(1))
            continue
        slug = heading_slug(re.sub(r"[*_`]", "", match.group(2)), "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}_{count}")
    return found


def check_file_names(docs_dir: Path, languages: list[str], source_language: str) -> list[Problem]:
    problems = []
    for path in sorted(docs_dir.rglob("*")):
        if path.is_dir() or path.name.startswith("."):
            continue
        relative = path.relative_to(docs_dir).as_posix()
        where = f"{docs_dir.name}/{relative}"
        for folder in relative.split("/")[:-1]:
            if not FILE_NAME.match(folder):
                problems.append(Problem(where, 1, 1, f"folder name '{folder}' is not lowercase ASCII with hyphens",
                                        "rename it, e.g. with scripts/new_page.py's naming: 'dat-mui'"))
        if path.suffix != ".md":
            continue
        parts = path.name[:-3].split(".")
        if len(parts) > 2 or (len(parts) == 2 and parts[1] not in languages):
            problems.append(Problem(where, 1, 1, f"'{'.'.join(parts[1:])}' is not a language of the site",
                                    f"name translations page.<language>.md with one of: "
                                    f"{', '.join(code for code in languages if code != source_language)}"))
        elif len(parts) == 2 and parts[1] == source_language:
            problems.append(Problem(where, 1, 1, "the source language needs no suffix",
                                    f"rename it to {parts[0]}.md"))
        if not FILE_NAME.match(parts[0]):
            problems.append(Problem(where, 1, 1, f"file name '{parts[0]}' is not lowercase ASCII with hyphens",
                                    f"rename it to '{heading_slug(parts[0], '-')}.md'"))
    return problems


def check_page(page: Page, docs_name: str, pages_by_source: dict, records: dict[str, photos.PhotoRecord],
               fix: bool = False) -> list[Problem]:
    where = f"{docs_name}/{page.relative}"
    problems = list(check_page_front_matter(page.text, where))
    front, _ = split_front_matter(page.text, where)
    for key in front.data:
        if key not in KNOWN_KEYS:
            close = [k for k in KNOWN_KEYS if k[:3] == key[:3]]
            hint = f"did you mean '{close[0]}'?" if close else f"known fields: {', '.join(sorted(KNOWN_KEYS))}"
            problems.append(Problem(where, front.key_lines.get(key, 1), 1, f"unknown front-matter field '{key}'", hint))
    if "date" in front.data:
        value = front.data["date"]
        if not isinstance(value, (dt.date, dt.datetime)):
            try:
                dt.date.fromisoformat(str(value))
            except ValueError:
                problems.append(Problem(where, front.key_lines.get("date", 1), 1, f"'{value}' is not a date",
                                        "write it as YEAR-MONTH-DAY, e.g. 2025-04-26"))
    elif page.source.startswith(NEWS_FOLDER) and not page.source.endswith("index.md"):
        problems.append(Problem(where, 1, 1, "a news post has no 'date'",
                                "add 'date: YEAR-MONTH-DAY' (the publication date) to its front matter"))
    if not unicodedata.is_normalized("NFC", page.text):
        if fix:
            from .atomic import atomic_write_text

            atomic_write_text(page.path, unicodedata.normalize("NFC", page.text))
            page.text = unicodedata.normalize("NFC", page.text)
        else:
            line = next(number for number, text in enumerate(page.text.split("\n"), start=1)
                        if not unicodedata.is_normalized("NFC", text))
            problems.append(Problem(where, line, 1, "text is not in Unicode NFC (letters typed in parts)",
                                    "run: make check FIX=1 (scripts/check_content.py --fix) to normalise it"))

    body, offset = strip_front_matter(page.text)
    previous_level = 0
    for scanned in scan(body, offset + 1):
        if scanned.in_code:
            continue
        number, line, heading = scanned.number, scanned.text, scanned.heading
        if heading:
            level = len(heading.group(1))
            if previous_level and level > previous_level + 1:
                problems.append(Problem(where, number, 1, f"heading level {level} follows level {previous_level}",
                                        f"use {'#' * (previous_level + 1)} here: levels go down one at a time"))
            previous_level = level
        for match in EMPTY_IMAGE.finditer(line):
            problems.append(Problem(where, number, match.start() + 1, "empty image tag",
                                    "write ![](photo:<id>) with a photo from content/photos/, or delete it"))
        for match in RAW_HTTP.finditer(line):
            problems.append(Problem(where, number, match.start() + 1, f"insecure link {match.group(0)}",
                                    "use https:// (readers' browsers warn about http://)"))
        for match in WORD.finditer(line):
            word = match.group(0)
            if KHMER.search(word) and LATIN.search(word) and not word.startswith(("http", "photo:")):
                problems.append(Problem(where, number, match.start() + 1, f"word '{word}' mixes Khmer and Latin letters",
                                        "retype it in one script (look-alike letters break search and reading)"))
        for match in LINK.finditer(line):
            problems += check_link(match.group(1), page, where, number, match.start() + 1, pages_by_source)

    for reference in references(body, first_line=offset + 1):
        record = records.get(reference.photo_id)
        column = reference.column
        if record is None or record.original is None:
            problems.append(Problem(where, reference.line, column, f"unknown photo '{reference.photo_id}'",
                                    f"add content/photos/{reference.photo_id}.jpg and its .yml record, or fix the name"))
        elif not record.alt.get(page.language):
            problems.append(Problem(where, reference.line, column,
                                    f"photo '{reference.photo_id}' has no alt text in '{page.language}'",
                                    f"add '{page.language}: ...' under 'alt:' in content/photos/{reference.photo_id}.yml"))
    return problems


def check_link(target: str, page: Page, where: str, line: int, column: int, pages_by_source) -> list[Problem]:
    if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
        return []  # external, mailto:, photo:, or site-absolute (the build warns about those)
    path, _, anchor = target.partition("#")
    folder = posixpath.dirname(page.relative)
    if not path:
        linked = page
    else:
        resolved = posixpath.normpath(posixpath.join(folder, path))
        if resolved.endswith("/") or not resolved.endswith(".md"):
            return []  # a link to a file that is not a page (downloads...)
        language_suffix = f".{page.language}.md"
        source = resolved.replace(language_suffix, ".md") if resolved.endswith(language_suffix) else resolved
        versions = pages_by_source.get(source)
        if not versions:
            return [Problem(where, line, column, f"link to '{path}', which does not exist",
                            "fix the path (relative to this page, ending in .md)")]
        linked = versions.get(page.language)
        if linked is None:
            return [Problem(where, line, column,
                            f"link to '{path}', which has no '{page.language}' version",
                            "translate it, or accept that readers land on the source page with a notice")]
    if anchor and anchor not in anchors(linked.text):
        return [Problem(where, line, column, f"no heading '#{anchor}' in {linked.relative}",
                        "link to an existing heading (ids are ASCII: 'Đất Mũi' becomes 'dat-mui')")]
    return []


def check_site(docs_dir: Path, languages: list[str], source_language: str, photos_dir: Path,
               fix: bool = False) -> list[Problem]:
    pages = _pages(docs_dir, languages, source_language)
    by_source: dict[str, dict[str, Page]] = {}
    for page in pages:
        by_source.setdefault(page.source, {})[page.language] = page
    records = photos.load_records(photos_dir)
    problems = check_file_names(docs_dir, languages, source_language)
    for page in pages:
        problems += check_page(page, docs_dir.name, by_source, records, fix)
    return sorted(problems, key=lambda p: (p.path, p.line, p.column))


# --- sources and review dates (portal.sources) ---------------------------------------------

def source_labels(custom_dir: Path | None) -> dict[str, list[str]]:
    """language -> the labels that open a sources paragraph (``source_labels`` in
    the theme's strings.yml, variants separated by "|")."""
    from .ui_strings import strings_files

    if not strings_files(custom_dir):
        return {}
    from .ui_strings import load_portal_strings

    texts = load_portal_strings(custom_dir).get("source_labels") or {}
    return {language: [label.strip() for label in str(value).split("|") if label.strip()]
            for language, value in texts.items()}


def check_sources(docs_dir: Path, content_dir: Path, languages: list[str], source_language: str,
                  custom_dir: Path | None, config_reviews: list[dict] | None = None,
                  root: Path | None = None) -> tuple[list[Problem], list[sources.Review]]:
    """Figures without a dated source (problems) and every time-sensitive statement."""
    root = root or docs_dir.parent
    labels = source_labels(custom_dir)
    problems: list[Problem] = []
    reviews: list[sources.Review] = []

    def add(findings):
        problems.extend(Problem(item.file, item.line, 1, item.message, item.hint) for item in findings)

    for page in _pages(docs_dir, languages, source_language):
        body, offset = strip_front_matter(page.text)
        page_labels = labels.get(page.language) or labels.get(source_language) or []
        findings, found = sources.check_page_text(body, f"{docs_dir.name}/{page.relative}", page.language,
                                                  page_labels, offset + 1)
        add(findings)
        reviews += found
    if content_dir.is_dir():
        for path in sorted(content_dir.glob("*.yml")):
            where = path.relative_to(root).as_posix() if root in path.parents else path.name
            findings, found = sources.check_data_file(
                path.read_text(encoding="utf-8"), where, languages, source_language,
                kind_required=path.stem == "indicators")
            add(findings)
            reviews += found
    for item in config_reviews or []:
        review = sources.Review("mkdocs.yml", 1, item["what"], sources.parse_date(item.get("as_of")),
                                sources.parse_date(item.get("review")))
        reviews.append(review)
        if review.as_of is None or review.review is None:
            problems.append(Problem("mkdocs.yml", 1, 1, "official_portal_checked needs 'as_of' and 'review' dates",
                                    "write official_portal_checked: {as_of: YEAR-MONTH-DAY, review: YEAR-MONTH-DAY}"))
    return sorted(problems, key=lambda p: (p.path, p.line, p.column)), reviews


def collect_reviews(docs_dir: Path, content_dir: Path, languages: list[str], source_language: str,
                    config_reviews: list[dict] | None = None, root: Path | None = None) -> list[sources.Review]:
    """Every time-sensitive statement, without the (slower) figure checks: for the
    translation-status page at each build."""
    root = root or docs_dir.parent
    reviews: list[sources.Review] = []
    for page in _pages(docs_dir, languages, source_language):
        body, offset = strip_front_matter(page.text)
        reviews += [item for *_, item in sources.page_reviews(body, f"{docs_dir.name}/{page.relative}", offset + 1)]
    if content_dir.is_dir():
        for path in sorted(content_dir.glob("*.yml")):
            where = path.relative_to(root).as_posix() if root in path.parents else path.name
            reviews += sources.data_reviews(path.read_text(encoding="utf-8"), where)
    for item in config_reviews or []:
        reviews.append(sources.Review("mkdocs.yml", 1, item["what"], sources.parse_date(item.get("as_of")),
                                      sources.parse_date(item.get("review"))))
    return reviews


def review_warnings(reviews: list[sources.Review], today: dt.date) -> list[str]:
    """One line per statement whose review date has passed: ``file:line: warning: …``."""
    return [f"{item.file}:{item.line}: warning: review date {item.review.isoformat()} has passed "
            f"(as of {item.as_of.isoformat() if item.as_of else '?'}): “{item.what}” — check it, "
            "then update the text and its as-of and review dates"
            for item in sorted(reviews, key=lambda r: (r.file, r.line)) if item.due(today)]
