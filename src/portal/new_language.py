"""Scaffold a language's interface strings: ``python -m portal.new_language LANG``
(``scripts/new_language.py LANG`` in the portal's own tree).

Into the province's theme folder (``theme.custom_dir``; ``overrides`` is created and
named in ``mkdocs.yml`` when it has none) it writes what the build and the translation
report need for a language:

- ``partials/languages/LANG.html`` when Material ships no interface strings for it (as
  with Khmer): ``language`` and ``direction`` set, every other key of Material's English
  file with an empty text to fill, the English texts listed in its comment. Readers see
  English for an empty key (Material falls back to its English file) and the
  translation report counts it missing until a translator writes it.
- ``strings.yml``: each of the portal's own texts with ``LANG: ""`` to fill beside the
  source language's text. An empty text falls back to the source language in the built
  site and counts as missing in the report.

Nothing is overwritten: keys the province's files already have are left as they are.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from .atomic import atomic_write_text
from .site import SiteConfigError, load_site
from .ui_strings import (MATERIAL_LANGUAGES, STRINGS_FILE, language_partial, load_portal_strings,
                         parse_language_partial)

DEFAULT_THEME_FOLDER = "overrides"
_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def text_direction(code: str) -> str:
    """``ltr`` or ``rtl`` from CLDR (Babel), ``ltr`` for a code CLDR does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        return "rtl" if Locale.parse(code.replace("-", "_")).character_order == "right-to-left" else "ltr"
    except (UnknownLocaleError, ValueError):
        return "ltr"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def language_partial_text(code: str, english: dict[str, str]) -> str:
    keys = [key for key in english if key not in ("language", "direction")]
    lines = [
        "{#-",
        f"  Interface strings of Material for MkDocs in '{code}', scaffolded by",
        f"  `python -m portal.new_language {code}`: Material ships none for this language.",
        "  Every empty text below is to translate; until it is written, readers see",
        "  Material's English text and the translation report (scripts/check_translations.py)",
        "  counts the key as missing. Material's English texts, to translate from:",
        *(f"    {key} = {english[key]}" for key in keys),
        "-#}",
        "{% macro t(key) %}{{ {",
        f'  "language": {_quoted(code)},',
        f'  "direction": {_quoted(text_direction(code))},',
        *(f'  "{key}": "",' for key in keys),
        "}[key] }}{% endmacro %}",
    ]
    return "\n".join(lines) + "\n"


def strings_block(code: str, strings: dict[str, dict[str, str]], source: str, present: set[str]) -> str:
    """YAML for the portal's own texts ``code`` lacks: the source language's text (so the
    translation report sees a field of this site's languages and counts ``code`` missing)
    and ``code`` empty, to fill."""
    blocks = []
    for key, texts in strings.items():
        if key in present:
            continue
        model = texts.get(source) or texts.get("en") or next(iter(texts.values()), "")
        blocks.append(f"{key}:\n  {source}: {_yaml_text(str(model))}\n  {code}: \"\"  # to translate\n")
    return "\n".join(blocks)


def _yaml_text(text: str) -> str:
    return yaml.safe_dump(text, allow_unicode=True, default_style='"', width=10_000).strip()


def _add_custom_dir(config_file: Path, folder: str) -> bool:
    """Name ``folder`` as theme.custom_dir in mkdocs.yml (right under ``theme:``)."""
    text = config_file.read_text(encoding="utf-8")
    match = re.search(r"^theme:[ \t]*\n([ \t]+)", text, re.MULTILINE)
    if not match:
        return False
    indent = match.group(1)
    insert = f"{indent}# The province's own theme files (they override the portal plugin's).\n" \
             f"{indent}custom_dir: {folder}\n"
    atomic_write_text(config_file, text[:match.start(1)] + insert + text[match.start(1):])
    return True


def scaffold(config_file: Path, code: str) -> list[str]:
    """Write the language's files; returns what was done, one line each."""
    site = load_site(config_file)
    root = config_file.resolve().parent
    done = []
    custom_dir = site.config.theme.custom_dir
    if custom_dir:
        theme_dir = Path(custom_dir)
    else:
        theme_dir = root / DEFAULT_THEME_FOLDER
        if not _add_custom_dir(config_file, DEFAULT_THEME_FOLDER):
            raise SiteConfigError(f"{config_file}: no 'theme:' block to add 'custom_dir: "
                                  f"{DEFAULT_THEME_FOLDER}' to — add it, then run this again")
        done.append(f"{config_file.name}: theme.custom_dir: {DEFAULT_THEME_FOLDER}")
    theme_dir.mkdir(parents=True, exist_ok=True)
    if language_partial(code, theme_dir) is None:
        partial = theme_dir / "partials" / "languages" / f"{code}.html"
        partial.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(partial, language_partial_text(code, parse_language_partial(MATERIAL_LANGUAGES / "en.html")))
        done.append(f"{_shown(partial, root)}: Material's interface keys, English texts to translate")
    province_strings = theme_dir / STRINGS_FILE
    in_file: set[str] = set()
    with_language: set[str] = set()
    if province_strings.is_file():
        existing = province_strings.read_text(encoding="utf-8")
        data = yaml.safe_load(existing) or {}
        in_file = set(data)
        with_language = {key for key, texts in data.items() if isinstance(texts, dict) and code in texts}
    else:
        existing = ("# This province's interface texts: they add to, or replace, the portal's own\n"
                    "# (portal/theme/strings.yml), key by key and language by language. Each empty\n"
                    "# text is to translate from the one beside it.\n")
    portal_strings = load_portal_strings(None)
    already = {key for key, texts in portal_strings.items() if texts.get(code)} | in_file
    block = strings_block(code, portal_strings, site.default_language.code, already)
    for key in sorted(in_file - with_language - {key for key, texts in portal_strings.items() if texts.get(code)}):
        if key in portal_strings:
            done.append(f"{_shown(province_strings, root)}: '{key}' is there already — add '{code}: ...' to it")
    if block:
        atomic_write_text(province_strings, existing.rstrip("\n") + "\n\n" + block)
        done.append(f"{_shown(province_strings, root)}: {block.count(chr(10) + '  ' + code + ':')} "
                    f"portal texts in '{code}' to fill")
    return done


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="new_language", description="Scaffold a language's interface strings for a province.")
    parser.add_argument("language", help="the language code, as in mkdocs.yml's i18n languages (e.g. lo)")
    parser.add_argument("--config", default="mkdocs.yml", type=Path, help="the province's mkdocs.yml")
    args = parser.parse_args(argv)
    if not _CODE.match(args.language):
        print(f"new_language: '{args.language}' is not a language code (like lo, km or pt-BR)", file=sys.stderr)
        return 2
    try:
        done = scaffold(args.config, args.language)
    except SiteConfigError as error:
        print(f"new_language: {error}", file=sys.stderr)
        return 1
    for line in done or [f"'{args.language}' already has its interface strings: nothing to do"]:
        print(line)
    if done:
        print("Then: translate the texts marked 'to translate' and build (mkdocs build --strict).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
