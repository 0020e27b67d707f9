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
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
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


def split_sections(source: str) -> list[Section]:
    body, offset = strip_front_matter(source)
    sections: list[Section] = []
    seen: dict[str, int] = {}
    key, start, buffer = INTRO, offset + 1, []
    in_fence = False

    def close():
        if key != INTRO or "".join(buffer).strip():
            sections.append(Section(key, start, "\n".join(buffer)))

    for number, line in enumerate(body.split("\n"), start=offset + 1):
        if _FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        if match:
            close()
            text = heading_key(match.group(2))
            seen[text] = seen.get(text, 0) + 1
            key = text if seen[text] == 1 else f"{text}#{seen[text]}"
            start, buffer = number, []
        else:
            buffer.append(line)
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
