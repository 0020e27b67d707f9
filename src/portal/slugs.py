"""ASCII slugs for heading anchors and file names.

Markdown's default slugifier keeps Vietnamese letters (``đất-mũi``) and drops Khmer
entirely; python-slugify transliterates to stable ASCII (``đ`` becomes ``d``), so
``/en/invest/#industrial-zones`` style links survive copy and paste everywhere.
"""

from __future__ import annotations

import unicodedata

from slugify import slugify


def ascii_slug(text: str, separator: str = "-") -> str:
    return slugify(unicodedata.normalize("NFC", text), separator=separator)


def heading_slug(value: str, separator: str) -> str:
    """Signature expected by Markdown's ``toc`` extension (``slugify`` option)."""
    return ascii_slug(value, separator) or "section"
