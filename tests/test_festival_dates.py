"""Festival date rules: editions, upcoming festivals, "today" for a build, and the checks
`make check` runs on content/festivals.yml."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT
from portal import festival_checks, festival_dates as fd

D = dt.date

NGHINH_ONG = {"id": "nghinh-ong", "date": {"calendar": "vietnamese-lunar", "month": 2, "day": 14, "days": 3},
              "announced": [{"start": D(2025, 3, 11), "end": D(2025, 3, 17), "source": {"title": "vrviet", "date": "2025-03"}}]}
OK_OM_BOK = {"id": "ok-om-bok", "date": {"calendar": "khmer-lunisolar", "month": "កត្ដិក", "moon": "waxing",
                                         "day": 14, "days": 2}}
NEW_YEAR = {"id": "chol-chnam-thmay", "date": {"calendar": "khmer-new-year"}}
FAIR_2025 = {"id": "fair-2025", "announced": [{"start": "2025-11-16", "end": "2025-11-22", "source": {"title": "x"}}]}


def edition_in(festival, rule_year):
    """The festival's one edition of ``rule_year`` (of its own calendar)."""
    (edition,) = fd.editions(festival, rule_year, rule_year)
    return edition


def test_editions_follow_each_festivals_own_calendar():
    # Vietnamese lunar: 14th–16th of the 2nd month; 2027's 2nd month starts 8 March.
    assert edition_in(NGHINH_ONG, 2027) == fd.Edition(D(2027, 3, 21), D(2027, 3, 23), True, 2027)
    # Announced dates win over the rule for their year, and are not "expected".
    assert edition_in(NGHINH_ONG, 2025) == fd.Edition(D(2025, 3, 11), D(2025, 3, 17), False, 2025,
                                                          {"title": "vrviet", "date": "2025-03"})
    # Khmer lunisolar, spelt with COENG DA (្ដ) as many Khmer texts do: ១៤កើត–១៥កើត ខែកត្តិក.
    assert (edition_in(OK_OM_BOK, 2025).start, edition_in(OK_OM_BOK, 2025).end) == (D(2025, 11, 4), D(2025, 11, 5))
    # Khmer New Year: four days in 2024 and 2028, three in the others.
    assert [(edition_in(NEW_YEAR, y).start, edition_in(NEW_YEAR, y).end) for y in (2024, 2025)] == [
        (D(2024, 4, 13), D(2024, 4, 16)), (D(2025, 4, 14), D(2025, 4, 16))]


def test_next_editions_and_upcoming_are_sorted_and_skip_past_ones():
    today = D(2025, 11, 5)  # Ok Om Bok 2025 is on (4–5 November): it still counts
    assert [e.start for e in fd.next_editions(OK_OM_BOK, today, 3)] == [D(2025, 11, 4), D(2026, 11, 23), D(2027, 11, 12)]
    assert fd.next_editions(FAIR_2025, D(2025, 11, 23), 3) == []
    upcoming = fd.upcoming([OK_OM_BOK, NGHINH_ONG, NEW_YEAR, FAIR_2025], today, 4)
    assert [(festival["id"], start, end, expected) for festival, start, end, expected in upcoming] == [
        ("ok-om-bok", D(2025, 11, 4), D(2025, 11, 5), True),
        ("fair-2025", D(2025, 11, 16), D(2025, 11, 22), False),
        ("nghinh-ong", D(2026, 4, 1), D(2026, 4, 3), True),  # 1st of the 2nd month: 19 March 2026
        ("chol-chnam-thmay", D(2026, 4, 14), D(2026, 4, 16), True),
    ]
    starts = [start for _, start, _, _ in fd.upcoming([OK_OM_BOK, NGHINH_ONG, NEW_YEAR], today, 9)]
    assert starts == sorted(starts) and len(starts) == 9


def test_build_today_is_the_commit_date_or_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org", GIT_COMMITTER_DATE="2027-06-01T10:00:00+00:00",
               GIT_AUTHOR_DATE="2027-06-01T10:00:00+00:00")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, env=env)
    (tmp_path / "a.txt").write_text("a")
    subprocess.run(["git", "add", "a.txt"], cwd=tmp_path, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", "a"], cwd=tmp_path, check=True, env=env)
    assert fd.build_today(tmp_path) == D(2027, 6, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2028, 2, 29, 12, tzinfo=dt.timezone.utc).timestamp())))
    assert fd.build_today(tmp_path) == D(2028, 2, 29)


