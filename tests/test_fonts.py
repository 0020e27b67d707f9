"""No tofu: every character the built pages show is covered by a web font the page
serves for it (Be Vietnam Pro for Latin and Vietnamese, Noto Sans Khmer for Khmer)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from conftest import ROOT, soup
from portal import site

PORTAL = site.load_site(ROOT / "mkdocs.yml")
CSS = ROOT / "src" / "portal" / "theme" / "assets" / "stylesheets" / "portal.css"
FACE = re.compile(r"@font-face\s*{(?P<body>[^}]*)}")


def parse_ranges(text: str) -> list[tuple[int, int]]:
    ranges = []
    for item in text.split(","):
        item = item.strip().upper().removeprefix("U+")
        start, _, end = item.partition("-")
        ranges.append((int(start, 16), int(end or start, 16)))
    return ranges


def font_faces() -> list[tuple[str, list[tuple[int, int]], set[int]]]:
    faces = []
    for match in FACE.finditer(CSS.read_text(encoding="utf-8")):
        body = match.group("body")
        file = re.search(r'url\("\.\./fonts/([^"]+)"\)', body).group(1)
        ranges = parse_ranges(re.search(r"unicode-range:\s*([^;]+);", body).group(1))
        cmap = set(TTFont(ROOT / "src" / "portal" / "theme" / "assets" / "fonts" / file).getBestCmap())
        faces.append((file, ranges, cmap))
    return faces


def visible_text(path: Path) -> str:
    html = soup(path)
    for element in html(["script", "style", "svg", "noscript"]):
        element.decompose()
    return html.body.get_text(" ")


@pytest.mark.parametrize("code", PORTAL.codes)
def test_every_character_shown_has_a_glyph_in_a_served_font(portal_site, code):
    faces = font_faces()
    folder = PORTAL.language(code).link.strip("/")
    others = [lang.link.strip("/") for lang in PORTAL.languages if lang.link.strip("/") and lang.code != code]
    characters = set()
    for page in (portal_site / folder).rglob("index.html") if folder else portal_site.rglob("index.html"):
        relative = page.relative_to(portal_site).as_posix()
        if not folder and any(relative.startswith(other + "/") for other in others):
            continue
        characters |= set(visible_text(page))
    missing = []
    for character in sorted(characters):
        point = ord(character)
        if character.isspace() or point < 0x20 or 0x200B <= point <= 0x200D:
            continue
        served = [cmap for _, ranges, cmap in faces if any(a <= point <= b for a, b in ranges)]
        if not any(point in cmap for cmap in served):
            missing.append(f"U+{point:04X} {character!r}")
    assert not missing, f"characters without a glyph in the {code} pages' fonts: {missing}"
