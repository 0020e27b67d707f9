"""Dates for readers, formatted by Babel from CLDR data (never hand-written month tables)."""

from __future__ import annotations

import datetime as dt
import os

from babel import Locale
from babel.dates import format_date, format_skeleton

# Where CLDR's long date differs from how a language's official texts write dates.
# CLDR's Khmer long date is "3 កុម្ភៈ 2026"; Cambodian official writing, and the portal's
# Khmer body text, names each part: "ថ្ងៃទី 3 ខែកុម្ភៈ ឆ្នាំ 2026". Babel still fills the
# pattern, so month names come from CLDR; keyed by the CLDR language, not the site.
LONG_DATE_PATTERNS = {"km": "'ថ្ងៃទី' d 'ខែ'MMMM 'ឆ្នាំ' y"}
# The same for a month and its year (calendar headings): CLDR's "វិច្ឆិកា 2026".
MONTH_PATTERNS = {"km": "'ខែ'MMMM 'ឆ្នាំ' y"}


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


def format_month_for_reader(value, language: str, locales: dict[str, str] | None = None) -> str:
    """``tháng 11 năm 2026`` / ``November 2026`` / ``ខែវិច្ឆិកា ឆ្នាំ 2026``, capitalised
    (it heads a month)."""
    locale = (locales or {}).get(language, language)
    pattern = MONTH_PATTERNS.get(Locale.parse(locale).language)
    day = parse_date(value)
    shown = (format_date(day, format=pattern, locale=locale) if pattern
             else format_skeleton("yMMMM", day, locale=locale))
    return shown[:1].upper() + shown[1:]


def date_range(start: dt.date, end: dt.date, language: str, locales: dict | None = None) -> str:
    """``21–23 March 2027`` / ``21–23 tháng 3, 2027`` / ``ថ្ងៃទី 21–23 ខែមីនា ឆ្នាំ 2027``:
    each date in the reader's long format, and where the two dates differ only in the
    day's number, one date with the two days."""
    last = format_for_reader(end, language, locales)
    if start == end:
        return last
    first = format_for_reader(start, language, locales)
    if (start.year, start.month) == (end.year, end.month) and \
            last.replace(str(end.day), str(start.day), 1) == first:
        return last.replace(str(end.day), f"{start.day}–{end.day}", 1)
    return f"{first} – {last}"


def source_date_epoch() -> dt.date | None:
    """The day SOURCE_DATE_EPOCH names (reproducible builds), or None when it is unset."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    if not epoch.isdigit():
        raise ValueError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970 (e.g. 1764720000), not '{epoch}'")
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