def write(tmp_path, body: str):
    path = tmp_path / "festivals.yml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_check_reports_a_festival_without_a_date_rule(tmp_path):
    path = write(tmp_path, """\
        festivals:
          - id: good
            date: {calendar: gregorian, month: 4, day: 30}
          - id: undated
            name: {vi: Lễ}
        """)
    problems = festival_checks.check_festivals(path, D(2026, 1, 1), shown_as="content/festivals.yml")
    assert [str(p) for p in problems] == [
        "content/festivals.yml:4:5: festival 'undated' has no date rule and no announced dates — add 'date:' with "
        "its calendar, month, day and days (content/README.md, 'Festival dates'), or the province's dates under 'announced:'"]


def test_check_reports_day_30_of_a_29_day_month_with_its_line(tmp_path):
    # The 8th Vietnamese lunar month has 29 days in 2026, 2027 and 2028.
    path = write(tmp_path, """\
        festivals:
          - id: mid-autumn
            date:
              calendar: vietnamese-lunar
              month: 8
              day: 30
        """)
    problems = festival_checks.check_festivals(path, D(2026, 1, 1), shown_as="content/festivals.yml")
    assert problems and all(p.line == 6 for p in problems)
    assert "month 8 of lunar year 2026 has 29 days, not 30" in problems[0].message
    assert "use day 29" in problems[0].hint


def test_check_reports_unknown_calendar_and_khmer_month(tmp_path):
    path = write(tmp_path, """\
        festivals:
          - id: a
            date: {calendar: lunar, month: 10, day: 15}
          - id: b
            date:
              calendar: khmer-lunisolar
              month: October
              moon: waxing
              day: 15
        """)
    problems = festival_checks.check_festivals(path, D(2026, 1, 1), shown_as="f.yml")
    assert [(p.line, p.message.split(": ", 1)[1]) for p in problems] == [
        (3, "unknown calendar 'lunar'"), (7, "'October' is not a Khmer month")]
    assert "vietnamese-lunar" in problems[0].hint and "កត្តិក" in problems[1].hint


def test_check_reports_an_announced_date_far_from_the_computed_one(tmp_path):
    # Ok Om Bok given in the Vietnamese calendar (rằm tháng Mười) lands on 4 December 2025,
    # while the 2025 festival opened on 3 November: the check catches the wrong calendar.
    path = write(tmp_path, """\
        festivals:
          - id: ok-om-bok
            date: {calendar: vietnamese-lunar, month: 10, day: 15}
            announced:
              - start: 2025-11-03
                source: {title: "Người Lao Động", date: 2025-11-03}
          - id: ok-om-bok-khmer
            date: {calendar: khmer-lunisolar, month: កត្តិក, moon: waxing, day: 14, days: 2}
            announced:
              - start: 2025-11-03
                source: {title: "Người Lao Động", date: 2025-11-03}
        """)
    problems = festival_checks.check_festivals(path, D(2026, 1, 1), shown_as="content/festivals.yml")
    assert len(problems) == 1
    assert str(problems[0]).startswith(
        "content/festivals.yml:5:9: festival 'ok-om-bok': announced start 2025-11-03 is 31 days from 2025-12-04, "
        "the date its vietnamese-lunar rule gives for 2025 — check the month and year")


