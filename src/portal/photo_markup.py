"""Editors write ``![](photo:mui-ca-mau)`` on a line of its own; the build turns it into a
responsive <figure> with AVIF and WebP sources, a JPEG fallback, alt text in the page's
language and a caption with the credit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from .markdown_sections import scan
from .photos import PhotoRecord

PHOTO_REFERENCE = re.compile(r"!\[([^\]]*)\]\(photo:([^)\s]*)\)")
PUBLIC_FOLDER = "assets/photos/"
# Material's content column is at most about 46rem wide; on phones a photo fills the width.
SIZES = "(min-width: 76.25em) 46rem, 100vw"
MIME = {"avif": "image/avif", "webp": "image/webp"}


@dataclass(frozen=True)
class Reference:
    line: int
    column: int
    photo_id: str
    alone: bool  # on a line of its own


def references(markdown: str, first_line: int = 1) -> list[Reference]:
    found = []
    for line in scan(markdown, first_line):
        if line.in_code:
            continue
        for match in PHOTO_REFERENCE.finditer(line.text):
            found.append(Reference(line.number, match.start() + 1, match.group(2),
                                   line.text.strip() == match.group(0)))
    return found


def srcset(outputs: list[dict], image_format: str, url) -> str:
    chosen = sorted((o for o in outputs if o["format"] == image_format), key=lambda o: o["width"])
    return ", ".join(f"{url(o['file'])} {o['width']}w" for o in chosen)


def largest_jpeg(entry: dict) -> dict:
    """The photo's one JPEG: the fallback for old browsers and the "full image" link."""
    return max((o for o in entry["outputs"].values() if o["format"] == "jpeg"), key=lambda o: o["width"])


def picture_html(record: PhotoRecord, entry: dict, language: str, source_language: str,
                 eager: bool, url, sizes: str = SIZES) -> str:
    """The <picture> alone (AVIF, then WebP, then the sized JPEG <img>): for figures,
    cards and galleries, which each lay out their own caption and credit."""
    outputs = list(entry["outputs"].values())
    fallback = largest_jpeg(entry)
    alt, alt_language = record.text("alt", language, source_language)
    sources = "".join(
        f'<source type="{MIME[fmt]}" srcset="{escape(srcset(outputs, fmt, url))}" sizes="{sizes}">'
        for fmt in ("avif", "webp") if any(o["format"] == fmt for o in outputs))
    loading = 'loading="eager" fetchpriority="high"' if eager else 'loading="lazy"'
    alt_attributes = f' lang="{escape(alt_language)}"' if alt_language != language else ""
    image = (f'<img src="{escape(url(fallback["file"]))}" width="{fallback["width"]}" '
             f'height="{fallback["height"]}" alt="{escape(alt)}"{alt_attributes} {loading} decoding="async">')
    return f"<picture>{sources}{image}</picture>"


def figure_html(record: PhotoRecord, entry: dict, language: str, source_language: str,
                eager: bool, url, texts) -> str:
    """``entry``: the photo's manifest entry; ``url(file)``: link to a rendition from the
    page; ``texts(key, **values)``: interface text in the page's language."""
    picture = picture_html(record, entry, language, source_language, eager, url)
    return (f'<figure class="portal-photo">{picture}'
            f'<figcaption>{caption_html(record, language, source_language, texts)}</figcaption></figure>')


def caption_html(record: PhotoRecord, language: str, source_language: str, texts) -> str:
    """Caption, "illustrative photo" where it is one, and the credit with its licence."""
    caption, caption_language = record.text("caption", language, source_language)
    credit = texts("photo_credit", credit=record.credit, licence=record.licence)
    parts = []
    if caption:
        lang = f' lang="{escape(caption_language)}"' if caption_language != language else ""
        parts.append(f'<span class="portal-photo__caption"{lang}>{escape(caption)}</span>')
    if record.illustrative:
        parts.append(f'<span class="portal-photo__illustrative">{escape(texts("photo_illustrative"))}</span>')
    parts.append(f'<span class="portal-photo__credit">{escape(credit)}</span>')
    return " ".join(parts)
