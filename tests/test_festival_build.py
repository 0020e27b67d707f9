"""Festival dates in the built portal: each festival page's next editions, the calendar
page's next 12 months, the iCalendar feeds (parsed back with the icalendar package)
holding the same dates as the pages and the JSON-LD, and two builds of one commit
giving the same bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os

import pytest
from icalendar import Calendar

from conftest import ROOT, build_or_fail, run_mkdocs_build, soup
from portal import data_content, dates, festival_dates as fd, festival_pages, site

FESTIVALS = data_content.load(ROOT / "content", "festivals")
PORTAL = site.load_site(ROOT / "mkdocs.yml")
LANGUAGES = {language.code: language.prefix for language in PORTAL.languages}  # "" for the default
LOCALES = PORTAL.config.extra.get("locales")


@pytest.fixture(scope="module")
def today():
    return fd.build_today(ROOT)


def feed_events(path):
    calendar = Calendar.from_ical(path.read_bytes())
    return [(str(event["uid"]), event.decoded("dtstart"), event.decoded("dtend") - dt.timedelta(days=1),
             str(event["url"]), str(event["status"])) for event in calendar.walk("VEVENT")]


@pytest.mark.parametrize("code", LANGUAGES)
def test_festival_pages_show_the_next_three_editions(portal_site, today, code):
    for festival in FESTIVALS:
        page = soup(portal_site / LANGUAGES[code] / "festivals" / festival["id"] / "index.html")
        block = page.select_one(".portal-festival-dates")
        assert block is not None, festival["id"]
        editions = fd.next_editions(festival, today, 3)
        shown = block.get_text(" ", strip=True)
        for edition in editions:
            assert festival_pages.date_range(edition.start, edition.end, code, LOCALES) in shown, (festival["id"], shown)
        if editions:
            assert block.select_one(".portal-festival-dates__next strong").get_text().endswith(
                festival_pages.date_range(editions[0].start, editions[0].end, code, LOCALES))
            assert block.select_one('a[download][href$=".ics"]')["href"] == f"../{festival['id']}.ics"
        else:
            assert not block.select_one("a[download]")


def test_pages_say_computed_dates_are_expected_in_each_language(portal_site):
    expected_note = {"vi": "dự kiến; tỉnh công bố chương trình chính thức",
                     "en": "expected; the province announces the official programme",
                     "km": "រំពឹងទុក ហើយខេត្តនឹងប្រកាសកម្មវិធីផ្លូវការ"}
    for code, folder in LANGUAGES.items():
        text = soup(portal_site / folder / "festivals" / "nghinh-ong-song-doc" / "index.html").select_one(
            ".portal-festival-dates").get_text(" ", strip=True)
        assert expected_note[code] in text


def test_khmer_festivals_show_their_khmer_calendar_date_in_khmer(portal_site):
    for code, folder in LANGUAGES.items():
        block = soup(portal_site / folder / "festivals" / "ok-om-bok" / "index.html").select_one(".portal-festival-dates")
        if code == "km":
            assert "ថ្ងៃ១៤កើត – ថ្ងៃ១៥កើត ខែកត្តិក" in block.get_text(" ", strip=True)
        else:
            assert block.select_one('span[lang="km"]').get_text() == "ថ្ងៃ១៤កើត – ថ្ងៃ១៥កើត ខែកត្តិក"
    vi = soup(portal_site / "festivals" / "via-ba-thuy-long" / "index.html").select_one(".portal-festival-dates")
    assert "15–17/2 âm lịch" in vi.get_text(" ", strip=True)


@pytest.mark.parametrize("code", LANGUAGES)
def test_calendar_page_lists_the_next_12_months(portal_site, today, code):
    page = soup(portal_site / LANGUAGES[code] / "festivals" / "index.html")
    article = page.select_one("article")
    headings = [h.get_text(strip=True).rstrip("¶") for h in article.select("h3")]
    months, year, month = [], today.year, today.month
    for _ in range(12):
        months.append(dates.format_month_for_reader(dt.date(year, month, 1), code, LOCALES))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    assert headings[:12] == months
    if code == "km":  # Khmer names the month and the year: "ខែវិច្ឆិកា ឆ្នាំ 2026", not CLDR's "វិច្ឆិកា 2026"
        assert all(heading.startswith("ខែ") and " ឆ្នាំ " in heading for heading in headings[:12])
    # Every festival with an edition in those months is listed under its month, linking its page.
    for festival in FESTIVALS:
        for edition in fd.next_editions(festival, today, 3):
            shown = max(edition.start, today)
            key = dates.format_month_for_reader(shown, code, LOCALES)
            if key not in months:
                continue
            heading = next(h for h in article.select("h3") if h.get_text(strip=True).rstrip("¶") == key)
            items = heading.find_next_sibling("ul")
            assert items is not None and items.select_one(f'a[href="{festival["id"]}/"]'), (festival["id"], key)
    # ... and every festival page is reachable from the calendar.
    linked = {a["href"] for a in article.select("a[href]")}
    assert {f"{festival['id']}/" for festival in FESTIVALS} <= linked
    assert article.select_one('a[href="festivals.ics"]') is not None


@pytest.mark.parametrize("code", LANGUAGES)
def test_feeds_parse_back_and_hold_the_pages_dates(portal_site, today, code):
    folder = portal_site / LANGUAGES[code] / "festivals"
    events = feed_events(folder / "festivals.ics")
    expected = sorted((festival["id"], edition.start, edition.end) for festival in FESTIVALS
                      for edition in fd.next_editions(festival, today, 3))
    got = sorted((uid.split("@")[0].rsplit("-", 1)[0], start, end) for uid, start, end, _, _ in events)
    assert got == expected and len(events) >= 15
    # A UID names the festival and its edition's year in its own calendar, so it survives
    # the province announcing other dates for that edition.
    assert sorted(uid.split("@")[0] for uid, *_ in events) == sorted(
        f"{festival['id']}-{edition.rule_year}" for festival in FESTIVALS for edition in fd.next_editions(festival, today, 3))
    assert len({uid for uid, *_ in events}) == len(events)  # UIDs are unique
    for festival in FESTIVALS:
        own = feed_events(folder / f"{festival['id']}.ics")
        assert [(start, end) for _, start, end, _, _ in own] == [
            (e.start, e.end) for e in fd.next_editions(festival, today, 3)]
        page = folder / festival["id"] / "index.html"
        shown = soup(page).select_one(".portal-festival-dates").get_text(" ", strip=True)
        for _, start, end, url, status in own:
            assert festival_pages.date_range(start, end, code, LOCALES) in shown
            assert url.endswith(f"/{LANGUAGES[code]}festivals/{festival['id']}/")
            assert status in ("TENTATIVE", "CONFIRMED")
        events_ld = [json.loads(script.string) for script in soup(page).select('script[type="application/ld+json"]')
                     if '"Event"' in script.string]
        if own:
            assert [(e["startDate"], e["endDate"]) for e in events_ld] == [(own[0][1].isoformat(), own[0][2].isoformat())]
            # "scheduled" only once the province has announced the dates
            assert ("eventStatus" in events_ld[0]) == (own[0][4] == "CONFIRMED")
        else:
            assert events_ld == []


def _tree_digest(site):
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_two_builds_of_one_commit_are_identical(portal_site, tmp_path):
    second = build_or_fail(ROOT / "mkdocs.yml", tmp_path / "site")
    first, again = _tree_digest(portal_site), _tree_digest(second)
    assert first.keys() == again.keys()
    different = sorted(name for name in first if first[name] != again[name])
    assert different == [], f"{len(different)} files differ, e.g. {different[:5]}"


def test_source_date_epoch_moves_today(tmp_path):
    """SOURCE_DATE_EPOCH sets "today": in mid-2031 the calendar starts in June 2031."""
    epoch = int(dt.datetime(2031, 6, 15, tzinfo=dt.timezone.utc).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        result = run_mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "site")
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert result.returncode == 0, result.stderr[-3000:]
    headings = [h.get_text(strip=True).rstrip("¶") for h in soup(tmp_path / "site" / "en" / "festivals" / "index.html").select("article h3")]
    assert headings[0] == "June 2031" and headings[11] == "May 2032"
    events = feed_events(tmp_path / "site" / "en" / "festivals" / "chol-chnam-thmay.ics")
    assert [start.year for _, start, _, _, _ in events] == [2032, 2033, 2034]
