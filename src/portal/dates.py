"""Dates for readers, formatted by Babel from CLDR data (never hand-written month tables)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date


def parse_date(value) -> dt.date:
    """A front-matter date (YAML gives date or datetime objects, or ISO strings)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


def format_for_reader(value, language: str, locales: dict[str, str] | None = None) -> str:
    """``23 tháng 11, 2026`` / ``23 November 2026`` / ``23 វិច្ឆិកា 2026``.

    ``locales`` maps a site language to the CLDR locale to format with (mkdocs.yml
    ``extra.locales``), e.g. ``en: en_GB`` for day-month-year English.
    """
    locale = (locales or {}).get(language, language)
    return format_date(parse_date(value), format="long", locale=locale)
