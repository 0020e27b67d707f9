"""Interface strings: Material's per-language partials and the portal's own strings.

Material keeps its interface text in ``partials/languages/<code>.html`` (a Jinja macro
holding a dict); a theme override shadows Material's file. The portal's own texts
(notices, labels of the translation page...) live in ``strings.yml`` as multilingual
fields, like every other data file.

The portal plugin (portal.plugin) ships its theme folder, ``src/portal/theme/``, and
puts it on the theme's search path after the province's own ``custom_dir``: a
province's file of the same name wins, as in any MkDocs theme override, and a
province's ``strings.yml`` adds or replaces single texts of the portal's.
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
PORTAL_THEME = Path(__file__).resolve().parent / "theme"


def province_theme_dir(config) -> Path | None:
    """The province's own theme folder (``theme.custom_dir``), if it has one."""
    return Path(config.theme.custom_dir) if config.theme.custom_dir else None


def theme_folders(custom_dir: Path | None) -> list[Path]:
    """The portal's theme folders in the order MkDocs searches them: the province's
    ``custom_dir`` first, then the plugin's own (Material's come after both)."""
    folders = [Path(custom_dir)] if custom_dir else []
    return folders + ([PORTAL_THEME] if PORTAL_THEME not in folders else [])


def parse_language_partial(path: Path) -> dict[str, str]:
    return dict(_ENTRY.findall(path.read_text(encoding="utf-8")))


def language_partial(code: str, custom_dir: Path | None) -> Path | None:
    """The file Material will use for ``code``: the overrides first, then Material's own."""
    for folder in [folder / "partials" / "languages" for folder in theme_folders(custom_dir)] + [MATERIAL_LANGUAGES]:
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


def strings_files(custom_dir: Path | None) -> list[Path]:
    """The ``strings.yml`` files that exist, the plugin's first, the province's last."""
    return [path for path in (folder / STRINGS_FILE for folder in reversed(theme_folders(custom_dir)))
            if path.is_file()]


def load_portal_strings(custom_dir: Path | None) -> dict[str, dict[str, str]]:
    """The portal's strings, a province's own texts (in its ``custom_dir``) over the
    plugin's; each file parsed once per version (hooks ask per page)."""
    merged: dict[str, dict[str, str]] = {}
    for path in strings_files(custom_dir):
        stat = path.stat()
        for key, texts in _parse_strings(str(path), stat.st_mtime_ns, stat.st_size).items():
            merged[key] = {**merged.get(key, {}), **texts}
    return merged


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

    strings = load_portal_strings(province_theme_dir(config))
    language = language or config.theme["language"]
    fallbacks = (site_languages(config)[0].code,)

    def texts(key: str, **values) -> str:
        text = pick(strings.get(key, {}), language, fallbacks) or key
        return text.format(**values) if values else text

    return texts
