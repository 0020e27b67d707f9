"""When each festival falls: its date rule in the calendar it really follows, turned into
Gregorian dates for this year and the next ones.

A festival in ``content/festivals.yml`` declares its rule under ``date:`` and the dates
the province announced under ``announced:`` (see content/README.md):

    date:
      calendar: vietnamese-lunar   # or khmer-lunisolar, khmer-new-year, gregorian
      month: 2                     # khmer-lunisolar: the Khmer month's name, e.g. កត្តិក
      day: 14                      # the first day (khmer-lunisolar: with moon: waxing/waning)
      days: 3                      # how many days it lasts
      other_ranges:                # where sources disagree: the other days they give
        - {day: 13, days: 3, source: "SGGP, CAND (2021)"}
    announced:
      - {start: 2025-03-11, end: 2025-03-17, source: {title: ..., date: 2025-03}}

An announced edition always wins over the computed one of the same year. Computed
editions are *expected*: pages say that the province announces the official programme.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .calendars import khmer, vietnamese
from .dates import source_date_epoch

CALENDARS = ("vietnamese-lunar", "khmer-lunisolar", "khmer-new-year", "gregorian")
MOONS = ("waxing", "waning")
# An announced date this far from the computed one is more likely a typo than a choice.
ANNOUNCED_TOLERANCE_DAYS = 3
# The Vietnamese and Khmer calendars spell some letters two ways (្ត / ្ដ): one form.
_COENG_DA, _COENG_TA = "\u17d2\u178a", "\u17d2\u178f"


@dataclass(frozen=True)
class Edition:
    """One year's festival: its first and last day, and whether it is only expected
    (computed from the rule) or announced by the province."""
    start: dt.date
    end: dt.date
    expected: bool
    rule_year: int  # the year of the calendar the rule was applied in
    source: dict | None = None  # the announcement's source


class RuleError(ValueError):
    """A date rule that cannot be computed; ``key`` names the field at fault."""

    def __init__(self, key: str, message: str, hint: str):
        super().__init__(message)
        self.key, self.hint = key, hint


def khmer_month(name) -> str:
    spelled = str(name).strip().replace(_COENG_DA, _COENG_TA)
    for month in khmer.MONTHS:
        if month.replace(_COENG_DA, _COENG_TA) == spelled:
            return month
    raise RuleError("month", f"'{name}' is not a Khmer month",
                    f"write one of: {', '.join(khmer.MONTHS)}")


def rule_of(festival: dict) -> dict | None:
    rule = festival.get("date")
    if rule is None:
        return None
    if not isinstance(rule, dict):
        raise RuleError("date", "'date' must be a block with 'calendar:' and its fields",
                        "see content/README.md, 'Festival dates'")
    calendar = rule.get("calendar")
    if calendar not in CALENDARS:
        raise RuleError("calendar", f"unknown calendar '{calendar}'", f"write one of: {', '.join(CALENDARS)}")
    days = rule.get("days", 1)
    if not isinstance(days, int) or not 1 <= days <= 31:
        raise RuleError("days", f"'days: {days}' is not a number of days", "write how long it lasts, e.g. days: 3")
    if calendar == "khmer-new-year":
        return rule
    _check_other_ranges(rule, calendar)
    month, day = rule.get("month"), rule.get("day")
    if calendar == "khmer-lunisolar":
        khmer_month(month)
        if rule.get("moon") not in MOONS:
            raise RuleError("moon", f"'moon: {rule.get('moon')}' is not waxing or waning",
                            "write moon: waxing (កើត) or moon: waning (រោច)")
        if not isinstance(day, int) or not 1 <= day <= 15:
            raise RuleError("day", f"day {day} of the {rule['moon']} moon does not exist",
                            "a waxing or waning moon has days 1 to 15")
        return rule
    if not isinstance(month, int) or not 1 <= month <= 12:
        raise RuleError("month", f"month {month} does not exist", "write the month's number, 1 to 12")
    if not isinstance(day, int) or not 1 <= day <= (30 if calendar == "vietnamese-lunar" else 31):
        raise RuleError("day", f"day {day} does not exist in a {calendar} month",
                        "a lunar month has days 1 to 30 (29 in short months)")
    return rule


def _check_other_ranges(rule: dict, calendar: str) -> None:
    """``other_ranges``: the days other sources give ([{day, days}]), each complete: a
    missing field would silently fall back to the rule's own."""
    others = rule.get("other_ranges")
    if others is None:
        return
    if not isinstance(others, list):
        raise RuleError("other_ranges", "'other_ranges' must be a list of {day, days}",
                        "write each range on its own line: - {day: 13, days: 3}")
    last_day = 15 if calendar == "khmer-lunisolar" else 30 if calendar == "vietnamese-lunar" else 31
    for other in others:
        if not isinstance(other, dict) or not isinstance(other.get("day"), int) \
                or not isinstance(other.get("days"), int):
            raise RuleError("other_ranges", f"'{other}' is not a range of days",
                            "write - {day: 13, days: 3}: the first day and how many days, as numbers")
        if not 1 <= other["day"] <= last_day or not 1 <= other["days"] <= 31:
            raise RuleError("other_ranges", f"day {other['day']} for {other['days']} days does not exist",
                            f"a day from 1 to {last_day}, lasting 1 to 31 days")


