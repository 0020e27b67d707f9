""""<Province> in numbers": a press and social-media graphic of key indicators, per
language, drawn at build time from ``content/indicators.yml``.

Three files per language: an SVG (1080 × 1080, every word a real ``<text>``, so it stays
readable, selectable and searchable) and PNGs at 1080 × 1080 (square posts) and
1200 × 630 (link previews, the home page's social card). Every figure carries its value,
unit, year, source and source date, formatted for the language by Babel through
:mod:`portal.data_content`, so the graphic says what the tables say.

One layout serves both renderers. Pillow measures and shapes the text with raqm, with
the social cards' fonts and script runs (:mod:`portal.social_cards`): each line is
placed once, then written as SVG or drawn as PNG. The SVG embeds subsets of the very
same font files (fontTools, WOFF2 in ``data:`` URIs) because an SVG shown through
``<img>`` or opened on a journalist's machine may load nothing else: without its fonts a
browser would fall back to whatever it has (often no Khmer font at all) and the lines
measured here would no longer fit their boxes. The portal's own web fonts are not used
for this: Be Vietnam Pro is split into three unicode-range files per weight, which a
single measuring font cannot stand for, and the PNG must match the SVG.

Which figures: ``extra.infographic.figures`` in ``mkdocs.yml`` (indicator ids), by
default the first six indicators of the data file.
"""

from __future__ import annotations

import base64
import dataclasses
import difflib
import hashlib
import io
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config, ValidationError

from . import data_content as data
from . import dates, social_cards
from .social_cards import CardStyle

SQUARE = (1080, 1080)
WIDE = (1200, 630)
SIZES = {"square": SQUARE, "wide": WIDE}
SVG_SIZE = "square"
MAX_FIGURES = 6
MARKER = "<!-- infographics -->"
FOLDER = "data/"
# The regular weight, beside the cards' bold (Debian's fonts-noto-core).
DEFAULT_TEXT_FONTS = {
    "default": "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "khmer": "/usr/share/fonts/truetype/noto/NotoSansKhmer-Regular.ttf",
}
SVG_FAMILIES = {"default": "Infographic Sans", "khmer": "Infographic Khmer", "han": "Infographic Han"}
WHITE = "#ffffff"


class InfographicError(Exception):
    """The infographic cannot be made as configured; the message says what to change."""


class InfographicSchema(Config):
    """``extra.infographic`` in ``mkdocs.yml`` (every key optional)."""

    figures = config_options.Optional(config_options.ListOfItems(config_options.Type(str)))
    # Regular-weight fonts per script ("default", "khmer", "han"); the bold ones are the
    # social cards' (extra.images.cards.fonts).
    fonts = config_options.Optional(config_options.Type(dict))


@dataclass(frozen=True)
class Settings:
    figures: tuple[str, ...]
    text_fonts: dict = field(hash=False)


