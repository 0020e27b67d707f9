"""Start a province: ``python -m portal.new_province DIR --languages vi,en --default vi
--name "..."`` (``scripts/new_province.py`` in the portal's own tree).

Writes a folder that builds strictly at once with the portal plugin: ``mkdocs.yml``, a
home page and one page per section in each language, the data files (``content/``)
each with one commented example record, and a README of what to fill in first.

Nothing in it is a fact about the province. Every text the script cannot know is
written as "to be written" / "to fill", visibly so in the built site, and marked
``TO FILL`` in the files; the address of the official portal is a reserved
``.invalid`` name. Section titles and the sentence "This page is yet to be written" are
given in the languages listed in :data:`STARTER_TEXTS`; in any other language the
English is written with a ``TO TRANSLATE`` mark. Language names come from CLDR (Babel).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

SECTIONS = ("land", "people", "festivals", "products", "news", "about")
DATA_FILES = ("festivals", "products", "places", "indicators")
PORTAL_ADDRESS = "https://official-portal.to-fill.invalid/"

# The starter's own words. Khmer section titles are the real portal's (its mkdocs.yml).
STARTER_TEXTS = {
    "vi": {"home": "Trang chủ", "land": "Vùng đất", "people": "Con người", "festivals": "Lễ hội",
           "products": "Sản phẩm", "news": "Tin tức", "about": "Giới thiệu",
           "unwritten": "Trang này chưa được viết.", "page_note": "trang chưa được viết",
           "publisher": "(cần điền: cơ quan chủ quản)"},
    "en": {"home": "Home", "land": "Land", "people": "People", "festivals": "Festivals",
           "products": "Products", "news": "News", "about": "About",
           "unwritten": "This page is yet to be written.", "page_note": "page yet to be written",
           "publisher": "(to fill: the publishing authority)"},
    "km": {"home": "ទំព័រដើម", "land": "ទឹកដី", "people": "ប្រជាជន", "festivals": "ពិធីបុណ្យ",
           "products": "ផលិតផល", "news": "ព័ត៌មាន", "about": "អំពីយើង",
           "unwritten": "ទំព័រនេះមិនទាន់បានសរសេរនៅឡើយទេ។", "page_note": "ទំព័រមិនទាន់បានសរសេរ"},
}

EXAMPLES = {
    "festivals": """\
  # - id: festival-id                 # TO FILL: a short ascii name, also the page's address
  #   name: {LANGS}
  #   summary: {LANGS}
  #   date: {calendar: gregorian, month: 1, day: 1, days: 1, source: "TO FILL: who says so, when"}
""",
    "products": """\
  # - id: product-id
  #   name: {LANGS}
  #   kind: {LANGS}
  #   certificate: {LANGS}
  #   source: "TO FILL: the decision or register, and its date"
""",
    "places": """\
  # - id: place-id
  #   page: land/index.md              # the page that describes it
  #   name: {LANGS}
  #   description: {LANGS}
  #   latitude: 0.0                    # TO FILL, with its source
  #   longitude: 0.0
  #   source: "TO FILL: where the facts come from"
""",
    "indicators": """\
  # - id: area
  #   label: {LANGS}
  #   value: 0                         # TO FILL: the figure, as published
  #   unit: {LANGS}
  #   year: 2025
  #   source: {title: "TO FILL: the publication", kind: official-text, date: 2025-01-01}
""",
}


def language_name(code: str) -> str:
    """The language's own name for itself (CLDR), or the code if CLDR has none."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:] if name else code


def _text(code: str, key: str) -> tuple[str, bool]:
    """(text, is it in ``code``): the starter's wording, English where it has none."""
    own = STARTER_TEXTS.get(code, {})
    if key in own:
        return own[key], True
    return STARTER_TEXTS["en"][key], False


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _uncovered_scripts(languages: list[str]) -> list[str]:
    from .font_coverage import theme_css_files, uncovered_languages
    from .ui_strings import PORTAL_THEME

    found = uncovered_languages(languages, theme_css_files([PORTAL_THEME], Path("."), []))
    return list(dict.fromkeys(item.script for item in found))


def page_file(section: str | None, code: str, default: str) -> str:
    folder = f"{section}/" if section else ""
    return f"{folder}index.md" if code == default else f"{folder}index.{code}.md"


