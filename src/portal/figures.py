"""The figures (numbers and dates) of a text, normalised so that one figure reads the same
in every language.

Languages write one figure differently: ``7.942,39`` (Vietnamese) and ``7,942.39``
(English) are the same area; ``26/3/2021``, ``26 March 2021`` and ``ថ្ងៃទី 26 ខែមីនា ឆ្នាំ
2021`` the same day; Khmer may use its own digits (``២០២៥``). Each figure becomes a
canonical key: the digits of a number (separators dropped: the digits of one figure are
the same whatever the convention), or ``2021-03-26`` / ``2021-03`` / ``03-26`` for a date.
Month names come from CLDR (Babel) for the text's language, so no month table is typed
here. Used by the translation check (a translation must carry every figure of its
source) and by the source check (a figure needs a dated source).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError

KHMER_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")
# What is not prose: its numbers are addresses, sizes or colours, not figures.
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_ATTRIBUTES = re.compile(r"\{[^{}\n]*\}")
_URL = re.compile(r"\b(?:https?://|www\.)\S+")
_TAG = re.compile(r"<[^>\n]+>")
_FENCE = re.compile(r"^\s*(```|~~~)")

_ORDINAL = r"(?:st|nd|rd|th)"
_NOT_DIGIT = re.compile(r"\D")
_DIGIT = re.compile(r"\d")
_KHMER_DIGIT = re.compile("[០-៩]")
_NEWLINE = re.compile("\n")
# Khmer writes figures against its letters ("ឆ្នាំ2025"): only digits and separators end a
# figure on the left.
NUMBER = re.compile(r"(?<![\d.,])\d(?:[.,]?\d)*(" + _ORDINAL + r")?")
NUMERIC_DATE = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])")
MONTH_YEAR = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{4})(?![\d/])")
CJK_DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
# Words between a day and its month, or a month and its year, in the portal's languages
# ("ngày 6 tháng 3 năm 2025", "6 of March", "ថ្ងៃទី 6 ខែមីនា ឆ្នាំ 2025").
_DAY_JOIN = r"(?:\s*(?:of\s+)?(?:ខែ\s*)?)"
_YEAR_JOIN = r"(?:\s*(?:,|/|năm|ឆ្នាំ)?\s*)"


@dataclass(frozen=True)
class Figure:
    key: str  # canonical: "794239", "2021-03-26", "2021-03", "03-26"
    text: str  # as written
    line: int  # 1-based, in the text given


def _month_names(language: str) -> dict[str, int]:
    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return {}
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for number, name in locale.months[context]["wide"].items():
            if any(character.isdigit() for character in name) or len(name) > 2:
                names[name] = number
    return names


@lru_cache(maxsize=None)
def _month_date(language: str) -> re.Pattern | None:
    names = _month_names(language.split("_")[0]) or {}
    if language.split("_")[0] != "en":
        names.update(_month_names("en"))  # citations of English sources keep English dates
    if not names:
        return None
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(
        r"(?:(?<![\d.,])(?P<day>\d{1,2})" + _ORDINAL + r"?" + _DAY_JOIN + r")?"
        r"(?P<month>" + alternatives + r")(?!\d)(?![A-Za-z\u00c0-\u024f\u1e00-\u1eff])"
        r"(?:\s+(?P<day_after>\d{1,2})(?![\d.,]\d)" + _ORDINAL + r"?,?)?"
        r"(?:" + _YEAR_JOIN + r"(?P<year>\d{4})(?!\d))?")


@lru_cache(maxsize=None)
def _month_name(language: str) -> re.Pattern:
    """Any month name of the language: most texts have none, and the full date pattern
    is the costly one."""
    names = sorted(_month_numbers(language), key=len, reverse=True)
    return re.compile("|".join(re.escape(name) for name in names) or "(?!)")


@lru_cache(maxsize=None)
def _month_numbers(language: str) -> dict[str, int]:
    names = _month_names(language.split("_")[0])
    if language.split("_")[0] != "en":
        names = {**_month_names("en"), **names}
    return names


def _blank(match: re.Match) -> str:
    """The match replaced by spaces, line breaks kept (line numbers stay right)."""
    return re.sub(r"[^\n]", " ", match.group(0))


def prose(text: str) -> str:
    """The text with code, comments, link targets, attribute lists and tags blanked out."""
    lines = []
    in_fence = False
    for line in text.split("\n"):
        fence = bool(_FENCE.match(line))
        if fence:
            in_fence = not in_fence
        lines.append(" " * len(line) if in_fence or fence else line)
    text = "\n".join(lines)
    for pattern in (_COMMENT, _CODE_SPAN, _LINK_TARGET, _ATTRIBUTES, _URL, _TAG):
        text = pattern.sub(_blank, text)
    return text


def _date_key(year: str | None, month: int, day: str | None) -> str | None:
    if not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= int(day) <= 31:
        return None
    if year and day:
        return f"{int(year):04d}-{month:02d}-{int(day):02d}"
    if year:
        return f"{int(year):04d}-{month:02d}"
    if day:
        return f"{month:02d}-{int(day):02d}"
    return str(month)  # a month alone ("tháng 3", "March") compares as its number


def figures(text: str, language: str, first_line: int = 1) -> list[Figure]:
    """Every figure of ``text`` (Markdown or plain), in order of appearance."""
    if _KHMER_DIGIT.search(text):
        text = text.translate(KHMER_DIGITS)
    if not _DIGIT.search(text):
        return []
    text = prose(text)
    found: list[tuple[int, Figure]] = []
    taken = bytearray(len(text))  # 1 where an earlier, more specific pattern matched
    line_starts = [0] + [match.end() for match in _NEWLINE.finditer(text)]

    def take(match: re.Match, key: str | None):
        start, end = match.span()
        if key is None or 1 in taken[start:end]:
            return
        taken[start:end] = b"\x01" * (end - start)
        line = first_line + bisect.bisect_right(line_starts, start) - 1
        found.append((start, Figure(key, match.group(0).strip(), line)))

    # Each date pattern only where its mark is: they start with optional parts, so the
    # regular-expression engine would try them at every character.
    for match in (CJK_DATE.finditer(text) if "月" in text else ()):
        take(match, _date_key(match.group(1), int(match.group(2)), match.group(3)))
    pattern = _month_date(language)
    if pattern is not None and _month_name(language).search(text):
        months = _month_numbers(language)
        for match in pattern.finditer(text):
            day = match.group("day") or match.group("day_after")
            take(match, _date_key(match.group("year"), months[match.group("month")], day))
    slashes = "/" in text
    for match in (NUMERIC_DATE.finditer(text) if slashes else ()):
        take(match, _date_key(match.group(3), int(match.group(2)), match.group(1)))
    for match in (MONTH_YEAR.finditer(text) if slashes else ()):
        take(match, _date_key(match.group(2), int(match.group(1)), None))
    for match in NUMBER.finditer(text):
        take(match, _NOT_DIGIT.sub("", match.group(0)))
    return [figure for _, figure in sorted(found, key=lambda item: item[0])]


def keys(text: str, language: str) -> set[str]:
    return {figure.key for figure in figures(text, language)}


def present(key: str, translation_keys: set[str]) -> bool:
    """Whether a source figure is in a translation, allowing what languages leave out:
    "28/11/2025 và 5/12/2025" is "28 November and 5 December 2025" (the first date's
    year written once); "năm 2013" may become "December 2013"."""
    if key in translation_keys:
        return True
    date = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", key)
    if date and f"{date.group(2)}-{date.group(3)}" in translation_keys:
        return True
    if re.fullmatch(r"1[89]\d\d|20\d\d", key):
        return any(other.startswith(key + "-") for other in translation_keys)
    return False


def missing(source_text: str, source_language: str, translation_text: str, translation_language: str,
            first_line: int = 1) -> list[Figure]:
    """The source's figures the translation does not carry (first occurrence of each)."""
    have = keys(translation_text, translation_language)
    seen: set[str] = set()
    result = []
    for figure in figures(source_text, source_language, first_line):
        if figure.key in seen:
            continue
        seen.add(figure.key)
        if not present(figure.key, have):
            result.append(figure)
    return result
