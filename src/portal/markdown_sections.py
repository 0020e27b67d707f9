"""Split a Markdown page into sections by heading and fingerprint each one.

The fingerprints let a translation record what source it was translated from without
any git history (a shallow clone works), and let us say *which* sections changed.
Formatting-only edits (re-wrapped lines, emphasis markers, table padding, heading
levels) leave the fingerprints unchanged, so they never make a translation outdated.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

INTRO = ""  # key of the text before the first heading
HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_ATTRIBUTES = re.compile(r"\s*\{[^}]*\}\s*$")
_FORMATTING = re.compile(r"[*_`]+")
_TABLE_RULE = re.compile(r"(?<=\|)\s*:?-{3,}:?\s*(?=\|)")
_SPACES_AROUND_PIPES = re.compile(r"\s*\|\s*")


@dataclass(frozen=True)
class Section:
    key: str  # heading text ("" for the introduction), "#2" appended on repeats
    line: int  # 1-based line of the heading in the file (of the body start for the intro)
    text: str


def strip_front_matter(source: str) -> tuple[str, int]:
    """The body of a page and how many lines the front matter took."""
    lines = source.lstrip("\ufeff").split("\n")
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                return "\n".join(lines[index + 1:]), index + 1
    return source, 0


def heading_key(text: str) -> str:
    return unicodedata.normalize("NFC", _ATTRIBUTES.sub("", text)).strip()


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line in the file
    text: str
    in_code: bool  # inside a fenced code block (its fence lines included)
    heading: re.Match | None  # a Markdown heading outside code


def scan(body: str, first_line: int = 1):
    """Each line of a page's body, knowing whether it is code or a heading: the one
    place that tracks fenced code blocks for the checks, sections and photo references."""
    in_fence = False
    for number, text in enumerate(body.split("\n"), start=first_line):
        fence = bool(_FENCE.match(text))
        if fence:
            in_fence = not in_fence
        in_code = in_fence or fence
        yield Line(number, text, in_code, None if in_code else HEADING.match(text))


def split_sections(source: str) -> list[Section]:
    body, offset = strip_front_matter(source)
    sections: list[Section] = []
    seen: dict[str, int] = {}
    key, start, buffer = INTRO, offset + 1, []

    def close():
        if key != INTRO or "".join(buffer).strip():
            sections.append(Section(key, start, "\n".join(buffer)))

    for line in scan(body, offset + 1):
        if line.heading:
            close()
            text = heading_key(line.heading.group(2))
            seen[text] = seen.get(text, 0) + 1
            key = text if seen[text] == 1 else f"{text}#{seen[text]}"
            start, buffer = line.number, []
        else:
            buffer.append(line.text)
    close()
    return sections


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _FORMATTING.sub("", text)
    if "|" in text:  # tables: padding and rule width are formatting
        text = _TABLE_RULE.sub("---", text)
        text = _SPACES_AROUND_PIPES.sub("|", text)
    return " ".join(text.split())


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def section_fingerprints(source: str) -> dict[str, str]:
    return {section.key: fingerprint(normalise(section.text)) for section in split_sections(source)}


def page_fingerprint(sections: dict[str, str]) -> str:
    return fingerprint("\n".join(f"{key}\t{value}" for key, value in sections.items()))


def word_count(source: str) -> int:
    """Words of a source page, split on white space (a Vietnamese syllable counts as one)."""
    body, _ = strip_front_matter(source)
    return len(body.split())