def page_text(section: str | None, code: str, name: str) -> str:
    title, title_own = _text(code, section or "home")
    if section is None:
        title, title_own = name, True
    note, note_own = _text(code, "page_note")
    body, body_own = _text(code, "unwritten")
    own = title_own and note_own and body_own
    lines = ["---",
             "# TO FILL: this page's title and description (search engines and social cards show",
             "# them), then its text." + ("" if own else f" TO TRANSLATE into '{code}': written in English."),
             f"title: {_yaml_string(title)}",
             f"description: {_yaml_string(f'{name} — {note}' if section is None else f'{title} — {name} ({note})')}"]
    if section is None:
        lines += ["template: home.html", "hide: [navigation, toc]"]
    # The home page's title is its hero's heading (portal/theme/home.html): no second one.
    lines += ["---", ""] + ([] if section is None else [f"# {title}", ""]) + [body, ""]
    return "\n".join(lines)


def config_text(name: str, languages: list[str], default: str) -> str:
    others = [code for code in languages if code != default]
    nav_titles = {section: _text(default, section)[0] for section in ("home", *SECTIONS)}
    lines = [
        f"# {name}: a province of the portal (the MkDocs plugin `portal`). Written by",
        "# new_province; README.md says what to fill in first. TO FILL marks what only the",
        "# province can say; nothing here is yet a fact about it.",
        f"site_name: {_yaml_string(name)}",
        f"site_description: {_yaml_string(name + ' — ' + _text(default, 'page_note')[0])}  # TO FILL",
        'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]',
        "docs_dir: docs",
        "# The data and the province's theme files change the pages too: `mkdocs serve` reloads on them.",
        "watch: [content, overrides]",
        "",
        "theme:",
        "  name: material",
        "  # This province's own theme files: any file of the portal's theme given here again",
        "  # (a template, partials/languages/<code>.html, strings.yml) overrides the portal's.",
        "  custom_dir: overrides",
        f"  language: {default}",
        "  # The portal self-hosts its fonts.",
        "  font: false",
        "  features: [navigation.tabs, navigation.indexes, navigation.top, navigation.footer,",
        "             search.suggest, search.highlight, toc.follow, announce.dismiss]",
        "",
        "markdown_extensions:",
        "  - abbr", "  - admonition", "  - attr_list", "  - def_list", "  - footnotes", "  - md_in_html",
        "  - tables",
        "  - toc:",
        "      permalink: true",
        "      slugify: !!python/name:portal.slugs.heading_slug",
        "",
        "plugins:",
        "  - search",
        "  - i18n:",
        "      docs_structure: suffix",
        "      fallback_to_default: true",
        "      reconfigure_material: true",
        "      reconfigure_search: false",
        "      languages:",
        f"        - locale: {default}",
        "          default: true",
        f"          name: {_yaml_string(language_name(default))}",
        "          build: true",
    ]
    for code in others:
        lines += [f"        - locale: {code}",
                  f"          name: {_yaml_string(language_name(code))}",
                  "          build: true",
                  f"          site_name: {_yaml_string(name)}  # TO FILL: the name in '{code}'",
                  "          nav_translations:"]
        for section, title in nav_titles.items():
            text, own = _text(code, section)
            mark = "" if own else f"  # TO TRANSLATE into '{code}'"
            lines.append(f"            {_yaml_string(title)}: {_yaml_string(text)}{mark}")
    lines += ["  # The portal itself: its theme, pages from data, photos, news, search per language."]
    uncovered = _uncovered_scripts(languages)
    if uncovered:
        lines += ["  - portal:",
                  "      # TO FILL: no self-hosted font of the portal covers these scripts, and readers'",
                  "      # system fonts draw them. Self-host a font (an @font-face with its unicode-range in",
                  "      # a stylesheet under overrides/, named in extra_css) and remove its script here.",
                  f"      system_font_scripts: [{', '.join(uncovered)}]"]
    else:
        lines += ["  - portal"]
    lines += ["", "nav:", f"  - {_yaml_string(nav_titles['home'])}: index.md"]
    for section in SECTIONS:
        lines += [f"  - {_yaml_string(nav_titles[section])}:", f"      - {section}/index.md"]
    lines += ["", "extra:", "  province:", "    name:"]
    lines += [f"      {code}: {_yaml_string(name)}" for code in languages]
    lines += ["    # TO FILL: who publishes the site, in each language.", "    publisher:"]
    lines += [f"      {code}: {_yaml_string(_text(code, 'publisher')[0])}" for code in languages]
    lines += ["    # TO FILL: the province's official portal (the .invalid name is a placeholder).",
              f"    official_portal: {PORTAL_ADDRESS}", ""]
    return "\n".join(lines)


