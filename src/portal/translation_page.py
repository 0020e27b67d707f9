"""The translation-status page shown on the site (under About), in the reader's language."""

from __future__ import annotations

from html import escape

from .notices import language_name
from .translations import ERROR, INCOMPLETE, MISSING, OUTDATED, UNTRACKED, Report

MARKER = "<!-- translation-status -->"
LISTED = (INCOMPLETE, OUTDATED, UNTRACKED, MISSING, ERROR)


def source_url(source: str) -> str:
    """The site-root URL of a source page (``land/index.md`` -> ``land/``)."""
    path = source[:-3] if source.endswith(".md") else source
    if path == "index" or path.endswith("/index"):
        return path[: -len("index")]
    return path + "/"


def status_html(report: Report, reader: str, texts, relative_url) -> str:
    """``texts(key, **values)``: interface text in the reader's language;
    ``relative_url(site_root_url)``: a link from the status page."""
    totals = report.totals()
    parts = ['<div class="portal-translation-status">']
    for language in report.languages:
        total = totals[language]
        name = language_name(language, reader)
        parts.append(f'<section class="portal-translation-status__language" lang="{escape(reader)}">')
        parts.append(f'<h2 id="translation-{escape(language)}">{escape(name)}</h2>')
        parts.append(
            f'<p><progress max="100" value="{total["coverage"]}">{total["coverage"]}%</progress> '
            f'{escape(texts("status_coverage", coverage=total["coverage"]))}</p>')
        parts.append(f'<p>{escape(texts("status_summary", done=total["up_to_date"], total=total["pages"]))}</p>')
        for status in LISTED:
            pages = [page for page in report.pages if page.translations[language].status == status]
            if not pages:
                continue
            label = texts(f"status_{status.replace('-', '_')}")
            parts.append(f'<h3>{escape(label)} ({len(pages)})</h3><ul>')
            for page in pages:
                href = relative_url(source_url(page.source))
                gaps = ""
                translation = page.translations[language]
                if status == INCOMPLETE and translation.missing_sections:
                    # The source's headings: the sections a reader of this language lacks.
                    headings = ", ".join(f"“{item['heading']}”" for item in translation.missing_sections)
                    gaps = f' <span lang="{escape(report.source_language)}">({escape(headings)})</span>'
                parts.append(f'<li><a href="{escape(href)}" hreflang="{escape(report.source_language)}">'
                             f"<code>{escape(page.source)}</code></a>{gaps}</li>")
            parts.append("</ul>")
        parts.append("</section>")
    parts.append("</div>")
    return "".join(parts)


def reviews_html(reviews, today, reader: str, texts, format_date) -> str:
    """Every time-sensitive statement (portal.sources.Review), soonest review first; those
    past their review date first of all, marked. ``format_date(date)``: in the reader's
    language. The statements are quoted in the language of their page."""
    heading = texts("status_reviews_heading")
    parts = [f'<section class="portal-reviews" lang="{escape(reader)}"><h2 id="reviews">{escape(heading)}</h2>']
    due = [item for item in reviews if item.due(today)]
    if not due:
        parts.append(f"<p>{escape(texts('status_reviews_none'))}</p>")
    ordered = sorted(reviews, key=lambda item: (not item.due(today), item.review or today, item.file, item.line))
    if ordered:
        parts.append("<ul>")
        for item in ordered:
            dates = " · ".join(value for value in (
                texts("as_of", date=format_date(item.as_of)) if item.as_of else "",
                texts("status_review_by", date=format_date(item.review)) if item.review else "") if value)
            mark = ' class="portal-reviews__due"' if item.due(today) else ""
            parts.append(f"<li{mark}><code>{escape(item.file)}:{item.line}</code> — "
                         f"“{escape(item.what)}” ({escape(dates)})</li>")
        parts.append("</ul>")
    parts.append("</section>")
    return "".join(parts)