def test_make_check_finds_no_festival_date_problem_in_the_portal(tmp_path):
    # The festival lines only: the other pages' checks have tests of their own.
    result = subprocess.run([sys.executable, "scripts/check_content.py"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode in (0, 1), result.stderr
    assert [line for line in result.stdout.splitlines() if line.startswith("content/festivals.yml")] == []
    # The real data: every festival has a rule or announced dates, every source a date.
    import yaml

    for festival in yaml.safe_load((ROOT / "content" / "festivals.yml").read_text(encoding="utf-8"))["festivals"]:
        assert "date" in festival or festival.get("announced"), festival["id"]
        assert all(isinstance(source, dict) and source.get("date") for source in festival["sources"]), festival["id"]


@pytest.mark.parametrize("year", [2026, 2027, 2028])
def test_the_portals_khmer_festivals_follow_the_khmer_calendar(year):
    import yaml

    from portal.calendars import khmer

    festivals = {f["id"]: f for f in yaml.safe_load((ROOT / "content" / "festivals.yml").read_text(encoding="utf-8"))["festivals"]}
    ok_om_bok = edition_in(festivals["ok-om-bok"], year)
    assert khmer.from_gregorian(ok_om_bok.end).khmer() == "ថ្ងៃ១៥កើត ខែកត្តិក"
    sene_dolta = edition_in(festivals["sene-dolta"], year)
    assert khmer.from_gregorian(sene_dolta.start).khmer() == "ថ្ងៃ១៤រោច ខែភទ្របទ"
    assert edition_in(festivals["chol-chnam-thmay"], year).start == khmer.new_year(year)[0]


@pytest.mark.parametrize("code", ["vi", "en", "km"])
def test_a_vietnamese_lunar_edition_across_a_month_end_names_both_months(code):
    from portal import site
    from portal.calendars import vietnamese
    from portal.ui_strings import translator

    config = site.load_site(ROOT / "mkdocs.yml").config
    texts = translator(config, code)
    day = dt.date(2026, 1, 1)
    while vietnamese.from_gregorian(day + dt.timedelta(days=1)).day != 1:
        day += dt.timedelta(days=1)
    first, last = vietnamese.from_gregorian(day), vietnamese.from_gregorian(day + dt.timedelta(days=1))
    festival = {"id": "across", "date": {"calendar": "vietnamese-lunar", "month": first.month, "day": first.day,
                                         "days": 2}}
    shown, language = fd.own_calendar_date(festival, fd.Edition(day, day + dt.timedelta(days=1), True, 2026),
                                           code, texts)
    assert language == code
    assert shown == texts("festival_lunar_dates_across", first_day=first.day, first_month=first.month,
                          last_day=last.day, last_month=last.month)
    # both months are named: never "29/8–1", which reads as "day 29/8–1 of month 9"
    assert f"{first.month}" in shown and f"{last.month}" in shown
    assert f"{first.day}/{first.month}–{last.day} " not in shown + " "


def test_a_festival_late_in_the_lunar_year_keeps_both_editions_of_one_gregorian_year():
    from portal.calendars import vietnamese

    late = {"id": "late", "date": {"calendar": "vietnamese-lunar", "month": 11, "day": 20}}
    starts = [edition.start for edition in fd.editions(late, 2020, 2045)]
    assert starts == [vietnamese.to_gregorian(year, 11, 20) for year in range(2020, 2046)]
    assert D(2026, 1, 8) in starts and D(2026, 12, 28) in starts  # two editions in 2026
    assert [edition.start for edition in fd.next_editions(late, D(2026, 1, 1), 2)] == [D(2026, 1, 8), D(2026, 12, 28)]
    # An announced edition replaces the computed one it stands for, not its neighbour.
    announced = dict(late, announced=[{"start": "2026-12-29", "end": "2026-12-30", "source": {"title": "t", "date": "2026"}}])
    shown = fd.next_editions(announced, D(2026, 1, 1), 3)
    assert [(edition.start, edition.expected) for edition in shown] == [
        (D(2026, 1, 8), True), (D(2026, 12, 29), False), (D(2027, 12, 17), True)]


def test_an_announced_edition_keeps_the_rule_year_of_the_edition_it_replaces():
    rule = {"id": "f", "date": {"calendar": "vietnamese-lunar", "month": 2, "day": 14, "days": 3}}
    computed = fd.next_editions(rule, D(2027, 1, 1), 1)[0]
    moved = dict(rule, announced=[{"start": (computed.start - dt.timedelta(days=1)).isoformat(),
                                   "source": {"title": "t", "date": "2027"}}])
    announced = fd.next_editions(moved, D(2027, 1, 1), 1)[0]
    assert (announced.expected, announced.rule_year) == (False, computed.rule_year)