def settings(extra: dict, indicators: list[dict], config_file: str) -> Settings:
    """Validate ``extra.infographic`` against the indicators; raise InfographicError naming
    every problem at once."""
    raw = (extra or {}).get("infographic") or {}
    where = f"{config_file}: extra.infographic"
    if not isinstance(raw, dict):
        raise InfographicError(f"{where} must be a mapping (figures: [ids], fonts: {{...}})")
    problems = []
    known = dict(InfographicSchema._schema)
    for key, option in known.items():
        try:
            option.validate(raw.get(key))
        except ValidationError as error:
            problems.append(f"{where}.{key}: {error}")
    for key in raw:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            problems.append(f"{where}.{key} is not a known setting" + (f" — did you mean '{close[0]}'?" if close else ""))
    ids = [indicator["id"] for indicator in indicators]
    chosen = raw.get("figures")
    if chosen is None:
        chosen = ids[:MAX_FIGURES]
    elif isinstance(chosen, list):
        for identifier in chosen:
            if identifier not in ids:
                close = difflib.get_close_matches(str(identifier), ids, n=1)
                problems.append(f"{where}.figures: '{identifier}' is not an indicator of content/indicators.yml"
                                + (f" — did you mean '{close[0]}'?" if close else ""))
        duplicates = sorted({str(item) for item in chosen if chosen.count(item) > 1})
        if duplicates:
            problems.append(f"{where}.figures names {', '.join(duplicates)} more than once")
        if indicators and not 1 <= len(chosen) <= MAX_FIGURES:
            problems.append(f"{where}.figures lists {len(chosen)} figures; the graphic holds 1 to {MAX_FIGURES}")
    fonts = {**DEFAULT_TEXT_FONTS, **(raw.get("fonts") if isinstance(raw.get("fonts"), dict) else {})}
    if indicators:
        missing = [f"{script}: {path}" for script, path in fonts.items() if not Path(path).is_file()]
        if missing:
            problems.append(f"{where}: fonts not found ({'; '.join(missing)}) — install Debian's fonts-noto-core "
                            "or set extra.infographic.fonts")
    if problems:
        raise InfographicError("; ".join(problems))
    return Settings(tuple(chosen), fonts)


# --- what the graphic says ------------------------------------------------------------

@dataclass(frozen=True)
class FigureText:
    id: str
    label: str
    prefix: str  # the qualifier's words before the number ("about "), or ""
    number: str
    suffix: str  # the qualifier's words after the number (none in vi/en/km), or ""
    unit: str
    source: str  # "2025 · Source: <title>, <date>"

    @property
    def figure(self) -> str:
        """The figure exactly as :func:`portal.data_content.figure` writes it."""
        return f"{self.prefix}{self.number}{self.suffix} {self.unit}".strip()


@dataclass(frozen=True)
class Sheet:
    language: str
    title: str
    figures: tuple[FigureText, ...]
    publisher: str
    address: str

    def alt_text(self) -> str:
        return self.title + ": " + "; ".join(
            f"{item.label}: {item.figure} ({item.source})" for item in self.figures)


def _source_date(value, language: str, locales: dict | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, int):  # a year only
        return str(value)
    try:
        return dates.format_for_reader(value, language, locales)
    except ValueError:
        return str(value)


def _split_figure(indicator: dict, language: str, source_language: str, texts, locales) -> tuple[str, str, str]:
    """(prefix, number, suffix) such that prefix + number + suffix + " " + unit is the
    figure of data_content.figure: the number is drawn large, the qualifier small."""
    full = data.figure(indicator, language, source_language, texts, locales)
    unit, _ = data.text(indicator, "unit", language, source_language)
    shown = full[: len(full) - len(unit)].rstrip() if unit and full.endswith(unit) else full
    number = data.number(indicator["value"], language, locales)
    at = shown.find(number)
    if at < 0:
        return "", shown, ""
    return shown[:at], number, shown[at + len(number):]


def sheet(indicators: list[dict], ids, language: str, source_language: str, texts, locales,
          province: dict, site_url: str | None) -> Sheet:
    by_id = {indicator["id"]: indicator for indicator in indicators}
    figures = []
    for identifier in ids:
        indicator = by_id[identifier]
        label, _ = data.text(indicator, "label", language, source_language)
        unit, _ = data.text(indicator, "unit", language, source_language)
        prefix, number, suffix = _split_figure(indicator, language, source_language, texts, locales)
        source = indicator.get("source") or {}
        title = str(source.get("title", ""))
        # A date is not broken across lines ("5 / tháng 12, 2025" reads badly).
        when = _source_date(source.get("date"), language, locales).replace(" ", "\u00a0")
        cited = f"{title}, {when}" if when else title
        figures.append(FigureText(identifier, label, prefix, number, suffix, unit,
                                  texts("infographic_source", year=indicator.get("year", ""), source=cited)))
    name = data.text(province, "name", language, source_language)[0]
    publisher = data.text(province, "publisher", language, source_language)[0]
    return Sheet(language, texts("infographic_title", province=name), tuple(figures), publisher,
                 public_address(site_url))


