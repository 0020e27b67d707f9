"""Photo metadata and image settings: one place that reads them, for the image pipeline,
its --check, the build hook that renders <figure>s, and the translation report.

Each original ``content/photos/<id>.<ext>`` has a record ``content/photos/<id>.yml``::

    alt:      {vi: ..., en: ..., km: ...}   # required, in every language a page uses it
    caption:  {vi: ..., en: ...}            # optional; falls back to the source language
    credit:   Nguyễn Văn A / Báo Cà Mau     # required
    licence:  CC BY 4.0                     # required
    date:     2025-04-26
    place:    Đất Mũi
    illustrative: false                     # true: shown as "illustrative photo"
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .frontmatter import YAML_LOADER

ORIGINAL_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".heic", ".heif")
REQUIRED = ("alt", "credit", "licence")
KNOWN = ("alt", "caption", "credit", "licence", "date", "place", "illustrative", "source_url")


@dataclass(frozen=True)
class FormatSettings:
    quality: int
    effort: int  # AVIF speed (lower = slower, smaller), WebP method (higher = slower)


@dataclass(frozen=True)
class ImageSettings:
    photos_dir: Path
    cache_dir: Path
    widths: tuple[int, ...] = (480, 960, 1600, 2400)
    formats: dict = field(default_factory=lambda: {
        # Measured defaults (see the image benchmark): AVIF q55 speed 6, WebP q78 method 4
        # (method 0 costs ~37 % more bytes), JPEG q80 as the fallback for old browsers.
        "avif": FormatSettings(55, 6), "webp": FormatSettings(78, 4), "jpeg": FormatSettings(80, 0)})
    fallback_width: int = 1600  # the one JPEG, for browsers with neither AVIF nor WebP
    max_pixels: int = 50_000_000  # larger originals are refused (decompression bombs)
    min_width: int = 960  # narrower originals look poor in a full-width figure
    max_bytes: int = 40_000_000

    def fingerprint(self, image_format: str) -> str:
        """What an output of ``image_format`` depends on: changing anything else spares it."""
        settings = self.formats[image_format]
        return f"{image_format}:q{settings.quality}:e{settings.effort}"


def image_settings(extra: dict, root: Path) -> ImageSettings:
    """Settings from mkdocs.yml ``extra.images`` (every key optional)."""
    raw = (extra or {}).get("images") or {}
    defaults = ImageSettings(root / "content" / "photos", root / ".cache" / "images")
    formats = dict(defaults.formats)
    for name, values in (raw.get("formats") or {}).items():
        if name not in formats:
            raise ValueError(f"extra.images.formats.{name}: unknown format (use avif, webp or jpeg)")
        base = formats[name]
        formats[name] = FormatSettings(int(values.get("quality", base.quality)),
                                       int(values.get("effort", base.effort)))
    widths = tuple(sorted({int(width) for width in raw.get("widths", defaults.widths)}))
    if not widths or widths[0] <= 0:
        raise ValueError("extra.images.widths must list positive widths in pixels")
    return ImageSettings(
        photos_dir=root / raw.get("photos_dir", "content/photos"),
        cache_dir=root / raw.get("cache_dir", ".cache/images"),
        widths=widths,
        formats=formats,
        fallback_width=int(raw.get("fallback_width", defaults.fallback_width)),
        max_pixels=int(raw.get("max_pixels", defaults.max_pixels)),
        min_width=int(raw.get("min_width", defaults.min_width)),
        max_bytes=int(raw.get("max_bytes", defaults.max_bytes)),
    )


@dataclass
class PhotoRecord:
    id: str
    metadata_file: Path
    original: Path | None
    alt: dict[str, str]
    caption: dict[str, str]
    credit: str
    licence: str
    date: str | None
    place: str | None
    illustrative: bool
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, message)

    def text(self, field_name: str, language: str, source_language: str) -> tuple[str, str]:
        """(text, language it is in): the page's language, else the source language."""
        texts = getattr(self, field_name)
        if texts.get(language):
            return texts[language], language
        return texts.get(source_language, ""), source_language


def _key_lines(text: str) -> dict[str, int]:
    lines = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if line and not line[0].isspace() and ":" in line:
            lines.setdefault(line.split(":", 1)[0].strip(), number)
    return lines


def find_original(photos_dir: Path, photo_id: str) -> Path | None:
    for suffix in ORIGINAL_SUFFIXES:
        for candidate in (photos_dir / f"{photo_id}{suffix}", photos_dir / f"{photo_id}{suffix.upper()}"):
            if candidate.is_file():
                return candidate
    return None


def load_record(metadata_file: Path) -> PhotoRecord:
    photo_id = metadata_file.stem
    original = find_original(metadata_file.parent, photo_id)
    problems: list[tuple[int, str]] = []
    try:
        text = metadata_file.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=YAML_LOADER) or {}
    except (OSError, UnicodeDecodeError) as error:
        data, text = {}, ""
        problems.append((1, f"cannot read the file: {error}"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        data, text = {}, ""
        problems.append(((mark.line + 1) if mark else 1, f"not valid YAML ({getattr(error, 'problem', error)})"))
    if not isinstance(data, dict):
        problems.append((1, "write the record as 'key: value' lines"))
        data = {}
    lines = _key_lines(text)
    for key in REQUIRED:
        if not data.get(key):
            problems.append((1, f"'{key}' is required — add a line '{key}: ...'"))
    for key in data:
        if key not in KNOWN:
            problems.append((lines.get(key, 1), f"unknown field '{key}' (known: {', '.join(KNOWN)})"))

    def texts(key):
        value = data.get(key) or {}
        if isinstance(value, str):
            problems.append((lines.get(key, 1), f"'{key}' must give one text per language, e.g. '{key}: {{vi: ...}}'"))
            return {}
        return {str(code): str(text or "").strip() for code, text in value.items()}

    date = data.get("date")
    return PhotoRecord(
        id=photo_id,
        metadata_file=metadata_file,
        original=original,
        alt=texts("alt"),
        caption=texts("caption"),
        credit=str(data.get("credit") or "").strip(),
        licence=str(data.get("licence") or "").strip(),
        date=date.isoformat() if isinstance(date, (dt.date, dt.datetime)) else (str(date) if date else None),
        place=str(data["place"]) if data.get("place") else None,
        illustrative=bool(data.get("illustrative", False)),
        problems=problems,
    )


def load_records(photos_dir: Path) -> dict[str, PhotoRecord]:
    if not photos_dir.is_dir():
        return {}
    return {path.stem: load_record(path)
            for path in sorted(photos_dir.glob("*.yml")) + sorted(photos_dir.glob("*.yaml"))}


METADATA_SUFFIXES = (".yml", ".yaml")


def originals(photos_dir: Path) -> dict[str, Path]:
    """Every file in the photos folder that is not a metadata record (nor hidden): the
    pipeline reports those of an unsupported format instead of silently skipping them."""
    if not photos_dir.is_dir():
        return {}
    return {path.stem: path for path in sorted(photos_dir.iterdir())
            if (path.is_file() or path.is_symlink()) and not path.name.startswith(".")
            and path.suffix.lower() not in METADATA_SUFFIXES and path.name.lower() != "readme.md"}
