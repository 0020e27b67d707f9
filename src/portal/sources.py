"""Every figure names a dated source; time-sensitive statements carry "as of" and review
dates. The rules behind ``make check`` (portal.content_checks) and what readers see.

Data (``content/*.yml``): a record holding a figure (in its source-language text, or a
``value``, ``latitude`` or ``longitude``) needs a source with a date::

    source: {title: "Nghị quyết 202/2025/QH15 của Quốc hội", kind: official-text, date: 2025-06-12}
    source: "Mặn mòi vị muối Bạc Liêu, VTV9, 16/4/2020"     # a date as the last part

``kind`` (official-text, official-report, press-report) is required where the source is
shown to the press (``content/indicators.yml``) and checked wherever it is given.

Pages: a page whose text holds a figure cites its sources in a paragraph that starts
with the language's label (``Nguồn:``, ``Sources:``, ``ប្រភព៖``; the labels are
``source_labels`` in ``overrides/strings.yml``), sources separated by ``;``, each with
its date: ``Nguồn: VnExpress, 11/9/2025; Quyết định 2456/QĐ-TTg, 17/12/2013.`` A
document number (``2456/QĐ-TTg``, ``57-KL/TW``) names a text; it is not a figure.

Time-sensitive statements: in a page, ``<!-- as-of: 2025-09-25; review: 2026-10-31 -->``
after the statement (readers see "as of 25 September 2025"); in data, ``as_of:`` and
``review:`` on the record. Once the review date has passed, ``make check`` warns.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml

from . import figures as fig
from .frontmatter import YAML_LOADER
from .writing_systems import shorten

SOURCE_KINDS = ("official-text", "official-report", "press-report")
FIGURE_KEYS = ("value", "latitude", "longitude")
# "2456/QĐ-TTg", "202/2025/QH15", "57-KL/TW", "Nghị định 09/2017/NĐ-CP": the number of a
# legal text or decision, not a figure.
DOCUMENT_NUMBER = re.compile(r"\b\d+(?:/\d{4})?(?:/|-)[A-ZĐ][A-ZĐa-z0-9]*(?:[-/][A-ZĐ0-9][A-ZĐa-z0-9]*)*")
AS_OF = re.compile(r"<!--\s*as-of:\s*(?P<as_of>[^;,\s]+)\s*[;,]?\s*(?:review:\s*(?P<review>[^\s;,]+))?\s*-->")
# A year a source can have been published in (not "site 2088").
_YEAR = re.compile(r"(?<!\d)(?:19\d\d|20[0-4]\d)(?!\d)")


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    message: str
    hint: str


@dataclass(frozen=True)
class Review:
    """A time-sensitive statement: what it is, where, its "as of" and review dates."""

    file: str
    line: int
    what: str
    as_of: dt.date | None
    review: dt.date | None

    def due(self, today: dt.date) -> bool:
        return self.review is not None and self.review < today


def parse_date(value) -> dt.date | None:
    """A YAML date, an ISO date or year-month or year, or a date as pages write it."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for pattern, build in ((r"(\d{4})-(\d{2})-(\d{2})", lambda y, m, d: dt.date(y, m, d)),
                           (r"(\d{4})-(\d{2})", lambda y, m: dt.date(y, m, 1)),
                           (r"(\d{4})", lambda y: dt.date(y, 1, 1))):
        match = re.fullmatch(pattern, text)
        if match:
            try:
                return build(*(int(group) for group in match.groups()))
            except ValueError:
                return None
    return None


