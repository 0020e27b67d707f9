"""Interface strings: Material's per-language partials and the portal's own strings.

Material keeps its interface text in ``partials/languages/<code>.html`` (a Jinja macro
holding a dict); a theme override in ``custom_dir`` shadows Material's file. The
portal's own texts (notices, labels of the translation page...) live in
``overrides/strings.yml`` as multilingual fields, like every other data file.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import material
import yaml

MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"
_ENTRY = re.compile(r'^\s*"([^"]+)":\s*"((?:[^"\\]|\\.)*)",?\s*$', re.MULTILINE)
STRINGS_FILE = "strings.yml"


def parse_language_partial(path: Path) -> dict[str, str]:
    return dict(_ENTRY.findall(path.read_text(encoding="utf-8")))


def language_partial(code: str, custom_dir: Path | None) -> Path | None:
    """The file Material will use for ``code``: the override first, then Material's own."""
    for folder in ([custom_dir / "partials" / "languages"] if custom_dir else []) + [MATERIAL_LANGUAGES]:
        path = folder / f"{code}.html"
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=None)
def material_keys() -> frozenset[str]:
    """The keys Material's English file defines: the complete set every language needs."""
    return frozenset(parse_language_partial(MATERIAL_LANGUAGES / "en.html"))


def theme_strings(code: str, custom_dir: Path | None) -> dict[str, str]:
    """Material's interface strings for a language, English filling what it lacks."""
    strings = parse_language_partial(MATERIAL_LANGUAGES / "en.html")
    path = language_partial(code, custom_dir)
    if path is not None:
        strings.update(parse_language_partial(path))
    return strings


def load_portal_strings(custom_dir: Path) -> dict[str, dict[str, str]]:
    """The portal's strings; parsed once per version of the file (hooks ask per page)."""
    path = custom_dir / STRINGS_FILE
    if not path.is_file():
        return {}
    stat = path.stat()
    return _parse_strings(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _parse_strings(path: str, mtime_ns: int, size: int) -> dict[str, dict[str, str]]:
    from .frontmatter import YAML_LOADER

    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}
    return {key: dict(value) for key, value in data.items()}


def pick(texts: dict[str, str], language: str, fallbacks: tuple[str, ...]) -> str:
    """The text in ``language``, else in the first fallback language that has one."""
    for code in (language, *fallbacks):
        if texts.get(code):
            return texts[code]
    return next(iter(texts.values()), "")


def translator(config, language: str | None = None):
    """``texts(key, **values)``: the portal's interface text in ``language`` (the language
    being built by default), falling back to the source language, placeholders filled."""
    from .site import site_languages

    strings = load_portal_strings(Path(config.theme.custom_dir))
    language = language or config.theme["language"]
    fallbacks = (site_languages(config)[0].code,)

    def texts(key: str, **values) -> str:
        text = pick(strings.get(key, {}), language, fallbacks) or key
        return text.format(**values) if values else text

    return texts
