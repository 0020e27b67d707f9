"""Checks of the festivals' dates in ``content/festivals.yml`` (make check), each problem
as ``path:line:column: what — how to fix``:

- a festival with neither a date rule nor announced dates;
- a rule that cannot be computed (unknown calendar or month, a day the month does not
  have: day 30 of a 29-day lunar month, day 15 of a waning moon in a 29-day Khmer month);
- an announced date more than three days from the one the rule gives for that year,
  which is more often a typo (a wrong month or year) than the province's choice.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from . import festival_dates as fd
from .frontmatter import YAML_LOADER, Problem

YEARS_CHECKED = 4  # the build's year and the next three: what pages and feeds show


def _mapping(node) -> dict:
    return {key.value: value for key, value in node.value} if isinstance(node, yaml.MappingNode) else {}


def _line(node) -> int:
    return node.start_mark.line + 1


def _column(node) -> int:
    return node.start_mark.column + 1


def check_festivals(path: Path, today: dt.date, shown_as: str | None = None) -> list[Problem]:
    where = shown_as or path.as_posix()
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text, Loader=YAML_LOADER)
        data = yaml.load(text, Loader=YAML_LOADER) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return [Problem(where, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1,
                        f"not valid YAML ({getattr(error, 'problem', error)})", "fix the indentation or quoting")]
    nodes = _mapping(root).get("festivals")
    records = data.get("festivals") or []
    problems: list[Problem] = []
    for record, node in zip(records, nodes.value if isinstance(nodes, yaml.SequenceNode) else []):
        problems += _check_festival(record, node, where, today)
    return problems


def _check_festival(festival: dict, node, where: str, today: dt.date) -> list[Problem]:
    fields = _mapping(node)
    name = festival.get("id", "?")
    if "date" not in festival and not festival.get("announced"):
        return [Problem(where, _line(node), _column(node), f"festival '{name}' has no date rule and no announced dates",
                        "add 'date:' with its calendar, month, day and days (content/README.md, "
                        "'Festival dates'), or the province's dates under 'announced:'")]
    problems = []
    try:
        rule = fd.rule_of(festival)
    except fd.RuleError as error:
        date_fields = _mapping(fields.get("date"))
        at = date_fields.get(error.key) or fields.get("date") or node
        return [Problem(where, _line(at), at.start_mark.column + 1, f"festival '{name}': {error}", error.hint)]
    if rule is not None:
        date_node = fields["date"]
        for year in range(today.year, today.year + YEARS_CHECKED):
            ranges = [(rule.get("day"), rule.get("days"), date_node)]
            for other, other_node in zip(rule.get("other_ranges") or [],
                                         _sequence(_mapping(date_node).get("other_ranges"))):
                ranges.append((other.get("day"), other.get("days"), other_node))
            for day, days, at in ranges:
                try:
                    fd.computed(rule, year, day=day, days=days)
                except fd.RuleError as error:
                    day_node = _mapping(at).get("day", at)
                    problems.append(Problem(where, _line(day_node), _column(day_node),
                                            f"festival '{name}': {error}", error.hint))
    for entry, entry_node in zip(festival.get("announced") or [], _sequence(fields.get("announced"))):
        problems += _check_announced(festival, rule, entry, entry_node, where)
    return problems


def _sequence(node) -> list:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _check_announced(festival: dict, rule: dict | None, entry: dict, node, where: str) -> list[Problem]:
    name = festival.get("id", "?")
    line, column = _line(node), _column(node)
    if not isinstance(entry, dict):
        return [Problem(where, line, column, f"festival '{name}': announced entry '{entry}' is not a block",
                        "write - {start: YEAR-MONTH-DAY, end: YEAR-MONTH-DAY, source: {title: ..., date: ...}}")]
    try:
        start = fd._as_date(entry.get("start"))
        end = fd._as_date(entry.get("end") or entry.get("start"))
    except (TypeError, ValueError):
        return [Problem(where, line, column, f"festival '{name}': announced dates '{entry.get('start')}' – "
                        f"'{entry.get('end')}' are not dates", "write start: YEAR-MONTH-DAY (and end: the same way)")]
    if end < start:
        return [Problem(where, line, column, f"festival '{name}': announced end {end} is before its start {start}",
                        "swap them, or fix the year")]
    if not entry.get("source"):
        return [Problem(where, line, column, f"festival '{name}': the dates announced for {start.year} name no source",
                        "add source: {title: ..., date: ...} (the announcement or the report of it)")]
    if rule is None:
        return []
    candidates = []
    # a lunar year can start in the Gregorian year before (Khmer មិគសិរ) or after
    for year in (start.year - 1, start.year, start.year + 1):
        try:
            candidates.append(fd.computed(rule, year))
        except fd.RuleError:
            continue
    if not candidates:
        return []
    expected = min(candidates, key=lambda candidate: abs((start - candidate.start).days))
    gap = abs((start - expected.start).days)
    if gap > fd.ANNOUNCED_TOLERANCE_DAYS:
        return [Problem(where, line, column,
                        f"festival '{name}': announced start {start} is {gap} days from {expected.start}, "
                        f"the date its {rule['calendar']} rule gives for {start.year}",
                        "check the month and year against the province's announcement; if the rule is wrong "
                        "(for instance a Khmer festival given in the Vietnamese calendar), fix 'date:'")]
    return []
