"""Open Graph cards: 1200×630 images with the page's title over a photo or the portal's
colours, for links shared on social networks.

Vietnamese stacks diacritics and Khmer stacks subscript consonants and vowels; both need
a text shaper. Pillow shapes with libraqm (its wheels carry it; FriBiDi is loaded at run
time, Debian package libfribidi0), and without it Khmer comes out scrambled, so cards
refuse to draw without raqm. Each run of text is drawn with a font that has its script.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import writing_systems

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
SCRIPT_RANGES = {
    "khmer": re.compile(f"[{writing_systems.KHMER}]"),
    "han": re.compile(f"[{writing_systems.HAN}]"),
}


class CardError(Exception):
    pass


@dataclass(frozen=True)
class CardStyle:
    fonts: dict  # script ("default", "khmer", "han") -> font file path
    background: str = "#00695c"
    accent: str = "#ffb300"
    text: str = "#ffffff"

    def fingerprint(self) -> str:
        return repr(sorted(self.fonts.items())) + self.background + self.accent + self.text


# Debian's fonts-noto-core; a site names others in extra.images.cards.fonts.
DEFAULT_FONTS = {
    "default": "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "khmer": "/usr/share/fonts/truetype/noto/NotoSansKhmer-Bold.ttf",
}


def card_style(extra: dict) -> CardStyle:
    raw = ((extra or {}).get("images") or {}).get("cards") or {}
    fonts = {**DEFAULT_FONTS, **(raw.get("fonts") or {})}
    missing = [f"{script}: {path}" for script, path in fonts.items() if not Path(path).is_file()]
    if missing:
        raise CardError("card fonts not found (" + "; ".join(missing) + ") — install Debian's "
                        "fonts-noto-core or set extra.images.cards.fonts in mkdocs.yml")
    return CardStyle(fonts, raw.get("background", CardStyle.background), raw.get("accent", CardStyle.accent),
                     raw.get("text", CardStyle.text))


def require_raqm() -> None:
    from PIL import features

    if not features.check_feature("raqm"):
        raise CardError("Pillow cannot shape text here (libraqm unavailable): Khmer and Vietnamese "
                        "titles would be drawn wrongly. On Debian: apt-get install libfribidi0")


def script_of(character: str) -> str:
    for script, pattern in SCRIPT_RANGES.items():
        if pattern.match(character):
            return script
    return "default"


def runs(text: str) -> list[tuple[str, str]]:
    """(script, text) runs; spaces and punctuation join the run they sit in."""
    found: list[list[str]] = []
    for character in text:
        script = script_of(character)
        if character.isspace() or (script == "default" and not character.isalnum() and found):
            script = found[-1][0] if found else "default"
        if found and found[-1][0] == script:
            found[-1][1] += character
        else:
            found.append([script, character])
    return [(script, chunk) for script, chunk in found]


@lru_cache(maxsize=32)
def _font(path: str, size: int, basic: bool):
    from PIL import ImageFont

    layout = ImageFont.Layout.BASIC if basic else ImageFont.Layout.RAQM
    try:
        return ImageFont.truetype(path, size, layout_engine=layout)
    except OSError as error:
        raise CardError(f"cannot open the card font {path} ({error}) — set extra.images.cards.fonts") from error


def _font_for(style: CardStyle, script: str, size: int, basic: bool):
    return _font(style.fonts.get(script) or style.fonts["default"], size, basic)


def _words(text: str) -> list[str]:
    """Break opportunities: spaces (not no-break spaces), and between Khmer words (which
    are not spaced)."""
    pieces = []
    for chunk in re.split(r"([^\S\u00a0]+)", text):
        if not chunk:
            continue
        if SCRIPT_RANGES["khmer"].search(chunk):
            from khmercut import tokenize

            for word in tokenize(chunk):
                # the segmenter splits at no-break spaces too: keep what they join together
                if pieces and (pieces[-1].endswith("\u00a0") or word.startswith("\u00a0")):
                    pieces[-1] += word
                else:
                    pieces.append(word)
        else:
            pieces.append(chunk)
    return pieces


def _width(style: CardStyle, text: str, size: int, basic: bool) -> float:
    return sum(_font_for(style, script, size, basic).getlength(chunk) for script, chunk in runs(text))


# Public names for other drawings that share the cards' fonts and shaping (the infographic).
def font(style: CardStyle, script: str, size: int, basic: bool = False):
    """The Pillow font for a run of ``script`` at ``size`` (raqm shaping unless ``basic``)."""
    return _font_for(style, script, size, basic)


def text_width(style: CardStyle, text: str, size: int, basic: bool = False) -> float:
    """The drawn width of ``text``, each script run measured with its own font."""
    return _width(style, text, size, basic)


def wrap(style: CardStyle, text: str, size: int, max_width: int, basic: bool = False) -> list[str]:
    lines, current = [], ""
    for piece in _words(text):
        candidate = current + piece
        if current.strip() and _width(style, candidate.rstrip(), size, basic) > max_width:
            lines.append(current.rstrip())
            current = piece.lstrip()
        else:
            current = candidate
    if current.strip():
        lines.append(current.rstrip())
    return lines


def draw_card(title: str, site_name: str, style: CardStyle, photo: Path | None = None,
              basic_layout: bool = False) -> bytes:
    """The card as JPEG bytes. ``basic_layout`` draws without shaping (for comparison only)."""
    if not basic_layout:
        require_raqm()
    from PIL import Image, ImageDraw, ImageOps

    if photo is not None:
        with Image.open(photo) as source:
            canvas = ImageOps.fit(source.convert("RGB"), (WIDTH, HEIGHT), Image.Resampling.LANCZOS)
        shade = Image.new("RGB", (WIDTH, HEIGHT), style.background)
        canvas = Image.blend(canvas, shade, 0.55)
    else:
        canvas = Image.new("RGB", (WIDTH, HEIGHT), style.background)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, HEIGHT - 18, WIDTH, HEIGHT), fill=style.accent)
    size = 72
    lines = wrap(style, title, size, WIDTH - 2 * MARGIN, basic_layout)
    while len(lines) > 4 and size > 40:
        size -= 6
        lines = wrap(style, title, size, WIDTH - 2 * MARGIN, basic_layout)
    line_height = int(size * (1.9 if any(s == "khmer" for s, _ in runs(title)) else 1.35))
    y = max(MARGIN, (HEIGHT - 120 - line_height * len(lines)) // 2)
    for line in lines[:5]:
        x = MARGIN
        for script, chunk in runs(line):
            font = _font_for(style, script, size, basic_layout)
            draw.text((x, y), chunk, font=font, fill=style.text)
            x += font.getlength(chunk)
        y += line_height
    x = MARGIN
    for script, chunk in runs(site_name):
        font = _font_for(style, script, 34, basic_layout)
        draw.text((x, HEIGHT - 100), chunk, font=font, fill=style.accent)
        x += font.getlength(chunk)
    buffer = io.BytesIO()
    canvas.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()


def card_name(title: str, site_name: str, language: str, style: CardStyle, photo: Path | None) -> str:
    photo_key = f"{photo}:{photo.stat().st_size}" if photo else ""
    key = "\n".join((title, site_name, language, style.fingerprint(), photo_key))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16] + ".jpg"
