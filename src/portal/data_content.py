"""Pages and tables made from the data files under ``content/`` (festivals, products, key
indicators): one record, rendered in every language, so figures cannot drift apart.

Editors place a marker on a page and the build fills it in:

- ``<!-- key-figures: area, coastline -->``: a table of the named indicators;
- ``<!-- key-indicators -->``: every indicator, with CSV and JSON downloads;
- ``<!-- product-list -->``: the products table;
- ``<!-- festival-calendar -->``: the festivals by month, linking their pages.

Each festival also gets a page of its own (``festivals/<id>/``) in each language.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import yaml
from babel.numbers import format_decimal

from .frontmatter import YAML_LOADER

KEY_FIGURES = re.compile(r"<!--\s*key-figures:\s*([\w\s,-]+?)\s*-->")
KEY_INDICATORS = "<!-- key-indicators -->"
CHART = re.compile(r"<!--\s*chart:\s*([\w\s,-]+?)\s*-->")
PRODUCT_LIST = "<!-- product-list -->"
FESTIVAL_CALENDAR = "<!-- festival-calendar -->"
DOWNLOAD_FOLDER = "data/"


def load(content_dir: Path, name: str) -> list[dict]:
    path = content_dir / f"{name}.yml"
    if not path.is_file():
        return []
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}
    return list(data.get(name) or [])


def text(record: dict, key: str, language: str, source: str) -> tuple[str, str]:
    """(text, its language): the reader's language, else the source language."""
    texts = record.get(key) or {}
    if isinstance(texts, str):
        return texts, source
    if texts.get(language):
        return str(texts[language]), language
    return str(texts.get(source, "")), source


def has_language(record: dict, language: str, keys=("name", "summary")) -> bool:
    """Whether every one of ``keys`` is written in ``language``. A plain string is the
    source language's text, shown to every reader (:func:`text`): not a translation."""
    def written(value) -> bool:
        return isinstance(value, dict) and bool(value.get(language))
    return all(written(record.get(key)) for key in keys)


def number(value, language: str, locales: dict | None = None) -> str:
    return format_decimal(value, locale=(locales or {}).get(language, language))


def figure(indicator: dict, language: str, source: str, texts, locales=None) -> str:
    shown = number(indicator["value"], language, locales)
    qualifier = indicator.get("qualifier")
    if qualifier in ("about", "over"):
        shown = texts(f"figure_{qualifier}", value=shown)
    unit, _ = text(indicator, "unit", language, source)
    return f"{shown} {unit}".strip()


def source_line(source: dict, language: str | None = None, locales: dict | None = None) -> str:
    """"Title, date". With ``language``, a day's date as that reader writes dates
    ("30 April 2022", "ថ្ងៃទី 30 ខែមេសា ឆ្នាំ 2022"); a year or a month stays as the
    source gives it. Without, the date as written (a stable key for comparisons)."""
    title = str(source.get("title", ""))
    date = source.get("date")
    if not date:
        return title
    if language:
        from .dates import format_for_reader, parse_date

        try:
            date = format_for_reader(parse_date(date), language, locales)
        except ValueError:  # "2025", "2025-03": no day to format
            pass
    return f"{title}, {date}"


def source_with_kind(source: dict, texts, language: str | None = None, locales: dict | None = None) -> str:
    """The source line with what kind of source it is, in the reader's language
    ("…, 11 September 2025 (press report)"): the press must know an official text from a
    newspaper's report (content/indicators.yml ``kind``; portal.sources)."""
    line = source_line(source, language, locales)
    kind = source.get("kind")
    if not kind:
        return line
    label = texts(f"source_kind_{str(kind).replace('-', '_')}")
    return f"{line} ({label})"


def as_of_note(record: dict, language: str, texts, locales=None) -> str:
    """" (as of 25 September 2025)" for a time-sensitive record, else ""."""
    value = record.get("as_of")
    if not value:
        return ""
    from .dates import format_for_reader

    text = str(value).strip()
    # A year alone is shown as the year: "1 January 2025" would claim a precision the
    # source does not give.
    shown = text if re.fullmatch(r"\d{4}", text) else format_for_reader(value, language, locales)
    return " (" + texts("as_of", date=shown) + ")"


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def indicators_table(indicators: list[dict], language: str, source: str, texts, locales=None) -> str:
    rows = [f"| {texts('table_indicator')} | {texts('table_value')} | {texts('table_year')} | {texts('table_source')} |",
            "|---|---|---|---|"]
    for indicator in indicators:
        label, _ = text(indicator, "label", language, source)
        shown = figure(indicator, language, source, texts, locales) + as_of_note(indicator, language, texts, locales)
        rows.append(f"| {_cell(label)} | {_cell(shown)} | "
                    f"{indicator.get('year', '')} | {_cell(source_with_kind(indicator.get('source') or {}, texts, language, locales))} |")
    return "\n".join(rows)


