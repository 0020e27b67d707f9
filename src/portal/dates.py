"""Dates for readers, formatted by Babel from CLDR data (never hand-written month tables)."""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date

# Where CLDR's long date differs from how a language's official texts write dates.
# CLDR's Khmer long date is "3 កុម្ភៈ 2026"; Cambodian official writing, and the portal's
# Khmer body text, names each part: "ថ្ងៃទី 3 ខែកុម្ភៈ ឆ្នាំ 2026". Babel still fills the
# pattern, so month names come from CLDR; keyed by the CLDR language, not the site.
LONG_DATE_PATTERNS = {"km": "'ថ្ងៃទី' d 'ខែ'MMMM 'ឆ្នាំ' y"}


def parse_date(value) -> dt.date:
    """A front-matter date (YAML gives date or datetime objects, or ISO strings)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


def format_for_reader(value, language: str, locales: dict[str, str] | None = None) -> str:
    """``23 tháng 11, 2026`` / ``23 November 2026`` / ``ថ្ងៃទី 23 ខែវិច្ឆិកា ឆ្នាំ 2026``.

    ``locales`` maps a site language to the CLDR locale to format with (mkdocs.yml
    ``extra.locales``), e.g. ``en: en_GB`` for day-month-year English.
    """
    locale = (locales or {}).get(language, language)
    pattern = LONG_DATE_PATTERNS.get(Locale.parse(locale).language, "long")
    return format_date(parse_date(value), format=pattern, locale=locale)