def has_date(text: str, language: str) -> bool:
    """Whether a cited source names when it was published: a date or at least a year."""
    text = DOCUMENT_NUMBER.sub(" ", str(text))
    if any(re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", figure.key) for figure in fig.figures(text, language)):
        return True
    return bool(_YEAR.search(text))


# --- data ----------------------------------------------------------------------------------

def _source_findings(source, where: str, line: int, language: str, kind_required: bool) -> list[Finding]:
    if isinstance(source, dict):
        found = []
        if not source.get("title"):
            found.append(Finding(where, line, "the source has no 'title'",
                                 "name the document or article: title: \"…\""))
        if parse_date(source.get("date")) is None:
            found.append(Finding(where, line, "the source has no date",
                                 "add date: YEAR-MONTH-DAY (or YEAR-MONTH, or YEAR when the source gives no more)"))
        kind = source.get("kind")
        if kind is None and kind_required:
            found.append(Finding(where, line, "the source has no 'kind'",
                                 f"add kind: one of {', '.join(SOURCE_KINDS)}"))
        elif kind is not None and kind not in SOURCE_KINDS:
            found.append(Finding(where, line, f"unknown source kind '{kind}'",
                                 f"use one of {', '.join(SOURCE_KINDS)}"))
        return found
    if isinstance(source, str) and source.strip():
        last = source.rsplit(",", 1)[-1]
        if not has_date(last, language):
            return [Finding(where, line, f"the source “{source}” has no date",
                            "end it with the date it was published or signed: “…, Outlet, 16/4/2020”")]
        return []
    return [Finding(where, line, "a record with figures names no source",
                    "add source: {title: …, kind: …, date: …} or source: \"Title, Outlet, date\"")]


def _record_has_figure(node: yaml.MappingNode, source_language: str, languages: set[str]) -> bool:
    for key, value in node.value:
        name = getattr(key, "value", None)
        if name in ("source", "sources", "id", "page", "photo", "as_of", "review"):
            continue
        if name in FIGURE_KEYS and isinstance(value, yaml.ScalarNode):
            return True
        if isinstance(value, yaml.MappingNode):
            keys = {getattr(k, "value", None) for k, _ in value.value}
            if source_language in keys and keys <= languages:
                text = next((v.value for k, v in value.value if k.value == source_language), "")
                if fig.figures(DOCUMENT_NUMBER.sub(" ", str(text or "")), source_language):
                    return True
    return False


def check_data_file(text: str, where: str, languages: list[str], source_language: str,
                    kind_required: bool = False) -> tuple[list[Finding], list[Review]]:
    """Findings (figures without a dated source) and the file's time-sensitive records."""
    try:
        root = yaml.compose(text, Loader=YAML_LOADER)
    except yaml.YAMLError:
        return [], []  # the translation report names broken YAML with its line
    findings, reviews = [], []
    if not isinstance(root, yaml.MappingNode):
        return [], []
    for _, records in root.value:
        if not isinstance(records, yaml.SequenceNode):
            continue
        for node in records.value:
            if not isinstance(node, yaml.MappingNode):
                continue
            fields = {getattr(key, "value", None): (key, value) for key, value in node.value}
            line = node.start_mark.line + 1
            record = yaml.load(yaml.serialize(node), Loader=YAML_LOADER) or {}
            identifier = record.get("id", f"line {line}")
            if "as_of" in record or "review" in record:
                reviews.append(Review(where, line, f"{identifier}", parse_date(record.get("as_of")),
                                      parse_date(record.get("review"))))
                if parse_date(record.get("review")) is None:
                    findings.append(Finding(where, line, f"'{identifier}' has an 'as_of' date but no 'review' date",
                                            "add review: YEAR-MONTH-DAY, when an editor must check it again"))
            if not _record_has_figure(node, source_language, set(languages)):
                continue
            if "sources" in fields:
                key, value = fields["sources"]
                items = record.get("sources") or []
                if isinstance(items, (str, dict)):
                    findings.append(Finding(where, key.start_mark.line + 1, "'sources' must be a list",
                                            "write each source on its own '- ' line, or use 'source:' for one"))
                    continue
                if not items:
                    findings.append(Finding(where, key.start_mark.line + 1, "'sources' is empty",
                                            "list the sources of this record's figures, each with its date"))
                for index, item in enumerate(items):
                    item_line = (value.value[index].start_mark.line + 1
                                 if isinstance(value, yaml.SequenceNode) and index < len(value.value)
                                 else key.start_mark.line + 1)
                    findings += _source_findings(item, where, item_line, source_language, kind_required)
            elif "source" in fields:
                key, _ = fields["source"]
                findings += _source_findings(record.get("source"), where, key.start_mark.line + 1,
                                             source_language, kind_required)
            else:
                findings += _source_findings(None, where, line, source_language, kind_required)
    return findings, reviews


# --- pages ---------------------------------------------------------------------------------

def source_paragraphs(body: str, labels: list[str], first_line: int = 1) -> list[tuple[int, str]]:
    """(line, text after the label) of each paragraph citing sources."""
    if not labels:
        return []
    pattern = re.compile(r"^\s*(?:\*\*|_)?(?:" + "|".join(re.escape(label) for label in labels)
                         + r")(?:\*\*|_)?\s*[:៖]\s*(?:\*\*)?\s*(.*)$")
    found = []
    for number, line in enumerate(body.split("\n"), start=first_line):
        match = pattern.match(line)
        if match:
            found.append((number, match.group(1)))
    return found


def _statement(before: str) -> str:
    """The sentence a marker follows, shortened for a one-line warning."""
    sentences = [part for part in re.split(r"(?<=[.!?។])\s+", AS_OF.sub("", before).strip()) if part]
    text = sentences[-1] if sentences else before.strip()
    return shorten(text, 90)


def page_reviews(body: str, where: str, first_line: int = 1):
    """(line number, line, marker match, Review) of each as-of marker: cheap (no figure
    search), for the build's list of review dates."""
    if "as-of" not in body:
        return
    for number, line in enumerate(body.split("\n"), start=first_line):
        for match in AS_OF.finditer(line):
            yield number, line, match, Review(where, number, _statement(line[:match.start()]),
                                              parse_date(match.group("as_of")),
                                              parse_date(match.group("review")))


def data_reviews(text: str, where: str) -> list[Review]:
    """The time-sensitive records of a data file (``as_of`` / ``review`` on a record)."""
    if "as_of" not in text and "review" not in text:
        return []
    _, reviews = check_data_file(text, where, [], "", kind_required=False)
    return reviews


def check_page_text(body: str, where: str, language: str, labels: list[str],
                    first_line: int = 1) -> tuple[list[Finding], list[Review]]:
    """A page's body: its figures need a dated source paragraph; its as-of markers."""
    findings, reviews = [], []
    cited = source_paragraphs(body, labels, first_line)
    cited_lines = {line for line, _ in cited}
    for line, text in cited:
        for item in (part.strip(" .") for part in text.split(";")):
            if item and not has_date(item, language):
                findings.append(Finding(where, line, f"the source “{item}” has no date",
                                        "add the date it was published or signed, e.g. “…, 17/12/2013”"))
    text_lines = [("" if number in cited_lines else line)
                  for number, line in enumerate(body.split("\n"), start=first_line)]
    prose = DOCUMENT_NUMBER.sub(" ", "\n".join(text_lines))
    figures = fig.figures(prose, language, first_line)
    if figures and not cited:
        first = figures[0]
        findings.append(Finding(where, first.line, f"figure {first.text} has no source on this page",
                                f"add a paragraph “{labels[0] if labels else 'Sources'}: title, outlet, date; …” "
                                "naming where the page's figures come from"))
    for number, _, match, review_item in page_reviews(body, where, first_line):
        as_of, review = review_item.as_of, review_item.review
        reviews.append(review_item)
        if as_of is None:
            findings.append(Finding(where, number, f"'{match.group('as_of')}' is not a date",
                                    "write <!-- as-of: YEAR-MONTH-DAY; review: YEAR-MONTH-DAY -->"))
        if review is None:
            findings.append(Finding(where, number, "an as-of date without a review date",
                                    "add '; review: YEAR-MONTH-DAY' (when an editor must check it again)"))
    return findings, reviews