def data_text(kind: str, languages: list[str]) -> str:
    langs = "{" + ", ".join(f"{code}: TO FILL" for code in languages) + "}"
    return (f"# {kind.capitalize()} of the province, one record each (README.md of the portal, and the\n"
            "# portal's own content/ files, show every field). Each figure or date carries its\n"
            "# source. The example below is commented out: copy it, fill it, remove the '#'.\n"
            f"{kind}:\n" + EXAMPLES[kind].replace("{LANGS}", langs) + "  []\n")


def readme_text(name: str, languages: list[str], default: str) -> str:
    return f"""# {name}

A province of the portal, started by `new_province` (languages: {', '.join(languages)};
default: {default}). It builds as it is, and shows "to be written" everywhere:
nothing in it is a fact yet. Fill in first, in this order:

1. `mkdocs.yml`, `extra.province`: the publisher in each language and the address of
   the official portal (the `.invalid` placeholder), then `site_description` and each
   language's `site_name`. Every `TO FILL` and `TO TRANSLATE` mark says what is missing.
2. `docs/index*.md`: the home page's title, description and one line of invitation.
3. One page per section and language under `docs/`: title, description, text — each
   figure with its source. A page left out in a language shows the default language's
   page with a notice.
4. `content/*.yml`: festivals, products, places and key figures, one record each to
   start with (the commented example shows the fields).

Build: `mkdocs build --strict` (or `mkdocs serve` to preview). A language that Material
for MkDocs has no interface texts for: `python -m portal.new_language CODE`.
"""


def write_province(folder: Path, languages: list[str], default: str, name: str) -> list[Path]:
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder}: not empty — choose a new folder (nothing was written)")
    written = []

    def write(relative: str, text: str) -> None:
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    write("mkdocs.yml", config_text(name, languages, default))
    write("README.md", readme_text(name, languages, default))
    for section in (None, *SECTIONS):
        for code in languages:
            write("docs/" + page_file(section, code, default), page_text(section, code, name))
    for kind in DATA_FILES:
        write(f"content/{kind}.yml", data_text(kind, languages))
    (folder / "overrides").mkdir(parents=True, exist_ok=True)
    write("overrides/README.md", "Theme files of this province: a file here overrides the portal's "
                                 "file of the same path (templates, partials/languages/, strings.yml).\n")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="new_province", description="Start a province of the portal.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--languages", required=True, help="language codes, comma-separated: vi,en,km")
    parser.add_argument("--default", required=True, help="the source language, one of --languages")
    parser.add_argument("--name", required=True, help="the province's name in the default language")
    args = parser.parse_args(argv)
    languages = [code.strip() for code in args.languages.split(",") if code.strip()]
    problems = [f"'{code}' is not a language code" for code in languages
                if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", code)]
    if args.default not in languages:
        problems.append(f"--default {args.default} is not in --languages {','.join(languages)}")
    if len(set(languages)) != len(languages):
        problems.append("--languages names a language twice")
    if not args.name.strip():
        problems.append("--name is empty")
    if problems:
        print("new_province: " + "; ".join(problems), file=sys.stderr)
        return 2
    languages = [args.default] + [code for code in languages if code != args.default]
    try:
        written = write_province(args.folder, languages, args.default, args.name.strip())
    except FileExistsError as error:
        print(f"new_province: {error}", file=sys.stderr)
        return 1
    print(f"{args.folder}: {len(written)} files written; read {args.folder / 'README.md'} first")
    from .ui_strings import language_partial

    for code in languages:
        if language_partial(code, args.folder / "overrides") is None:
            print(f"'{code}': Material has no interface texts for it — run: "
                  f"python -m portal.new_language {code} --config {args.folder / 'mkdocs.yml'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
