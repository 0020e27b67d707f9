"""The frame around every page: the site-wide notice and the left sidebar.

- ``extra.province.notice`` in mkdocs.yml (``{date, text: {<language>: ...}}``) is shown
  at the top of every page in Material's announcement bar, in the reader's language
  with its date (CLDR through Babel), dismissible (``announce.dismiss``); no setting, no
  bar. A language without its own text shows the source language's, marked as such.
- A page whose section holds that page alone gets no left sidebar: a one-item list is
  noise (news, with its many posts, keeps its sidebar).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .dates import format_for_reader

NOTICE_KEYS = ("date", "text")


@dataclass(frozen=True)
class Notice:
    date_iso: str
    date_text: str
    text: str
    text_language: str | None  # set when the text is not in the page's language


def notice_problems(raw, language_codes: tuple[str, ...]) -> list[str]:
    """What is wrong with ``extra.province.notice`` (empty list: fine, or unset)."""
    if raw is None:
        return []
    where = "extra.province.notice"
    if not isinstance(raw, dict):
        return [f"{where} must be a mapping with 'date' and 'text' (or be removed when there is no notice)"]
    problems = [f"{where}.{key} is not a known setting — use 'date' and 'text'" for key in raw if key not in NOTICE_KEYS]
    date = raw.get("date")
    if date is None:
        problems.append(f"{where}.date is missing — write the day the notice was issued, e.g. date: 2026-12-03")
    elif not isinstance(date, dt.date):
        try:
            dt.date.fromisoformat(str(date))
        except ValueError:
            problems.append(f"{where}.date '{date}' is not a date — write it as YYYY-MM-DD")
    text = raw.get("text")
    if not isinstance(text, dict):
        problems.append(f"{where}.text must give the notice per language, e.g. text: {{{language_codes[0]}: ...}}")
        return problems
    for code in text:
        if code not in language_codes:
            problems.append(f"{where}.text.{code}: '{code}' is not a language of the site ({', '.join(language_codes)})")
    if not str(text.get(language_codes[0]) or "").strip():
        problems.append(f"{where}.text has no text for '{language_codes[0]}' (the source language) — "
                        f"add '{language_codes[0]}: ...'")
    return problems


def notice(raw, language: str, source: str, locales: dict | None = None) -> Notice | None:
    """The notice for a page in ``language``; None when unset. ``raw`` is already valid."""
    if not raw:
        return None
    texts = raw.get("text") or {}
    text = str(texts.get(language) or "").strip()
    text_language = None
    if not text:
        text, text_language = str(texts.get(source) or "").strip(), source
    date = raw["date"] if isinstance(raw["date"], dt.date) else dt.date.fromisoformat(str(raw["date"]))
    return Notice(date.isoformat(), format_for_reader(date, language, locales), text, text_language)


def section_page_count(page) -> int | None:
    """How many pages the page's top-level section holds (None: not in a section)."""
    ancestors = list(getattr(page, "ancestors", []) or [])
    if not ancestors:
        return None
    section = ancestors[-1]

    def count(items) -> int:
        total = 0
        for item in items or []:
            if getattr(item, "is_page", False):
                total += 1
            elif getattr(item, "is_section", False):
                total += count(item.children)
        return total

    return count(section.children)


def hide_lonely_sidebar(meta: dict, page) -> dict:
    """``meta`` with 'navigation' added to ``hide`` when the page is alone in its section."""
    if section_page_count(page) != 1:
        return meta
    hide = list(meta.get("hide") or [])
    if "navigation" not in hide:
        hide.append("navigation")
    return {**meta, "hide": hide}
