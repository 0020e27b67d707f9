"""scripts/new_page.py: create a page (and its translations) with a readable file name,
prefilled front matter and its navigation entry."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

from . import markdown_sections, translations
from .atomic import atomic_write_text
from .site import SiteConfigError, load_site
from .slugs import ascii_slug

NEWS_SECTION = "news"


def unique_path(folder: Path, slug: str) -> Path:
    """``slug.md``, or ``slug-2.md``... when a page (in any language) already has the name."""
    number = 1
    while True:
        name = slug if number == 1 else f"{slug}-{number}"
        if not any(folder.glob(f"{name}.md")) and not any(folder.glob(f"{name}.*.md")):
            return folder / f"{name}.md"
        number += 1


def source_text(title: str, today: dt.date) -> str:
    return (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndescription: \"\"\n"
            f"date: {today.isoformat()}\nimage: \"\"\n---\n\n# {title}\n\n")


def translation_text(source: str) -> str:
    """The source's headings, to be translated, with an empty title and description."""
    headings = [line for line in markdown_sections.strip_front_matter(source)[0].split("\n")
                if re.match(r"^#{2,6}\s", line)]
    body = "\n\n".join(["# "] + headings) + "\n"
    return "---\ntitle: \"\"\ndescription: \"\"\n---\n\n" + body


def add_to_nav(config_file: Path, section_title: str, entry: str) -> bool:
    """Append ``entry`` to the section's explicit page list in mkdocs.yml (text edit, so
    comments and layout stay). False when the section lists no pages explicitly."""
    lines = config_file.read_text(encoding="utf-8").split("\n")
    try:
        start = next(i for i, line in enumerate(lines)
                     if re.match(rf"^\s*-\s+{re.escape(section_title)}:\s*$", line))
    except StopIteration:
        return False
    indent = len(lines[start]) - len(lines[start].lstrip())
    last = start
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        if line.strip().startswith("- "):
            last = index
    if last == start:
        return False
    item_indent = lines[last][: len(lines[last]) - len(lines[last].lstrip())]
    lines.insert(last + 1, f"{item_indent}- {entry}")
    atomic_write_text(config_file, "\n".join(lines))
    return True


def main(argv: list[str] | None = None, today: dt.date | None = None) -> int:
    parser = argparse.ArgumentParser(prog="new_page.py", description="Create a page in a section.")
    parser.add_argument("section", help="the section's folder, e.g. land, festivals, news")
    parser.add_argument("title", help="the page's title in the source language")
    parser.add_argument("--translations", nargs="*", default=[], metavar="LANG",
                        help="also create translation files for these languages, pinned to the new source")
    parser.add_argument("--config", default="mkdocs.yml")
    args = parser.parse_args(argv)
    today = today or dt.date.today()
    try:
        site = load_site(args.config)
    except SiteConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    sections = {section.slug: section for section in site.sections}
    if args.section not in sections:
        print(f"error: unknown section '{args.section}' — use one of: {', '.join(sections)}", file=sys.stderr)
        return 2
    targets = [code for code in site.codes if code != site.default_language.code]
    unknown = [code for code in args.translations if code not in targets]
    if unknown:
        print(f"error: --translations takes {', '.join(targets)}; not {', '.join(unknown)}", file=sys.stderr)
        return 2
    slug = ascii_slug(args.title)
    if not slug:
        print("error: the title gives no usable file name — add some letters", file=sys.stderr)
        return 2
    folder = site.docs_dir / args.section
    path = unique_path(folder, slug)
    text = source_text(args.title, today)
    atomic_write_text(path, text)
    created = [path]
    relative = path.relative_to(site.docs_dir).as_posix()
    for language in args.translations:
        translation = translations.translation_path(site.docs_dir, relative, language)
        atomic_write_text(translation, translations.with_record(
            translation_text(text), markdown_sections.section_fingerprints(text)))
        created.append(translation)
    in_nav = add_to_nav(Path(site.config.config_file_path), sections[args.section].titles[site.default_language.code],
                        relative)
    root = Path(site.config.config_file_path).parent
    for item in created:
        print(f"created {item.relative_to(root)}")
    if in_nav:
        print(f"added {relative} to the '{args.section}' section's navigation in mkdocs.yml")
    print("Next:")
    print(f"  1. write the description (one sentence, at most 200 characters) and the text of {path.relative_to(root)}")
    if args.translations:
        print("  2. translate the title, description and text of each translation file")
    print("  3. preview with: scripts/dev.sh serve    then check with: make check")
    return 0
