"""Does a translation carry all of its source: every section and every figure?

Headings are translated, so sections cannot be matched by their text. They are matched
by structure: both pages' sections are aligned in order (a translation keeps the
source's order), preferring pairs at the same heading level that share
figures, markers (``<!-- key-indicators -->``) and a similar length. A source section
left without a partner is missing. The alignment is the classic weighted longest common
subsequence (dynamic programming over the two outlines): a few dozen sections a page,
so it costs nothing, and it names *which* sections an abridged translation dropped even
when every heading has the same level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import figures as fig
from . import markdown_sections as md

_MARKER = re.compile(r"<!--\s*([\w-]+)")
_LINK = re.compile(r"\]\(([^)\s]+)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+", re.M)


@dataclass(frozen=True)
class OutlineSection:
    key: str  # the source's section key (markdown_sections): heading text, "" for the intro
    level: int  # 0 for the text before the first heading
    line: int  # 1-based line in the file
    figures: frozenset
    markers: frozenset
    size: int  # characters without white space
    items: int = 0  # list items
    links: tuple = ()  # (target, line) of each link
    figure_list: tuple = ()  # portal.figures.Figure, in order, with their lines in the file


@lru_cache(maxsize=8192)  # a source is outlined once for all its translations
def outline(text: str, language: str) -> tuple[OutlineSection, ...]:
    body, offset = md.strip_front_matter(text)
    # The body's figures found once, then shared out to the sections by line.
    all_figures = fig.figures(body, language, offset + 1)
    sections: list[OutlineSection] = []
    seen: dict[str, int] = {}
    key, level, start, buffer = md.INTRO, 0, offset + 1, []

    def close():
        content = "\n".join(buffer)
        if key != md.INTRO or content.strip():
            links = tuple((match.group(1), start + content.count("\n", 0, match.start()))
                          for match in _LINK.finditer(content))
            end = start + len(buffer)
            found = tuple(figure for figure in all_figures if start <= figure.line < end)
            sections.append(OutlineSection(
                key, level, start, frozenset(figure.key for figure in found),
                frozenset(_MARKER.findall(content)), len("".join(content.split())),
                len(_LIST_ITEM.findall(content)), links, found))

    for line in md.scan(body, offset + 1):
        if line.heading:
            close()
            heading = md.heading_key(line.heading.group(2))
            seen[heading] = seen.get(heading, 0) + 1
            key = heading if seen[heading] == 1 else f"{heading}#{seen[heading]}"
            level, start = len(line.heading.group(1)), line.number
            buffer = [line.heading.group(2)]  # figures in a heading count for its section
        else:
            buffer.append(line.text)
    close()
    return tuple(sections)


def _similarity(source: OutlineSection, translation: OutlineSection) -> float:
    if (source.level == 0) != (translation.level == 0):
        return 0.0  # the introduction pairs only with the introduction
    # A changed heading level is formatting (the fingerprints ignore it too): it only
    # makes a pair less likely.
    score = 1.0 if source.level == translation.level else 0.5
    union = source.figures | translation.figures
    # Shared figures say most; two sections without figures are neutral.
    score += 2.0 * len(source.figures & translation.figures) / len(union) if union else 0.5
    if source.markers or translation.markers:
        score += 1.0 if source.markers == translation.markers else -0.5
    if source.size and translation.size:
        score += 0.5 * min(source.size, translation.size) / max(source.size, translation.size)
    return score


def align(source: list[OutlineSection], translation: list[OutlineSection]) -> dict[int, int]:
    """Source index -> translation index for every source section with a partner."""
    rows, columns = len(source), len(translation)
    best = [[0.0] * (columns + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(columns - 1, -1, -1):
            pair = _similarity(source[i], translation[j])
            best[i][j] = max(best[i + 1][j], best[i][j + 1],
                             best[i + 1][j + 1] + pair if pair > 0 else 0.0)
    pairs, i, j = {}, 0, 0
    while i < rows and j < columns:
        pair = _similarity(source[i], translation[j])
        if pair > 0 and best[i][j] == best[i + 1][j + 1] + pair:
            pairs[i] = j
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


@dataclass
class Completeness:
    missing_sections: list[dict]  # {"heading", "line"}: the source's heading and its line
    missing_figures: list[dict]  # {"figure", "text", "line"}: as written in the source
    # What else an abridged translation drops: {"kind": "link" | "list-items" | "length",
    # "line", "detail"}.
    other_gaps: list[dict] = None

    def __post_init__(self):
        if self.other_gaps is None:
            self.other_gaps = []

    @property
    def complete(self) -> bool:
        return not (self.missing_sections or self.missing_figures or self.other_gaps)


# A page this short (characters without spaces) is too short to judge by its length.
MIN_LENGTH_TO_COMPARE = 300


def check(source_text: str, source_language: str, translation_text: str,
          translation_language: str, min_length_ratio: float | None = None) -> Completeness:
    """``min_length_ratio``: the shortest a complete translation is, as a share of its
    source's characters (mkdocs.yml ``extra.translation.min_length_ratio``; a heuristic
    for sentences dropped without a figure, a link or a list item)."""
    source = outline(source_text, source_language)
    translation = outline(translation_text, translation_language)
    pairs = align(source, translation)
    sections = [{"heading": section.key or "(introduction)", "line": section.line}
                for index, section in enumerate(source)
                if index not in pairs and (section.level or section.size)]
    gaps = []
    translated_links = {target for section in translation for target, _ in section.links}
    for index, section in enumerate(source):
        if index not in pairs:
            continue
        partner = translation[pairs[index]]
        if partner.items < section.items:
            gaps.append({"kind": "list-items", "line": section.line,
                         "detail": f"“{section.key or '(introduction)'}” has {section.items} list items, "
                                   f"the translation {partner.items}"})
        for target, line in section.links:
            if target not in translated_links:
                gaps.append({"kind": "link", "line": line, "detail": f"link to {target}"})
    source_size = sum(section.size for section in source)
    translation_size = sum(section.size for section in translation)
    if min_length_ratio and source_size >= MIN_LENGTH_TO_COMPARE:
        ratio = translation_size / source_size
        if ratio < min_length_ratio:
            gaps.append({"kind": "length", "line": source[0].line if source else 1,
                         "detail": f"{ratio:.2f} × the source's length; a complete "
                                   f"{translation_language} translation is at least {min_length_ratio:g} ×"})
    have = set().union(*(section.figures for section in translation)) if translation else set()
    missing, seen = [], set()
    for section in source:
        for figure in section.figure_list:
            if figure.key not in seen:
                seen.add(figure.key)
                if not fig.present(figure.key, have):
                    missing.append(figure)
    return Completeness(sections, [{"figure": figure.key, "text": figure.text, "line": figure.line}
                                   for figure in missing], gaps)
