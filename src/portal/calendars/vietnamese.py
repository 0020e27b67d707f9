"""The Vietnamese lunar calendar (âm lịch), reckoned for Viet Nam's time zone, UTC+7.

Library chosen: lunar-vn (PyPI, MIT, no dependencies, typed, 1900–2100). Tried against
dates where the Vietnamese calendar is known to differ from the Chinese one and against
recent Tết dates (tests/test_calendars.py), it gave every one right: Tết 21 January 1985
(China: 20 February, one month later, because of UTC+7 vs UTC+8), 17 February 2007
(China: 18 February), 29 January 2025, 17 February 2026, 6 February 2027, 2 February 2030
(China: 3 February), and the leap 6th month of 2025. lunardate follows the Chinese
calendar (UTC+8) and misses 1985, 2007 and 2030; vnlunar computes the same dates as
lunar-vn but returns loose dictionaries and carries an almanac we do not need.
"""

from __future__ import annotations

import datetime as dt

from lunar_vn import LunarDate, lunar_to_solar, solar_to_lunar

TIME_ZONE = 7.0


def to_gregorian(year: int, month: int, day: int, leap: bool = False) -> dt.date:
    """Day ``day`` of lunar month ``month`` of the lunar year that starts in AD ``year``."""
    return lunar_to_solar(LunarDate(day, month, year, leap), time_zone=TIME_ZONE)


def from_gregorian(date: dt.date) -> LunarDate:
    return solar_to_lunar(date, time_zone=TIME_ZONE)


def month_length(year: int, month: int, leap: bool = False) -> int:
    """29 or 30: whether the 30th day after the 1st is still in this month."""
    thirtieth = from_gregorian(to_gregorian(year, month, 1, leap) + dt.timedelta(days=29))
    return 30 if thirtieth.day == 30 else 29


def has_leap_month(year: int, month: int) -> bool:
    try:
        return from_gregorian(to_gregorian(year, month, 1, True)).leap
    except ValueError:
        return False