def _khmer_day(rule: dict, day: int | None = None) -> int:
    day = rule["day"] if day is None else day
    return day if rule["moon"] == "waxing" else 15 + day


def computed(rule: dict, year: int, day: int | None = None, days: int | None = None) -> Edition:
    """The edition the rule gives in ``year`` (of its own calendar). Raises RuleError
    for a day the month does not have that year (day 30 of a 29-day month)."""
    calendar, length = rule["calendar"], days or rule.get("days", 1)
    first_day = rule.get("day") if day is None else day
    if calendar == "khmer-new-year":
        start, end = khmer.new_year(year)
        return Edition(start, end, True, year)
    if calendar == "vietnamese-lunar":
        if first_day > vietnamese.month_length(year, rule["month"]):
            raise RuleError("day", f"month {rule['month']} of lunar year {year} has 29 days, not {first_day}",
                            "use day 29, or give the province's dates for that year under 'announced:'")
        start = vietnamese.to_gregorian(year, rule["month"], first_day)
    elif calendar == "khmer-lunisolar":
        month = khmer_month(rule["month"])
        index = _khmer_day(rule, first_day)
        if index > khmer.month_length(year, month):
            raise RuleError("day", f"{month} {year} has {khmer.month_length(year, month)} days; "
                            f"day {first_day} of the waning moon does not exist",
                            "use day 14 of the waning moon (១៤រោច), or announce that year's dates")
        start = khmer.to_gregorian(year, month, index)
    else:
        try:
            start = dt.date(year, rule["month"], first_day)
        except ValueError as error:
            raise RuleError("day", f"{error} ({year}-{rule['month']}-{first_day})", "fix the day") from None
    return Edition(start, start + dt.timedelta(days=length - 1), True, year)


def announced(festival: dict) -> list[Edition]:
    editions = []
    for entry in festival.get("announced") or []:
        start = _as_date(entry.get("start"))
        end = _as_date(entry.get("end") or entry.get("start"))
        editions.append(Edition(start, end, False, start.year, entry.get("source")))
    return sorted(editions, key=lambda edition: edition.start)


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


SAME_EDITION_DAYS = 120  # an announced edition this close to a computed one replaces it


def editions(festival: dict, first_year: int, last_year: int) -> list[Edition]:
    """The festival's editions of rule years ``first_year``…``last_year``, soonest first:
    computed from its rule, each replaced by the province's announced dates for it.
    Counted by the rule's own years, not the Gregorian ones: a festival late in the
    lunar year can fall in early January one year and late December the next."""
    rule = rule_of(festival)
    found: list[Edition] = []
    if rule is not None:
        for rule_year in range(first_year, last_year + 1):
            try:
                found.append(computed(rule, rule_year))
            except RuleError:  # a day the month lacks that year: no date to promise
                continue
    for edition in announced(festival):
        same = [other for other in found if other.expected
                and abs((other.start - edition.start).days) <= SAME_EDITION_DAYS]
        if same:
            replaced = min(same, key=lambda other: abs((other.start - edition.start).days))
            found.remove(replaced)
            # the same edition: its rule year names it (the feeds' UID) whichever dates it has
            edition = dataclasses.replace(edition, rule_year=replaced.rule_year)
        elif not first_year <= edition.start.year <= last_year:
            continue
        found.append(edition)
    return sorted(found, key=lambda edition: edition.start)


