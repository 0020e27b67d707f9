"""What readers see of festival dates: the "Next: …" block on each festival page, the
festival calendar (the next 12 months, by month) and the iCalendar feeds, all from
:mod:`portal.festival_dates`, so a page, the calendar, a feed and the JSON-LD cannot
disagree."""

from __future__ import annotations

import datetime as dt
from html import escape
from urllib.parse import urlsplit

from . import festival_dates as fd
from .data_content import text
from .dates import date_range, format_month_for_reader

EDITIONS_SHOWN = 3  # the next edition and the two after it
CALENDAR_MONTHS = 12


def _own_calendar(festival: dict, edition: fd.Edition, language: str, texts) -> str:
    own = fd.own_calendar_date(festival, edition, language, texts)
    if own is None:
        return ""
    shown, shown_language = own
    if shown_language == language:
        return escape(shown)
    # A Khmer calendar date stays in Khmer, labelled in the reader's language.
    return f'{escape(texts("festival_khmer_calendar"))}: <span lang="{shown_language}">{escape(shown)}</span>'


def _note(edition: fd.Edition, texts) -> str:
    return texts("festival_expected_note" if edition.expected else "festival_announced_note")


def edition_line(festival: dict, edition: fd.Edition, language: str, texts, locales=None) -> str:
    """``21–23 March 2027 (expected; …) · 14–16 of the 2nd lunar month …`` as HTML."""
    line = f"{escape(date_range(edition.start, edition.end, language, locales))} ({escape(_note(edition, texts))})"
    own = _own_calendar(festival, edition, language, texts)
    return f"{line} · {own}" if own else line


def dates_block(festival: dict, today: dt.date, language: str, texts, locales=None,
                ics_href: str | None = None) -> str:
    """The festival page's dates: the next edition, the two after it, and an .ics link.
    Markdown with inline HTML (the page's Markdown is rendered with md_in_html)."""
    editions = fd.next_editions(festival, today, EDITIONS_SHOWN)
    if not editions:
        return f'<div class="portal-festival-dates" markdown>\n\n{escape(texts("festival_no_date"))}\n\n</div>\n'
    first, *later = editions
    own = _own_calendar(festival, first, language, texts)
    lines = ['<div class="portal-festival-dates" markdown>', "",
             f'<p class="portal-festival-dates__next"><strong>'
             f'{escape(texts("festival_next", dates=date_range(first.start, first.end, language, locales)))}'
             f'</strong> ({escape(_note(first, texts))})' + (f" · {own}" if own else "") + "</p>", ""]
    if later:
        lines += [f'<p>{escape(texts("festival_following"))}</p>', "", "<ul>"]
        lines += [f"<li>{edition_line(festival, edition, language, texts, locales)}</li>" for edition in later]
        lines += ["</ul>", ""]
    if ics_href:
        lines += [f'<p><a href="{escape(ics_href)}" download>{escape(texts("festival_add_to_calendar"))}</a></p>', ""]
    lines += ["</div>", ""]
    return "\n".join(lines)


def calendar_months(festivals: list[dict], today: dt.date, language: str, source: str, texts, link,
                    locales=None, subscribe_href: str | None = None) -> str:
    """The festival calendar: each of the next 12 months from ``today``'s, with the
    festivals starting in it (``link(festival)`` is the URL of its page), then the
    events that have no coming edition (one-off events of past years)."""
    month_starts = []
    year, month = today.year, today.month
    for _ in range(CALENDAR_MONTHS):
        month_starts.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    horizon = month_starts[-1].replace(day=28) + dt.timedelta(days=4)
    horizon = horizon - dt.timedelta(days=horizon.day - 1)  # the first day after the 12 months
    by_month: dict[tuple[int, int], list[tuple[dict, fd.Edition]]] = {}
    for festival in festivals:
        for edition in fd.next_editions(festival, today, EDITIONS_SHOWN):
            if edition.start < horizon:
                key = (max(edition.start, today).year, max(edition.start, today).month)
                by_month.setdefault(key, []).append((festival, edition))
    lines = []
    if subscribe_href:
        lines += [f'<p class="portal-festival-subscribe"><a href="{escape(subscribe_href)}">'
                  f'{escape(texts("festival_subscribe"))}</a></p>', ""]
    for first_day in month_starts:
        lines += [f"### {format_month_for_reader(first_day, language, locales)}", ""]
        entries = sorted(by_month.get((first_day.year, first_day.month), []),
                         key=lambda item: (item[1].start, item[0]["id"]))
        if not entries:
            lines += [texts("festival_month_empty"), ""]
            continue
        for festival, edition in entries:
            name, _ = text(festival, "name", language, source)
            place, _ = text(festival, "place", language, source)
            lines.append(f"- **[{name}]({link(festival)})** — {edition_line(festival, edition, language, texts, locales)}"
                         f"; {escape(place)}")
        lines.append("")
    past = [festival for festival in festivals if not fd.next_editions(festival, today, 1)]
    if past:
        lines += [f"### {texts('festival_past_events')}", ""]
        for festival in sorted(past, key=lambda item: (_last_start(item), item["id"])):
            name, _ = text(festival, "name", language, source)
            when, _ = text(festival, "when", language, source)
            lines.append(f"- **[{name}]({link(festival)})** — {when}")
        lines.append("")
    return "\n".join(lines)


def _last_start(festival: dict) -> dt.date:
    editions = fd.announced(festival)
    return editions[-1].start if editions else dt.date.min


# ── iCalendar (RFC 5545) ─────────────────────────────────────────────────────────
def feed(festivals: list[dict], today: dt.date, language: str, source: str, texts, calendar_name: str,
         page_url, locales=None) -> bytes:
    """An iCalendar file with the next three editions of every festival in ``festivals``,
    written by the icalendar package. ``page_url(festival)`` is its page's absolute
    address. Every value derives from the commit being built (``today``), so two builds
    of one commit give the same bytes."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", f"-//{calendar_name}//festivals//{language}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", calendar_name)
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)
    editions = [(festival, edition) for festival in festivals
                for edition in fd.next_editions(festival, today, EDITIONS_SHOWN)]
    for festival, edition in sorted(editions, key=lambda item: (item[1].start, item[0]["id"])):
        url = page_url(festival)
        host = urlsplit(url).hostname or "localhost"
        event = Event()
        # Named by the rule's year, not the start date: when the province announces the
        # dates, a calendar that imported the expected ones updates that event (RFC 5545
        # UIDs persist) instead of adding a second one.
        event.add("uid", f"{festival['id']}-{edition.rule_year}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", edition.start)
        event.add("dtend", edition.end + dt.timedelta(days=1))  # all-day events end the day after
        event.add("summary", text(festival, "name", language, source)[0])
        own = fd.own_calendar_date(festival, edition, language, texts)
        description = [text(festival, "summary", language, source)[0],
                       f"{date_range(edition.start, edition.end, language, locales)} ({_note(edition, texts)})"]
        if own:
            description.append(own[0])
        # The page's address goes in URL only: folded into a long DESCRIPTION it would be
        # cut across lines, where nothing can find (or rewrite) it.
        event.add("description", "\n".join(description))
        event.add("location", text(festival, "place", language, source)[0])
        event.add("url", url)
        event.add("status", "TENTATIVE" if edition.expected else "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
