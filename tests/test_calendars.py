"""The calendars festival dates come from: known published dates for each, and the Khmer
calendar compared with @thyrith/momentkh (npm, pinned in tests/momentkh/) over two
centuries."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess

import pytest

from conftest import ROOT
from portal.calendars import khmer, vietnamese

D = dt.date

# ── Vietnamese lunar calendar (UTC+7) ────────────────────────────────────────────
# Tết (1st day of the 1st month). 1985, 2007 and 2030 are years where Viet Nam's
# calendar (UTC+7) and China's (UTC+8) differ: Viet Nam celebrated Tết 1985 on
# 21 January, a month before China (20 February); 2007: 17 vs 18 February; 2030:
# 2 vs 3 February (the new moon falls before midnight at UTC+7, after it at UTC+8).
TET = {1985: D(1985, 1, 21), 2007: D(2007, 2, 17), 2024: D(2024, 2, 10), 2025: D(2025, 1, 29),
       2026: D(2026, 2, 17), 2027: D(2027, 2, 6), 2030: D(2030, 2, 2)}


@pytest.mark.parametrize("year", sorted(TET))
def test_tet_falls_on_the_vietnamese_date(year):
    assert vietnamese.to_gregorian(year, 1, 1) == TET[year]
    assert vietnamese.from_gregorian(TET[year]).day == 1


def test_2025_has_a_leap_6th_month_and_the_10th_month_full_moon_in_december():
    assert vietnamese.has_leap_month(2025, 6)
    assert not vietnamese.has_leap_month(2025, 5) and not vietnamese.has_leap_month(2026, 6)
    assert vietnamese.to_gregorian(2025, 6, 1, leap=True) == D(2025, 7, 25)
    # Issue 16: "15th day of the 10th lunar month" gives 4 December 2025, a month after
    # the Ok Om Bok – Ngo boat race opened (3 November 2025, fact sheet F16).
    assert vietnamese.to_gregorian(2025, 10, 15) == D(2025, 12, 4)
    assert vietnamese.to_gregorian(2025, 8, 29) == D(2025, 10, 20)


def test_vietnamese_month_lengths_are_29_or_30_and_add_up_to_the_year():
    for year in range(2020, 2031):
        lengths = [vietnamese.month_length(year, month) for month in range(1, 13)]
        lengths += [vietnamese.month_length(year, month, True) for month in range(1, 13)
                    if vietnamese.has_leap_month(year, month)]
        assert set(lengths) <= {29, 30}
        assert sum(lengths) == (vietnamese.to_gregorian(year + 1, 1, 1) - vietnamese.to_gregorian(year, 1, 1)).days


# ── Khmer calendar: dates Cambodia publishes ─────────────────────────────────────
# Public holidays set by the Royal Government's sub-decrees and the Ministry of Labour's
# prakas, as published (each list read through the search tool):
# - 2025: Prakas of the Ministry of Labour and Vocational Training, 9 October 2024, as
#   listed by Daikou Finance, https://daikoufinance.com/public-holiday — Khmer New Year
#   14–16 April, Visak Bochea 11 May, Pchum Ben 21–23 September, Water Festival 4–6 November.
# - 2024: the 2024 public holidays as announced, listed at the end of 2023 —
#   Khmer New Year 13–16 April (four days), Visak Bochea 22 May, Pchum Ben 1–3 October,
#   Water Festival 14–16 November.
# - 2023: Sub-decree 166 of 12 August 2022, https://ibccambodia.com/new/list-of-public-holidays-in-2023/
#   — Khmer New Year 14–16 April, Visak Bochea 4 May, Pchum Ben 13–15 October, Water
#   Festival 26–28 November.
# - 2022: Prakas 277/21 of 27 October 2021, http://www.prasac.com.kh/en/media/public-holiday
#   — Khmer New Year 14–16 April, Visak Bochea 15 May, Pchum Ben 24–26 September, Water
#   Festival 7–9 November.
# - 2011: http://khmeridentification-edu.blogspot.com/2011/11/cambodian-buplic-holiday-in-cambodia.html
#   — Khmer New Year 14–16 April, Visaka Bochea 17 May, Pchum Ben 26–28 September, Water
#   Festival 9–11 November.
# No official 2026–2028 list was found (the lists found for 2026 are third-party guesses
# that contradict each other); those years are checked against momentkh below.
# Pchum Ben's three days are ១៤រោច and ១៥រោច ខែភទ្របទ and ១កើត ខែអស្សុជ; the Water
# Festival's are ១៤កើត, ១៥កើត (the full moon of Ok Om Bok) and ១រោច ខែកត្តិក.
PUBLISHED = {
    2011: {"new_year": (D(2011, 4, 14), D(2011, 4, 16)), "visak": D(2011, 5, 17),
           "pchum_ben": D(2011, 9, 26), "water": D(2011, 11, 9)},
    2022: {"new_year": (D(2022, 4, 14), D(2022, 4, 16)), "visak": D(2022, 5, 15),
           "pchum_ben": D(2022, 9, 24), "water": D(2022, 11, 7)},
    2023: {"new_year": (D(2023, 4, 14), D(2023, 4, 16)), "visak": D(2023, 5, 4),
           "pchum_ben": D(2023, 10, 13), "water": D(2023, 11, 26)},
    2024: {"new_year": (D(2024, 4, 13), D(2024, 4, 16)), "visak": D(2024, 5, 22),
           "pchum_ben": D(2024, 10, 1), "water": D(2024, 11, 14)},
    2025: {"new_year": (D(2025, 4, 14), D(2025, 4, 16)), "visak": D(2025, 5, 11),
           "pchum_ben": D(2025, 9, 21), "water": D(2025, 11, 4)},
}


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_khmer_calendar_gives_cambodias_published_holidays(year):
    published = PUBLISHED[year]
    assert khmer.new_year(year) == published["new_year"]
    assert khmer.to_gregorian(year, "ពិសាខ", 15) == published["visak"]  # ថ្ងៃ១៥កើត ខែពិសាខ
    assert khmer.to_gregorian(year, "ភទ្របទ", 15 + 14) == published["pchum_ben"]  # ថ្ងៃ១៤រោច
    assert khmer.to_gregorian(year, "កត្តិក", 14) == published["water"]  # ថ្ងៃ១៤កើត
    assert khmer.from_gregorian(published["water"] + dt.timedelta(days=1)).khmer() == "ថ្ងៃ១៥កើត ខែកត្តិក"


def test_ok_om_bok_2025_full_moon_is_a_month_before_the_vietnamese_10th_month_one():
    # 2025: the Khmer calendar has no leap month where the Vietnamese one has its 6th.
    assert khmer.to_gregorian(2025, "កត្តិក", 15) == D(2025, 11, 5)
    assert vietnamese.to_gregorian(2025, 10, 15) == D(2025, 12, 4)
    # ... and Sene Đôlta (ថ្ងៃ១៤រោច ខែភទ្របទ) begins 21 September 2025, the day after the
    # province's visits were reported (20 September 2025).
    assert khmer.to_gregorian(2025, "ភទ្របទ", 29) == D(2025, 9, 21)


def test_khmer_month_lengths_and_leap_years():
    for year in range(1990, 2060):
        months = khmer.months_of_year(year)
        total = sum(days for _, days in months)
        assert total in (354, 355, 384)
        assert (total == 384) == any(name == khmer.SECOND_ASADHA for name, _ in months)
        assert khmer.year_start(year + 1) - khmer.year_start(year) == dt.timedelta(days=total)
    with pytest.raises(ValueError, match="has 29 days"):
        khmer.to_gregorian(2025, "មិគសិរ", 30)


# ── Khmer calendar against @thyrith/momentkh ─────────────────────────────────────
MOMENTKH = ROOT / ".cache" / "momentkh"
MOMENTKH_MONTHS = list(khmer.MONTHS) + [khmer.FIRST_ASADHA, khmer.SECOND_ASADHA]
FIRST_YEAR, LAST_YEAR = 1900, 2100
# Where momentkh and a published date part ways, the published one wins:
# 2012: ours starts Khmer New Year on 13 April 2012, momentkh on the 14th; the 2012
# holiday list at http://nowholidays.com/cambodia-2012-public-holidays/ (31 July 2012,
# third-party) gives "Friday, April 13 – Monday, April 16, 2012", starting on the 13th.
MOMENTKH_KNOWN_DIFFERENCES = {2012}


@pytest.fixture(scope="module")
def momentkh_modules():
    """momentkh as pinned by tests/momentkh/package-lock.json, installed with npm into
    .cache/momentkh (scripts/dev.sh test does it first; here for a bare pytest run)."""
    assert shutil.which("node") and shutil.which("npm"), "Node and npm are needed (scripts/dev.sh test installs them)"
    lock = ROOT / "tests" / "momentkh" / "package-lock.json"
    installed = MOMENTKH / "package-lock.json"
    if not (MOMENTKH / "node_modules" / "@thyrith" / "momentkh").is_dir() or \
            not installed.is_file() or installed.read_bytes() != lock.read_bytes():
        MOMENTKH.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(ROOT / "tests" / "momentkh" / name, MOMENTKH / name)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=MOMENTKH, check=True,
                       capture_output=True, timeout=300)
    return MOMENTKH / "node_modules"


def ask_momentkh(modules, dates: list[dt.date], years: tuple[int, int]) -> dict:
    question = json.dumps({"dates": [day.isoformat() for day in dates], "newYears": list(years)})
    result = subprocess.run(["node", str(ROOT / "tests" / "momentkh" / "reference.js")], input=question,
                            capture_output=True, text=True, check=True, timeout=300,
                            env=dict(os.environ, MOMENTKH_MODULES=str(modules)))
    return json.loads(result.stdout)


def test_khmer_calendar_matches_momentkh_for_two_centuries(momentkh_modules):
    # The first day of every month from 1900 to 2100 (each query costs momentkh a walk
    # from 1900): if they all agree, so do every month's length, leap month and leap day.
    days = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        start = khmer.year_start(year)
        for _, length in khmer.months_of_year(year):
            days.append(start)
            start += dt.timedelta(days=length)
    days = [day for day in days if FIRST_YEAR <= day.year <= LAST_YEAR]
    answer = ask_momentkh(momentkh_modules, days, (FIRST_YEAR, LAST_YEAR))
    differences = []
    for text, day_index, month_index in answer["dates"]:
        ours = khmer.from_gregorian(dt.date.fromisoformat(text))
        if (ours.day, ours.month) != (day_index + 1, MOMENTKH_MONTHS[month_index]):
            differences.append((text, ours, day_index + 1, MOMENTKH_MONTHS[month_index]))
    new_year_differences = [(year, khmer.new_year(year)[0].isoformat(), theirs) for year, theirs in answer["newYears"]
                            if khmer.new_year(year)[0].isoformat() != theirs and year not in MOMENTKH_KNOWN_DIFFERENCES]
    print(f"momentkh comparison: {len(answer['dates'])} dates (the first day of every month) and "
          f"{len(answer['newYears'])} New Years, {FIRST_YEAR}–{LAST_YEAR}: {len(differences)} lunar and "
          f"{len(new_year_differences)} New Year differences")
    assert len(answer["dates"]) > 2480 and len(answer["newYears"]) == LAST_YEAR - FIRST_YEAR + 1
    assert differences == []
    assert new_year_differences == []
    for year in MOMENTKH_KNOWN_DIFFERENCES:  # still a difference, else drop it from the list
        assert dict(map(tuple, answer["newYears"]))[year] != khmer.new_year(year)[0].isoformat()