def next_editions(festival: dict, today: dt.date, count: int = 3) -> list[Edition]:
    """The next ``count`` editions still to come or running on ``today``."""
    last_announced = max((edition.start.year for edition in announced(festival)), default=today.year)
    horizon = max(today.year, last_announced) + count + 1
    coming = [edition for edition in editions(festival, today.year - 1, horizon) if edition.end >= today]
    return coming[:count]


def upcoming(festivals: list[dict], today: dt.date, count: int) -> list[tuple[dict, dt.date, dt.date, bool]]:
    """The next ``count`` festival editions across all festivals, soonest first:
    ``(festival, start, end, expected)``. The home page's "upcoming festivals" reads it."""
    editions = [(festival, edition) for festival in festivals for edition in next_editions(festival, today, count)]
    editions.sort(key=lambda item: (item[1].start, item[0].get("id", "")))
    return [(festival, edition.start, edition.end, edition.expected) for festival, edition in editions[:count]]


def build_today(repo_dir: Path | str) -> dt.date:
    """"Today" for a build: SOURCE_DATE_EPOCH if set (reproducible builds), else the
    commit date of the checkout being built, so two builds of one commit are identical;
    outside git, the real date. (Review dates use the clock instead: freshness.build_today.)"""
    pinned = source_date_epoch()
    if pinned is not None:
        return pinned
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=repo_dir, capture_output=True,
                                text=True, check=True, timeout=30)
        return dt.datetime.fromtimestamp(int(result.stdout.strip()), dt.timezone.utc).date()
    except (OSError, subprocess.SubprocessError, ValueError):
        return dt.datetime.now(dt.timezone.utc).date()


# ── The date in the festival's own calendar, for readers ─────────────────────────
KHMER_DIGITS = khmer.KHMER_DIGITS


def _khmer_day_text(day: int, moon: str) -> str:
    return f"ថ្ងៃ{str(day).translate(KHMER_DIGITS)}{khmer.WAXING if moon == 'waxing' else khmer.WANING}"


def own_calendar_date(festival: dict, edition: Edition, language: str, texts) -> tuple[str, str] | None:
    """(text, its language) of the edition's dates in the calendar the festival follows:
    ``14–16/2 âm lịch``; Khmer dates in Khmer script (``ថ្ងៃ១៤កើត – ថ្ងៃ១៥កើត ខែកត្តិក``),
    whatever the reader's language, with the calendar named in the reader's."""
    rule = rule_of(festival)
    if rule is None:
        return None
    calendar = rule["calendar"]
    if calendar == "vietnamese-lunar":
        first = vietnamese.from_gregorian(edition.start)
        last = vietnamese.from_gregorian(edition.end)
        if first.month != last.month:  # "29/8–1/9": each language says it its own way
            return texts("festival_lunar_dates_across", first_day=first.day, first_month=first.month,
                         last_day=last.day, last_month=last.month), language
        days = f"{first.day}" if edition.start == edition.end else f"{first.day}–{last.day}"
        return texts("festival_lunar_date", days=days, month=last.month), language
    if calendar == "khmer-lunisolar":
        first, last = khmer.from_gregorian(edition.start), khmer.from_gregorian(edition.end)
        start_text = _khmer_day_text(first.day_in_phase, "waxing" if first.phase == khmer.WAXING else "waning")
        end_text = _khmer_day_text(last.day_in_phase, "waxing" if last.phase == khmer.WAXING else "waning")
        if first.month == last.month:
            shown = start_text if edition.start == edition.end else f"{start_text} – {end_text}"
            shown += f" ខែ{last.month}"
        else:
            shown = f"{start_text} ខែ{first.month} – {end_text} ខែ{last.month}"
        return shown, "km"
    if calendar == "khmer-new-year":
        return texts("festival_khmer_new_year_rule"), language
    return None