class UnknownIndicators(KeyError):
    """Indicator ids named (in a page or content/home.yml) that content/indicators.yml lacks."""


def key_figures(indicators: list[dict], ids: list[str]) -> list[dict]:
    by_id = {indicator["id"]: indicator for indicator in indicators}
    missing = [identifier for identifier in ids if identifier not in by_id]
    if missing:
        raise UnknownIndicators(", ".join(missing))
    return [by_id[identifier] for identifier in ids]


def bar_chart(indicators: list[dict], language: str, source: str, texts, locales=None) -> str:
    """A horizontal bar chart of indicators sharing a unit: HTML labels and figures (they
    wrap and scale with the reader's text size) over one small SVG bar each, and the
    source under it. No request, no script, no inline style."""
    from html import escape

    largest = max(float(indicator["value"]) for indicator in indicators) or 1
    rows = []
    for indicator in indicators:
        label, _ = text(indicator, "label", language, source)
        length = round(100 * float(indicator["value"]) / largest, 1)
        rows.append(
            f'<div class="portal-chart__row"><span class="portal-chart__label">{escape(label)}</span>'
            f'<span class="portal-chart__bar"><svg viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" '
            f'focusable="false"><rect width="{length}" height="4"/></svg></span>'
            f'<span class="portal-chart__value">{escape(figure(indicator, language, source, texts, locales))}</span></div>')
    sources = sorted({source_with_kind(indicator.get("source") or {}, texts, language, locales)
                      for indicator in indicators})
    return (f'<figure class="portal-chart">{"".join(rows)}<figcaption>{escape(texts("table_source"))}: '
            f'{escape("; ".join(sources))}</figcaption></figure>')


def indicators_csv(indicators: list[dict], languages: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", *[f"label_{code}" for code in languages], "value", "qualifier",
                     *[f"unit_{code}" for code in languages], "year", "source", "source_url", "source_date",
                     "source_kind"])
    for indicator in indicators:
        source = indicator.get("source") or {}
        writer.writerow([indicator["id"], *[(indicator.get("label") or {}).get(code, "") for code in languages],
                         indicator["value"], indicator.get("qualifier", ""),
                         *[(indicator.get("unit") or {}).get(code, "") for code in languages],
                         indicator.get("year", ""), source.get("title", ""), source.get("url", ""),
                         str(source.get("date", "")), source.get("kind", "")])
    return buffer.getvalue()


def indicators_json(indicators: list[dict]) -> str:
    def plain(value):
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return value

    return json.dumps({"indicators": [plain(indicator) for indicator in indicators]},
                      ensure_ascii=False, indent=2) + "\n"


def record_sources(record: dict, language: str | None = None, locales: dict | None = None) -> list[str]:
    """Each source of a record as one line with its date: ``sources`` (texts or
    {title, date, url…}) or the single ``source``; dates for ``language``'s readers."""
    found = record.get("sources") or ([record["source"]] if record.get("source") else [])
    if isinstance(found, (str, dict)):  # one source written where a list was expected
        found = [found]
    return [source_line(item, language, locales) if isinstance(item, dict) else str(item) for item in found]


def products_table(products: list[dict], language: str, source: str, texts, locales=None) -> str:
    rows = [f"| {texts('product_name')} | {texts('product_kind')} | {texts('product_certificate')} | "
            f"{texts('table_source')} |", "|---|---|---|---|"]
    for product in products:
        rows.append("| " + " | ".join(_cell(value) for value in (
            text(product, "name", language, source)[0], text(product, "kind", language, source)[0],
            text(product, "certificate", language, source)[0], "; ".join(record_sources(product, language, locales)))) + " |")
    return "\n".join(rows)


def event_json_ld(festival: dict, language: str, source: str, url: str, publisher: str,
                  start=None, end=None, expected: bool = True) -> str | None:
    """schema.org Event for the next edition: ``start``/``end`` computed by
    portal.festival_dates (lunar festivals move every year); ``expected``: not yet
    announced by the province, so no "scheduled" status is claimed for it."""
    if not start:
        return None
    data = {
        "@context": "https://schema.org", "@type": "Event",
        "name": text(festival, "name", language, source)[0],
        "description": text(festival, "summary", language, source)[0],
        "startDate": str(start), "endDate": str(end or start),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": text(festival, "place", language, source)[0]},
        "organizer": {"@type": "GovernmentOrganization", "name": publisher},
        "url": url, "inLanguage": language,
    }
    if not expected:
        data["eventStatus"] = "https://schema.org/EventScheduled"
    # "</" inside a <script> element would end it early.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
