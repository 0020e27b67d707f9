"""How fresh a page is: when it last changed (from git history) and the "as of" dates of
its time-sensitive statements, shown in the reader's language and CLDR format.

Why our own and not mkdocs-git-revision-date-localized-plugin (tried, 1.6.3): it works
with mkdocs-static-i18n, but (1) it formats with the file's locale code and has no
per-language locale, so English shows US dates where mkdocs.yml ``extra.locales`` asks
for en_GB; (2) pages generated from data (festival pages) get the build's wall-clock
time, down to the second in the title attribute, so two builds of one commit differ
(tests/test_parallel_build.py) and a festival page claims it changed today; (3) outside
a git checkout it either fails the strict build or dates everything at build time. Here
one ``git log`` over the whole tree dates every file; a page is dated by its own file
(a translation by its own history, a fallback copy by its source), or, when it is
generated, by the data it is made from; a page showing data (key figures, the products
table, the festival calendar) also changes when that data does. Without history (a
copy without .git) pages simply show no date.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from . import data_content
from .dates import format_for_reader, source_date_epoch
from .sources import AS_OF, parse_date

# The data files behind a page's markers: the page changes when they do.
MARKER_DATA = (
    ("<!-- key-figures", "indicators.yml"), (data_content.KEY_INDICATORS, "indicators.yml"),
    ("<!-- chart:", "indicators.yml"), (data_content.PRODUCT_LIST, "products.yml"),
    (data_content.FESTIVAL_CALENDAR, "festivals.yml"),
)


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def last_changes(root: Path) -> dict[str, dt.date]:
    """Absolute path -> date of the last commit touching it, for every file in the
    history under ``root``; {} without git history. One ``git log`` for the whole tree.
    Committer dates (``%cs``): what was published, not when it was first written."""
    toplevel = _git(root, "rev-parse", "--show-toplevel")
    if not toplevel:
        return {}
    top = Path(toplevel.strip())
    log = _git(root, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", str(root))
    if not log:
        return {}
    dates: dict[str, dt.date] = {}
    current = None
    for line in log.split("\n"):
        if line.startswith("\x00"):
            current = dt.date.fromisoformat(line[1:].strip())
        elif line.strip() and current is not None:
            dates.setdefault(str((top / line.strip()).resolve()), current)
    return dates


def page_date(dates: dict[str, dt.date], page_path: str | None, markdown: str,
              content_dir: Path, generated_from: list[str] | None = None) -> dt.date | None:
    """The date a page last changed: its file's, or its data's when newer (or when the
    page is generated from data and has no file)."""
    candidates = []
    if page_path:
        found = dates.get(str(Path(page_path).resolve()))
        if found:
            candidates.append(found)
    for path in generated_from or []:
        found = dates.get(str(Path(path).resolve()))
        if found:
            candidates.append(found)
    for marker, name in MARKER_DATA:
        if marker in markdown:
            found = dates.get(str((content_dir / name).resolve()))
            if found:
                candidates.append(found)
    return max(candidates) if candidates else None


def last_updated_html(date: dt.date, language: str, texts, locales=None) -> str:
    """``Last updated: <time datetime="2026-11-23">23 November 2026</time>``."""
    shown = format_for_reader(date, language, locales)
    label = texts("last_updated", date="\x00")
    before, _, after = label.partition("\x00")
    from html import escape

    # lang: on a fallback copy the text around it is in the source language.
    return (f'<span class="portal-last-updated" lang="{escape(language)}">{escape(before)}'
            f'<time datetime="{date.isoformat()}">'
            f"{escape(shown)}</time>{escape(after)}</span>")


def render_as_of(markdown: str, language: str, texts, locales=None) -> str:
    """Each ``<!-- as-of: DATE; review: DATE -->`` becomes "(as of <date>)" for readers;
    the review date is for editors (make check, the translation-status page)."""
    from html import escape

    def replace(match):
        as_of = parse_date(match.group("as_of"))
        if as_of is None:
            return match.group(0)  # make check names the broken marker
        shown = format_for_reader(as_of, language, locales)
        return f'<span class="portal-as-of">({escape(texts("as_of", date=shown))})</span>'

    return AS_OF.sub(replace, markdown) if "as-of" in markdown else markdown


def build_today() -> dt.date:
    """Today for review dates: SOURCE_DATE_EPOCH when set (a reproducible build), else
    the clock — not the commit date festival dates use: a review date passes whether or
    not anyone commits."""
    return source_date_epoch() or dt.date.today()
