"""Which site languages the self-hosted fonts cannot draw (a warning of the portal plugin).

The portal serves its own fonts (``@font-face`` rules with a ``unicode-range`` in the
theme's CSS, the plugin's and the province's). A language whose letters fall outside
every declared range is drawn by whatever fonts the reader's system has: often fine,
sometimes boxes. The sample text of a language is its own name in CLDR (Babel), e.g.
"ລາວ" for Lao, so no table of scripts is kept here; the script's name and code come
from CLDR's likely subtags.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

_FONT_FACE = re.compile(r"@font-face\s*{([^}]*)}", re.IGNORECASE)
_RANGE = re.compile(r"unicode-range\s*:\s*([^;}]*)", re.IGNORECASE)
_SPAN = re.compile(r"U\+([0-9A-Fa-f?]{1,6})(?:-([0-9A-Fa-f]{1,6}))?")
# Noto fonts on Fontsource whose name is not "noto-sans-<script name>".
FONTSOURCE = {"Hans": "noto-sans-sc", "Hant": "noto-sans-tc", "Jpan": "noto-sans-jp", "Kore": "noto-sans-kr",
              "Cyrl": "noto-sans", "Grek": "noto-sans", "Latn": "noto-sans"}
# CLDR's short English names of these two ("Simplified", "Traditional") say too little.
SCRIPT_NAMES = {"Hans": "Simplified Han", "Hant": "Traditional Han"}


@dataclass(frozen=True)
class Uncovered:
    language: str
    script: str       # ISO 15924, e.g. Laoo
    script_name: str  # CLDR's English name, e.g. Lao
    package: str      # an npm package of Fontsource that has a font for it


def declared_ranges(css_files: list[Path]) -> list[tuple[int, int]]:
    spans = []
    for path in css_files:
        for face in _FONT_FACE.findall(path.read_text(encoding="utf-8", errors="replace")):
            for declaration in _RANGE.findall(face):
                for start, end in _SPAN.findall(declaration):
                    if "?" in start:  # U+4?? : a wildcard range
                        spans.append((int(start.replace("?", "0"), 16), int(start.replace("?", "F"), 16)))
                    else:
                        spans.append((int(start, 16), int(end or start, 16)))
    return spans


def script_of(language: str) -> str:
    from babel.core import get_global

    tag = get_global("likely_subtags").get(language.replace("-", "_"), "")
    parts = tag.split("_")
    return parts[1] if len(parts) > 2 else ""


def uncovered_languages(languages: list[str], css_files: list[Path]) -> list[Uncovered]:
    from babel import Locale, UnknownLocaleError

    spans = declared_ranges(css_files)
    english = Locale("en")
    found = []
    for code in languages:
        try:
            sample = Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_")) or ""
        except (UnknownLocaleError, ValueError):
            continue
        letters = [char for char in unicodedata.normalize("NFC", sample) if unicodedata.category(char)[0] in "LM"]
        if not letters or all(any(start <= ord(char) <= end for start, end in spans) for char in letters):
            continue
        script = script_of(code)
        name = SCRIPT_NAMES.get(script) or english.scripts.get(script, script) or code
        package = FONTSOURCE.get(script) or "noto-sans-" + re.sub(r"[^a-z]+", "-", name.lower()).strip("-")
        found.append(Uncovered(code, script, name, f"@fontsource/{package}"))
    return found


def theme_css_files(theme_folders: list[Path], docs_dir: Path, extra_css: list[str]) -> list[Path]:
    """The CSS that can declare fonts: the theme folders' and the site's own extra_css."""
    files = [path for folder in theme_folders if folder.is_dir() for path in sorted(folder.rglob("*.css"))]
    files += [docs_dir / name for name in extra_css if (docs_dir / name).is_file()]
    return files