LOOPBACK = ("127.0.0.1", "localhost", "::1", "0.0.0.0")


def public_address(site_url: str | None) -> str:
    """The portal's address as printed ("camau.example.vn/portal"), or "" for a local
    preview's (a graphic saying "127.0.0.1:8000" would send readers nowhere)."""
    from urllib.parse import urlsplit

    parts = urlsplit(site_url or "")
    if not parts.hostname or parts.hostname in LOOPBACK:
        return ""
    return (parts.netloc + parts.path).rstrip("/")


# --- layout ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Span:
    text: str
    size: int
    bold: bool
    fill: str


@dataclass(frozen=True)
class Line:
    x: float
    baseline: float
    spans: tuple[Span, ...]
    joiner: str = ""  # what stood between this line and the next in the text (" " or "")
    anchor: str = "start"  # "end": x is the right edge


@dataclass(frozen=True)
class Block:
    """Lines that belong together: one <text> element in the SVG."""

    role: str
    lines: tuple[Line, ...]
    figure: str = ""  # the indicator id, for figure blocks


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    fill: str
    radius: float = 0


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    background: str
    boxes: tuple[Box, ...]
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Fonts:
    """The two weights, each a card style (script -> font file)."""

    bold: CardStyle
    regular: CardStyle

    def style(self, bold: bool) -> CardStyle:
        return self.bold if bold else self.regular

    def fingerprint(self) -> str:
        parts = []
        for style in (self.bold, self.regular):
            for script, path in sorted(style.fonts.items()):
                stat = Path(path).stat()
                parts.append(f"{script}:{path}:{stat.st_size}:{stat.st_mtime_ns}")
        return "|".join(parts) + self.bold.fingerprint()


def fonts(extra: dict, config: Settings) -> Fonts:
    bold = social_cards.card_style(extra)
    regular = CardStyle({**bold.fonts, **config.text_fonts}, bold.background, bold.accent, bold.text)
    return Fonts(bold, regular)


