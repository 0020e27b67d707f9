"""Read a page's front matter and report what an editor must fix, with file and line.

Used by the build hook (so ``mkdocs build --strict`` fails on a bad page) and by the
editors' checker, so both say the same thing in the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

# libyaml's parser (bundled with PyYAML's wheels) is ~10x faster than the pure-Python one:
# it matters when thousands of pages are read.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TEXT_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

FENCE = "---"
REQUIRED_KEYS = ("title", "description")
# Search engines cut descriptions at roughly this many characters.
DESCRIPTION_MAX = 200


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    column: int
    message: str
    hint: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message} — {self.hint}"


@dataclass(frozen=True)
class FrontMatter:
    data: dict
    key_lines: dict[str, int]  # key -> 1-based line number in the file
    end_line: int  # line of the closing fence, 0 when there is no front matter


_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


def split_front_matter(source: str, path: str, loader=YAML_LOADER) -> tuple[FrontMatter, list[Problem]]:
    """The front matter's fields, line numbers and problems. ``loader`` may be a plain
    string loader (yaml.CBaseLoader) where only text values are needed: it is faster."""
    lines = source.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != FENCE:
        return FrontMatter({}, {}, 0), []
    for index in range(1, len(lines)):
        if lines[index].strip() in (FENCE, "..."):
            break
    else:
        return FrontMatter({}, {}, 0), [
            Problem(path, 1, 1, "the front matter starting here is never closed",
                    "add a line with three dashes (---) after the last field")
        ]
    block = "\n".join(lines[1:index])
    try:
        try:
            data = yaml.load(block, Loader=loader) or {}
        except ValueError:
            # A value that looks like a date but is none (2025-13-40): keep it as text so
            # the checks can say which field is wrong.
            data = yaml.load(block, Loader=TEXT_LOADER) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = (mark.line + 2) if mark else 1
        column = (mark.column + 1) if mark else 1
        reason = getattr(error, "problem", None) or "invalid YAML"
        return FrontMatter({}, {}, index + 1), [
            Problem(path, line, column, f"the front matter is not valid YAML ({reason})",
                    "write each field as 'key: value'; put text containing ':' in quotes")
        ]
    if not isinstance(data, dict):
        return FrontMatter({}, {}, index + 1), [
            Problem(path, 2, 1, "the front matter is not a list of 'key: value' fields",
                    "write each field on its own line as 'key: value'")
        ]
    key_lines = {}
    for number, text in enumerate(lines[1:index], start=2):
        match = _KEY.match(text)
        if match:
            key_lines.setdefault(match.group(1), number)
    return FrontMatter(data, key_lines, index + 1), []


def check_page_front_matter(source: str, path: str) -> list[Problem]:
    """Problems with a page's front matter: missing title/description, empty or too long."""
    front, problems = split_front_matter(source, path)
    if problems:
        return problems
    for key in REQUIRED_KEYS:
        if key not in front.data:
            problems.append(Problem(
                path, 1, 1, f"the page has no '{key}' in its front matter",
                f"add a line '{key}: ...' between the two '---' lines at the top of the page",
            ))
        elif not str(front.data[key] or "").strip():
            problems.append(Problem(
                path, front.key_lines.get(key, 1), 1, f"'{key}' is empty",
                f"write the page's {key} after '{key}:'",
            ))
    description = str(front.data.get("description") or "")
    if len(description) > DESCRIPTION_MAX:
        problems.append(Problem(
            path, front.key_lines.get("description", 1), 1,
            f"the description is {len(description)} characters long",
            f"shorten it to at most {DESCRIPTION_MAX} characters: search engines cut the rest",
        ))
    return problems
