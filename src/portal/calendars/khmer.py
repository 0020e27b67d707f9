"""The Khmer lunisolar calendar (Chhankitek) and the day of Khmer New Year.

Why our own code: no maintained Python library computes the Chhankitek. The one on PyPI
that converts "Khmer lunar dates" (khmerdate 0.1.3) follows astronomical moon phases,
which is not how the Khmer calendar is kept: Chhankitek is arithmetic. Each year's
shape comes from four integers of the Suriya Siddhanta reckoning (harkun, kromathopol,
avoman, bodithey) for its Jolak Sakaraj (JS) year, and every month has a fixed length.
This module follows the published description of those rules (Roath Kim Soeun's books
as set out in Phylypo Tum's "Khmer Chhankitek Calendar", cam-cc.org / sangham.net, and
the "Khmer New Year time" description at dahlina.com). The npm package
@thyrith/momentkh implements the same rules; the tests compare us with it over two
centuries and with the dates Cambodia publishes for its public holidays.

Months are numbered as a Khmer reader counts them, from មិគសិរ (1) to កត្តិក (12); a
leap-month year (អធិកមាស) has two អាសាឍ, បឋមាសាឍ and ទុតិយាសាឍ, and a leap-day year
(ចន្ទ្រាធិមាស) gives ជេស្ឋ 30 days instead of 29. Days are 1–15 of the waxing moon
(កើត) and 1–14 or 15 of the waning moon (រោច).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

MONTHS = ("មិគសិរ", "បុស្ស", "មាឃ", "ផល្គុន", "ចេត្រ", "ពិសាខ", "ជេស្ឋ", "អាសាឍ",
          "ស្រាពណ៍", "ភទ្របទ", "អស្សុជ", "កត្តិក")
FIRST_ASADHA, SECOND_ASADHA = "បឋមាសាឍ", "ទុតិយាសាឍ"
ASADHA = 8  # អាសាឍ, the month a leap year doubles
JESTHA = 7  # ជេស្ឋ, the month a leap-day year lengthens
WAXING, WANING = "កើត", "រោច"
KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")

# The Jolak Sakaraj year that starts in April of AD year Y is Y - 638; the lunar year
# whose ជេស្ឋ and អាសាឍ fall in AD year Y takes its leap month and leap day from it.
JS_OFFSET = 638
# One fixed point that ties the count of days to the Gregorian calendar: ១កើត ខែមិគសិរ
# that opened the lunar year of AD 1900 fell on 3 December 1899 (the day before
# ១កើត ខែបុស្ស, 1 January 1900, in the published tables; មិគសិរ has 29 days).
ANCHOR_YEAR = 1900
ANCHOR_START = dt.date(1899, 12, 3)


@dataclass(frozen=True)
class YearInfo:
    """The four integers the Chhankitek reckons a JS year from."""
    harkun: int  # days from the era's epoch to the year's ឡើងស័ក day
    kromathopol: int
    avoman: int
    bodithey: int


def year_info(js_year: int) -> YearInfo:
    total = 292207 * js_year + 373  # 292207 / 800 days: the Suriya Siddhanta year
    harkun = total // 800 + 1
    avoman_total = 11 * harkun + 650
    return YearInfo(harkun=harkun, kromathopol=800 - total % 800, avoman=avoman_total % 692,
                    bodithey=(harkun + avoman_total // 692) % 30)


def solar_year_has_366_days(js_year: int) -> bool:
    return year_info(js_year).kromathopol <= 207


def is_leap_month_year(js_year: int) -> bool:
    """អធិកមាស: bodithey 25–29 or 0–5 adds a month, except that of two such years in a
    row (25 then 5) only the second one does, and a 24 followed by a 6 does too."""
    this, following = year_info(js_year).bodithey, year_info(js_year + 1).bodithey
    if this == 25 and following == 5:
        return False
    return this >= 25 or this <= 5 or (this == 24 and following == 6)


def _avoman_says_leap_day(js_year: int) -> bool:
    """ចន្ទ្រាធិមាស by the avoman: below 127 in a 366-day solar year, below 138 in
    others; the pair 137 then 0 moves the extra day to the second year."""
    avoman = year_info(js_year).avoman
    if solar_year_has_366_days(js_year) and avoman < 127:
        return True
    if avoman == 137 and year_info(js_year + 1).avoman == 0:
        return False
    return (not solar_year_has_366_days(js_year) and avoman < 138) or (
        avoman == 0 and year_info(js_year - 1).avoman == 137)


def jestha_has_30_days(js_year: int) -> bool:
    """A year cannot take both a leap month and a leap day: the day then moves to the
    following year."""
    if is_leap_month_year(js_year - 1) and _avoman_says_leap_day(js_year - 1) and not _avoman_says_leap_day(js_year):
        return True
    return _avoman_says_leap_day(js_year) and not is_leap_month_year(js_year)


def months_of_year(year: int) -> list[tuple[str, int]]:
    """(month name, days) of the lunar year whose ជេស្ឋ falls in AD ``year``."""
    js_year = year - JS_OFFSET
    months = []
    for number, name in enumerate(MONTHS, start=1):
        if number == ASADHA and is_leap_month_year(js_year):
            months += [(FIRST_ASADHA, 30), (SECOND_ASADHA, 30)]
            continue
        # Months alternate 29 and 30 days, starting with មិគសិរ's 29.
        days = 29 if number % 2 else 30
        if number == JESTHA and jestha_has_30_days(js_year):
            days = 30
        months.append((name, days))
    return months


@lru_cache(maxsize=None)
def year_start(year: int) -> dt.date:
    """១កើត ខែមិគសិរ that opens the lunar year whose ជេស្ឋ falls in AD ``year``."""
    start = ANCHOR_START
    step = 1 if year >= ANCHOR_YEAR else -1
    for current in range(ANCHOR_YEAR, year, step):
        if step > 0:
            start += dt.timedelta(days=sum(days for _, days in months_of_year(current)))
        else:
            start -= dt.timedelta(days=sum(days for _, days in months_of_year(current - 1)))
    return start


@dataclass(frozen=True)
class KhmerDate:
    year: int  # AD year of the lunar year's ជេស្ឋ (its months run from about December before)
    month: str  # one of MONTHS, or FIRST_ASADHA / SECOND_ASADHA
    day: int  # 1–30: 1–15 waxing, 16–30 waning

    @property
    def phase(self) -> str:
        return WAXING if self.day <= 15 else WANING

    @property
    def day_in_phase(self) -> int:
        return self.day if self.day <= 15 else self.day - 15

    def khmer(self) -> str:
        """``ថ្ងៃ១៥កើត ខែកត្តិក``, the way Khmer calendars write a date."""
        return f"ថ្ងៃ{str(self.day_in_phase).translate(KHMER_DIGITS)}{self.phase} ខែ{self.month}"


def month_number(name: str) -> int:
    if name in (FIRST_ASADHA, SECOND_ASADHA):
        return ASADHA
    return MONTHS.index(name) + 1


def to_gregorian(year: int, month: str, day: int) -> dt.date:
    """The Gregorian date of ``day`` (1–30) of ``month`` in the lunar year of AD ``year``.

    A leap year's festivals of អាសាឍ fall in ទុតិយាសាឍ (the second), which the Khmer
    calendar treats as the real one; ask for FIRST_ASADHA to get the first.
    """
    months = months_of_year(year)
    names = [name for name, _ in months]
    if month == MONTHS[ASADHA - 1] and SECOND_ASADHA in names:
        month = SECOND_ASADHA
    if month not in names:
        raise ValueError(f"{month} is not a month of the Khmer lunar year {year}")
    offset = 0
    for name, days in months:
        if name == month:
            if not 1 <= day <= days:
                raise ValueError(f"{month} {year} has {days} days, not {day}")
            return year_start(year) + dt.timedelta(days=offset + day - 1)
        offset += days
    raise AssertionError("unreachable")


def month_length(year: int, month: str) -> int:
    months = dict(months_of_year(year))
    if month == MONTHS[ASADHA - 1] and SECOND_ASADHA in months:
        return months[SECOND_ASADHA]
    return months[month]


def from_gregorian(date: dt.date) -> KhmerDate:
    year = date.year if date < year_start(date.year + 1) else date.year + 1
    offset = (date - year_start(year)).days
    for name, days in months_of_year(year):
        if offset < days:
            return KhmerDate(year, name, offset + 1)
        offset -= days
    raise AssertionError(f"{date} is past the end of lunar year {year}")


# ── Khmer New Year (មហាសង្ក្រាន្ត) ──────────────────────────────────────────────
# Angles in libda: 1 reasey (sign) = 30 angsar (degrees), 1 angsar = 60 libda.
SIGN, DEGREE = 1800, 60
SUN_APOGEE = 2 * SIGN + 20 * DEGREE  # the sun's ឧច្ច, 2 signs 20 degrees
# The equation of the centre by half-sign steps (khan): the value at the start of each
# step and how much it grows over the step, in libda (the Suriya Siddhanta sine table).
EQUATION_AT_STEP = (0, 35, 67, 94, 116, 129, 134)
EQUATION_GROWTH = (35, 32, 27, 22, 13, 5)


def _true_sun(js_year: int, days_into_year: int) -> int:
    """The sun's true longitude, in libda, ``days_into_year`` (a sotin) days after the
    start of the previous JS year's reckoning."""
    elapsed = 800 * days_into_year + year_info(js_year - 1).kromathopol
    # 24350 / 800 days per sign, 811 / 800 per degree, 14 / 800 per libda, less 3 libda.
    mean = (elapsed // 24350) * SIGN + (elapsed % 24350 // 811) * DEGREE + (elapsed % 24350 % 811) // 14 - 3
    anomaly = (mean - SUN_APOGEE) % (12 * SIGN)
    quadrant = anomaly // SIGN
    # The distance from the nearest apse, folded into the first quarter of the circle.
    if quadrant <= 2:
        folded = anomaly
    elif quadrant <= 5:
        folded = 6 * SIGN - anomaly
    elif quadrant <= 8:
        folded = anomaly - 6 * SIGN
    else:
        folded = 12 * SIGN - anomaly
    signs, degrees, libda = folded // SIGN, folded % SIGN // DEGREE, folded % DEGREE
    step = 2 * signs + (1 if degrees >= 15 else 0)
    into_step = DEGREE * (degrees - 15 if degrees >= 15 else degrees) + libda
    equation = EQUATION_AT_STEP[step] + (into_step * EQUATION_GROWTH[step] // 900 if step < 6 else 0)
    return mean - equation if quadrant <= 5 else mean + equation


def _epoch_day(js_year: int) -> dt.date:
    """The ឡើងស័ក day (the last day of the New Year) counted by its harkun from the era:
    harkun 506615 (JS 1387) is 16 April 2025."""
    return dt.date(2025, 4, 16) + dt.timedelta(days=year_info(js_year).harkun - 506615)


def new_year(year: int) -> tuple[dt.date, dt.date]:
    """(first day, ឡើងស័ក day) of Khmer New Year in AD ``year``: the New Year lasts from
    the day the sun enters Mesa (មហាសង្ក្រាន្ត) through one or two វ័នបត days to
    ឡើងស័ក, three days, or four when the sun's entry is a sotin earlier."""
    js_year = year - JS_OFFSET
    first_sotin = 363 if solar_year_has_366_days(js_year - 1) else 362
    # The sun is inside its first degree of Mesa on the first sotin: two វ័នបត days.
    entered_early = _true_sun(js_year, first_sotin) % SIGN // DEGREE == 0
    days = 4 if entered_early else 3
    lerng_sak = _epoch_day(js_year)
    return lerng_sak - dt.timedelta(days=days - 1), lerng_sak