def mix(colour: str, other: str, share: float) -> str:
    """``colour`` with ``share`` of ``other`` blended in (solid colours: PNG and SVG agree)."""
    a = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(a, b))


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio."""
    def luminance(colour):
        channels = []
        for i in (1, 3, 5):
            c = int(colour[i:i + 2], 16) / 255
            channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@dataclass(frozen=True)
class Palette:
    background: str
    tile: str
    footer: str
    accent: str
    text: str
    quiet: str  # sources, footer

    @classmethod
    def of(cls, style: CardStyle) -> "Palette":
        tile = mix(style.background, "#000000", 0.22)
        return cls(style.background, tile, mix(style.background, "#000000", 0.45), style.accent, style.text,
                   mix(style.text, tile, 0.12))


# Type sizes in pixels at scale 1; the fit shrinks them together where text needs room.
TYPE = {
    "square": {"title": 62, "value": 64, "small": 30, "label": 28, "source": 19, "min_source": 15, "footer": 22},
    "wide": {"title": 44, "value": 46, "small": 22, "label": 21, "source": 15, "min_source": 13, "footer": 17},
}


def _scripts(text: str) -> set[str]:
    return {script for script, _ in social_cards.runs(text)} or {"default"}


def _extent(fonts: Fonts, spans) -> tuple[float, float]:
    """Ascent and descent of a line: the largest of every font it uses."""
    ascent = descent = 0.0
    for span in spans:
        for script in _scripts(span.text):
            a, d = social_cards.font(fonts.style(span.bold), script, span.size).getmetrics()
            ascent, descent = max(ascent, a), max(descent, d)
    return ascent, descent


def _span_width(fonts: Fonts, span: Span) -> float:
    return social_cards.text_width(fonts.style(span.bold), span.text, span.size)


def _wrapped(fonts: Fonts, text: str, size: int, bold: bool, width: float) -> list[tuple[str, str]]:
    """(line, joiner) pairs: joiner is the space the break replaced ("" between Khmer words)."""
    lines = social_cards.wrap(fonts.style(bold), text, size, int(width))
    result, at = [], 0
    for line in lines:
        at = text.find(line, at) + len(line)
        joiner = text[at] if at < len(text) and text[at].isspace() else ""
        result.append((line, joiner))
    if result:
        result[-1] = (result[-1][0], "")
    return result


class _Overflow(Exception):
    pass


def _stack(fonts: Fonts, x: float, top: float, width: float, pieces, gap: float = 0.0):
    """Lines for wrapped pieces of (text, size, bold, fill), from ``top`` down; returns
    (lines, bottom). Raises _Overflow when a word is wider than ``width``."""
    lines, y = [], top
    for index, (text, size, bold, fill) in enumerate(pieces):
        if index:
            y += gap
        for line, joiner in _wrapped(fonts, text, size, bold, width):
            span = Span(line, size, bold, fill)
            if _span_width(fonts, span) > width + 0.5:
                raise _Overflow(line)
            ascent, descent = _extent(fonts, [span])
            lines.append(Line(x, y + ascent, (span,), joiner))
            y += ascent + descent
    return lines, y


def _value_lines(fonts: Fonts, item: FigureText, x: float, top: float, width: float, sizes, palette):
    big, small = sizes["value"], sizes["small"]
    head = [Span(part, size, True, fill) for part, size, fill in (
        (item.prefix, small, palette.text), (item.number, big, palette.accent), (item.suffix, small, palette.text))
        if part]
    unit = Span(" " + item.unit, small, True, palette.text) if item.unit else None
    if unit and sum(_span_width(fonts, span) for span in head + [unit]) <= width:
        ascent, descent = _extent(fonts, head + [unit])
        return [Line(x, top + ascent, tuple(head + [unit]))], top + ascent + descent
    if sum(_span_width(fonts, span) for span in head) > width:
        raise _Overflow(item.number)
    ascent, descent = _extent(fonts, head)
    lines = [Line(x, top + ascent, tuple(head), " " if unit else "")]
    bottom = top + ascent + descent
    if unit:
        more, bottom = _stack(fonts, x, bottom, width, [(item.unit, small, True, palette.text)])
        lines += more
    return lines, bottom


def _tile(fonts: Fonts, item: FigureText, box: Box, sizes, palette, padding: float) -> list[Block]:
    x, width = box.x + padding, box.width - 2 * padding
    top, bottom = box.y + padding * 0.8, box.y + box.height - padding * 0.8
    value, y = _value_lines(fonts, item, x, top, width, sizes, palette)
    label, y = _stack(fonts, x, y + sizes["label"] * 0.25, width, [(item.label, sizes["label"], False, palette.text)])
    source, used = _stack(fonts, x, 0, width, [(item.source, sizes["source"], False, palette.quiet)])
    source_top = bottom - used
    if source_top < y + sizes["source"] * 0.4:
        raise _Overflow(item.id)
    source = [dataclasses.replace(line, baseline=line.baseline + source_top) for line in source]
    # One <text> per figure: value, label and source read (and copy) in that order.
    value[-1] = dataclasses.replace(value[-1], joiner=" ")
    label[-1] = dataclasses.replace(label[-1], joiner=" ")
    return [Block("figure", tuple(value + label + source), item.id)]


def _grid(count: int, size: str) -> tuple[int, int]:
    if size == "wide":
        columns = {1: 1, 2: 2, 4: 2}.get(count, 3)
    else:
        columns = 1 if count == 1 else 2
    return columns, math.ceil(count / columns)


def layout(item_sheet: Sheet, size: str, fonts: Fonts) -> Drawing:
    width, height = SIZES[size]
    palette = Palette.of(fonts.bold)
    base = TYPE[size]
    margin = round(min(width, height) * 0.065)
    gap = round(margin * 0.35)
    boxes, blocks = [], []

    # The title, on at most two lines, shrinking where the province's name is long.
    title_size = base["title"]
    while True:
        try:
            title, y = _stack(fonts, margin, margin * 0.75, width - 2 * margin,
                              [(item_sheet.title, title_size, True, palette.text)])
            if len(title) <= 2 or title_size <= 24:
                break
        except _Overflow:
            if title_size <= 24:
                raise InfographicError(f"the title '{item_sheet.title}' does not fit the {width} × {height} graphic")
        title_size -= 2
    blocks.append(Block("title", tuple(title)))
    bar = max(6, round(height * 0.009))
    boxes.append(Box(margin, y + gap * 0.6, round(width * 0.12), bar, palette.accent))
    grid_top = y + gap * 0.6 + bar + gap * 1.4

    # The footer band: the publisher on the left, the portal's address on the right.
    footer_size = base["footer"]
    band = round(footer_size * 3.0)
    boxes.append(Box(0, height - band, width, band, palette.footer))
    while True:
        publisher = Span(item_sheet.publisher, footer_size, True, palette.text)
        address = Span(item_sheet.address, footer_size, False, palette.quiet)
        room = width - 2 * margin
        if _span_width(fonts, publisher) + _span_width(fonts, address) + margin * 0.5 <= room:
            break
        if footer_size <= 11:
            raise InfographicError(f"the publisher '{item_sheet.publisher}' and the address '{item_sheet.address}' "
                                   f"do not fit the footer of the {width} × {height} graphic — shorten "
                                   "extra.province.publisher in mkdocs.yml")
        footer_size -= 1
    ascent, descent = _extent(fonts, [publisher, address])
    baseline = height - band / 2 + (ascent - descent) / 2
    footer = [Line(margin, baseline, (publisher,), " " if item_sheet.address else "")]
    if item_sheet.address:
        footer.append(Line(width - margin, baseline, (address,), anchor="end"))
    blocks.append(Block("footer", tuple(footer)))

    columns, rows = _grid(len(item_sheet.figures), size)
    grid_bottom = height - band - gap * 1.6
    tile_width = (width - 2 * margin - (columns - 1) * gap) / columns
    tile_height = (grid_bottom - grid_top - (rows - 1) * gap) / rows
    padding = round(min(tile_width, tile_height) * 0.09)
    tiles = [Box(margin + (index % columns) * (tile_width + gap), grid_top + (index // columns) * (tile_height + gap),
                 tile_width, tile_height, palette.tile, radius=round(padding * 0.6))
             for index in range(len(item_sheet.figures))]
    # The largest type at which every figure fits its tile: one scale for all, so the
    # figures read as a set.
    scale, failed = 1.0, ""
    while scale >= 0.5:
        sizes = {key: max(base["min_source"], round(value * scale)) if key == "source" else round(value * scale)
                 for key, value in base.items()}
        try:
            figure_blocks = [block for item, box in zip(item_sheet.figures, tiles)
                             for block in _tile(fonts, item, box, sizes, palette, padding)]
            break
        except _Overflow as overflow:
            failed = str(overflow)
            scale = round(scale - 0.05, 2)
    else:
        raise InfographicError(
            f"the {width} × {height} '{item_sheet.language}' infographic has no room for '{failed}' — shorten "
            "that figure's label or source in content/indicators.yml, or choose fewer figures "
            "(extra.infographic.figures in mkdocs.yml)")
    boxes.extend(tiles)
    blocks.extend(figure_blocks)
    return Drawing(width, height, palette.background, tuple(boxes), tuple(blocks))


# --- SVG --------------------------------------------------------------------------------

OPENTYPE_SCRIPTS = {"default": ("latn",), "khmer": ("khmr",), "han": ("hani",)}


def _subset_font(path: str, script: str, text: str, cache: Path | None = None) -> bytes:
    """The WOFF2 subset of ``path`` for ``text``; kept in ``cache`` too, since a changed
    figure mostly leaves the characters of the other fonts as they were (subsetting is
    most of the time an uncached graphic takes)."""
    characters = "".join(sorted(set(text)))
    stat = Path(path).stat()
    if cache is None:
        return _subset_cached(path, stat.st_mtime_ns, script, characters)
    key = hashlib.sha256("\n".join((path, str(stat.st_size), str(stat.st_mtime_ns), script, characters,
                                     _code_fingerprint())).encode("utf-8")).hexdigest()[:20]
    stored = cache / "fonts" / f"{key}.woff2"
    if stored.exists():
        return stored.read_bytes()
    subset = _subset_cached(path, stat.st_mtime_ns, script, characters)
    from .atomic import atomic_write_bytes

    atomic_write_bytes(stored, subset)
    return subset


@lru_cache(maxsize=64)
def _subset_cached(path: str, mtime_ns: int, script: str, characters: str) -> bytes:
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    # fontTools' default features are those browsers apply by default, Khmer's reordering
    # and stacking ones included ('*' also kept stylistic sets nobody asks for: the Khmer
    # SVG was 47 kB with them, 41 kB without); only the scripts drawn here ("DFLT" covers
    # digits and punctuation).
    options.layout_scripts = ["DFLT", *OPENTYPE_SCRIPTS.get(script, ("latn",))]
    options.hinting = False  # browsers scale outlines without TrueType hints; hints cost bytes
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep copyright and the OFL licence notice
    options.notdef_outline = True
    font = subset.load_font(path, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    return buffer.getvalue()


def _runs_of(drawing: Drawing):
    for block in drawing.blocks:
        for line in block.lines:
            for span in line.spans:
                for script, chunk in social_cards.runs(span.text):
                    yield span, script, chunk


def font_faces(drawing: Drawing, fonts: Fonts, cache: Path | None = None) -> str:
    """@font-face rules with the subset of each font the drawing uses, as data: URIs."""
    used: dict[tuple[str, bool], str] = {}
    for span, script, chunk in _runs_of(drawing):
        used[(script, span.bold)] = used.get((script, span.bold), "") + chunk
    rules = []
    for (script, bold), characters in sorted(used.items()):
        style = fonts.style(bold)
        path = style.fonts.get(script) or style.fonts["default"]
        woff2 = base64.b64encode(_subset_font(path, script, characters, cache)).decode("ascii")
        rules.append(f'@font-face{{font-family:"{SVG_FAMILIES.get(script, SVG_FAMILIES["default"])}";'
                     f'font-weight:{700 if bold else 400};src:url(data:font/woff2;base64,{woff2}) format("woff2")}}')
    return "".join(rules)


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def svg(drawing: Drawing, item_sheet: Sheet, fonts: Fonts, cache: Path | None = None) -> str:
    language = escape(item_sheet.language)
    classes = "".join(f'.{script}{{font-family:"{family}",sans-serif}}' for script, family in SVG_FAMILIES.items())
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{drawing.width}" height="{drawing.height}" '
           f'viewBox="0 0 {drawing.width} {drawing.height}" lang="{language}" xml:lang="{language}" role="img" '
           'aria-labelledby="infographic-title infographic-description">',
           f'<title id="infographic-title">{escape(item_sheet.title)}</title>',
           f'<desc id="infographic-description">{escape(item_sheet.alt_text())}</desc>',
           f'<style>{font_faces(drawing, fonts, cache)}text{{font-family:"{SVG_FAMILIES["default"]}",sans-serif}}'
           f'{classes}</style>',
           f'<rect width="{drawing.width}" height="{drawing.height}" fill="{drawing.background}"/>']
    for box in drawing.boxes:
        radius = f' rx="{_number(box.radius)}"' if box.radius else ""
        out.append(f'<rect x="{_number(box.x)}" y="{_number(box.y)}" width="{_number(box.width)}" '
                   f'height="{_number(box.height)}"{radius} fill="{box.fill}"/>')
    for block in drawing.blocks:
        figure = f' data-figure="{escape(block.figure)}"' if block.figure else ""
        parts = [f'<text class="{block.role}"{figure}>']
        for line in block.lines:
            anchor = ' text-anchor="end"' if line.anchor == "end" else ""
            parts.append(f'<tspan x="{_number(line.x)}" y="{_number(line.baseline)}"{anchor}>')
            for index, span in enumerate(line.spans):
                weight = ' font-weight="700"' if span.bold else ""
                chunks = social_cards.runs(span.text + (line.joiner if index == len(line.spans) - 1 else ""))
                for script, chunk in chunks:
                    css = f' class="{script}"' if script != "default" else ""
                    parts.append(f'<tspan font-size="{span.size}"{weight} fill="{span.fill}"{css}>'
                                 f'{escape(chunk, quote=False)}</tspan>')
            parts.append("</tspan>")
        parts.append("</text>")
        out.append("".join(parts))
    out.append("</svg>")
    return "\n".join(out) + "\n"


# --- PNG ----------------------------------------------------------------------------------

def png(drawing: Drawing, fonts: Fonts, basic_layout: bool = False) -> bytes:
    """The drawing as PNG bytes. ``basic_layout`` draws without shaping (for comparison only)."""
    if not basic_layout:
        social_cards.require_raqm()
    from PIL import Image, ImageDraw

    canvas = Image.new("RGB", (drawing.width, drawing.height), drawing.background)
    draw = ImageDraw.Draw(canvas)
    for box in drawing.boxes:
        shape = (round(box.x), round(box.y), round(box.x + box.width) - 1, round(box.y + box.height) - 1)
        if box.radius:
            draw.rounded_rectangle(shape, radius=round(box.radius), fill=box.fill)
        else:
            draw.rectangle(shape, fill=box.fill)
    for block in drawing.blocks:
        for line in block.lines:
            x = line.x
            if line.anchor == "end":
                x -= sum(social_cards.text_width(fonts.style(s.bold), s.text, s.size, basic_layout) for s in line.spans)
            for span in line.spans:
                for script, chunk in social_cards.runs(span.text):
                    font = social_cards.font(fonts.style(span.bold), script, span.size, basic_layout)
                    draw.text((x, line.baseline), chunk, font=font, fill=span.fill, anchor="ls")
                    x += font.getlength(chunk)
    # A flat drawing of a few colours and their anti-aliased edges: a 256-colour palette
    # looks the same and makes the file 60 % smaller (measured on the Khmer square:
    # 112 kB in RGB, 44 kB with the palette).
    palette = canvas.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


# --- files, cache -----------------------------------------------------------------------

def file_names(province: dict, source_language: str) -> dict[str, str]:
    """kind -> file name: ASCII, from the province's name in the source language."""
    from slugify import slugify

    stem = slugify(data.text(province, "name", source_language, source_language)[0]) or "province"
    return {"svg": f"{stem}-in-numbers.svg",
            "square": f"{stem}-in-numbers-{SQUARE[0]}x{SQUARE[1]}.png",
            "wide": f"{stem}-in-numbers-{WIDE[0]}x{WIDE[1]}.png"}


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    # The drawing code itself: a change to the layout redraws every cached graphic.
    digest = hashlib.sha256()
    for module in (__file__, social_cards.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


def cache_key(item_sheet: Sheet, fonts: Fonts) -> str:
    payload = json.dumps(dataclasses.asdict(item_sheet), ensure_ascii=False, sort_keys=True)
    key = "\n".join((payload, fonts.fingerprint(), _code_fingerprint()))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def render(item_sheet: Sheet, fonts: Fonts, cache_dir: Path) -> dict[str, Path]:
    """kind ("svg", "square", "wide") -> the cached file, drawn only when missing."""
    from .atomic import atomic_write_bytes, atomic_write_text

    key = cache_key(item_sheet, fonts)
    wanted = {"svg": cache_dir / f"{key}.svg", "square": cache_dir / f"{key}-square.png",
              "wide": cache_dir / f"{key}-wide.png"}
    drawings = {}
    for kind, path in wanted.items():
        if path.exists():
            continue
        size = SVG_SIZE if kind == "svg" else kind
        if size not in drawings:
            drawings[size] = layout(item_sheet, size, fonts)
        if kind == "svg":
            atomic_write_text(path, svg(drawings[size], item_sheet, fonts, cache_dir))
        else:
            atomic_write_bytes(path, png(drawings[size], fonts))
    return wanted


# --- the press room -----------------------------------------------------------------------

def press_block(item_sheet: Sheet, links: dict[str, str], sizes: dict[str, int], texts) -> str:
    """The press room's downloads: two thumbnails and a link to each file, with its size.
    ``links``: kind -> URL from the page; ``sizes``: kind -> bytes."""
    alt = escape(item_sheet.alt_text())

    def kilobytes(kind):
        return texts("infographic_kilobytes", size=data.number(max(1, round(sizes[kind] / 1000)),
                                                               item_sheet.language))

    def download(kind, label):
        return (f'<li><a href="{escape(links[kind])}" download>{escape(label)}</a> '
                f'<span class="portal-infographics__size">({escape(kilobytes(kind))})</span></li>')

    labels = {"svg": texts("infographic_svg"),
              "square": texts("infographic_square", width=SQUARE[0], height=SQUARE[1]),
              "wide": texts("infographic_wide", width=WIDE[0], height=WIDE[1])}
    # The square's alt text says every figure; the wide one, the same graphic again, is
    # named by its title and format so that a screen reader does not hear it all twice.
    alts = {"square": alt, "wide": escape(f"{item_sheet.title} — {labels['wide']}")}
    thumbnails = "".join(
        f'<a class="portal-infographics__thumb portal-infographics__thumb--{kind}" href="{escape(links[kind])}">'
        f'<img src="{escape(links[kind])}" width="{SIZES[kind][0]}" height="{SIZES[kind][1]}" alt="{alts[kind]}" '
        f'loading="lazy" decoding="async"></a>' for kind in ("square", "wide"))
    items = "".join(download(kind, labels[kind]) for kind in ("svg", "square", "wide"))
    return (f'<div class="portal-infographics"><div class="portal-infographics__thumbs">{thumbnails}</div>'
            f'<ul class="portal-infographics__downloads">{items}</ul></div>')


# --- the build's side (called by portal/hooks/infographic.py and social_cards.py) ---------

def indicators(config) -> list[dict]:
    return data.load(Path(config.config_file_path).parent / "content", "indicators")


def cache_dir(config) -> Path:
    from .photos import image_settings

    root = Path(config.config_file_path).parent
    return image_settings(config.extra, root).cache_dir.parent / "infographics"


def home_card(config, page, nav) -> dict | None:
    """The home page's Open Graph image: this language's wide PNG (None on other pages,
    or when the site has no indicators and so no infographic)."""
    from .page_i18n import absolute
    from .site import current_language, language_prefixes, site_languages

    homepage = getattr(nav, "homepage", None)
    if homepage is None or page.url != homepage.url or not indicators(config):
        return None
    from .ui_strings import translator

    source, language = site_languages(config)[0].code, current_language(config)
    names = file_names(config.extra["province"], source)
    url = language_prefixes(config)[language] + FOLDER + names["wide"]
    title = translator(config, language)(
        "infographic_title", province=data.text(config.extra["province"], "name", language, source)[0])
    return {"url": absolute(config.site_url or "/", url), "width": WIDE[0], "height": WIDE[1], "alt": title}
