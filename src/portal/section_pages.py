"""Pages an editor adds (in the web editor or by hand) appear in their section's
navigation without anyone editing ``nav:`` — without this, a page missing from ``nav``
aborts the strict build (``validation.nav.omitted_files: warn``).

The build completes ``nav`` when the configuration is loaded: each section (a titled
top-level entry whose pages live in ``docs/<slug>/``) gets the source-language pages of
its folder that ``nav`` does not list yet, after the ones it lists, by file name (news
file names carry their year, so they group by subject and year). ``mkdocs.yml`` lists
only what needs a place of its own; the news section lists just its index page.
Translations (``page.en.md``) follow their source page, as mkdocs-static-i18n does.
"""

from __future__ import annotations

from pathlib import Path


def _listed(entry, found: set[str]) -> set[str]:
    if isinstance(entry, str):
        found.add(entry)
    elif isinstance(entry, dict):
        for value in entry.values():
            _listed(value, found)
    elif isinstance(entry, list):
        for item in entry:
            _listed(item, found)
    return found


def _is_translation(path: Path, languages: set[str]) -> bool:
    parts = path.name.split(".")
    return len(parts) >= 3 and parts[-2] in languages


def complete_nav(nav: list, docs_dir: Path, languages: list[str], source: str) -> list:
    """``nav`` with each section's unlisted source pages added (a new list; nav untouched)."""
    listed = _listed(nav, set())
    others = set(languages) - {source}
    completed = []
    for entry in nav:
        if isinstance(entry, dict) and len(entry) == 1:
            (title, target), = entry.items()
            if isinstance(target, list) and target and isinstance(target[0], str) and "/" in target[0]:
                folder = target[0].split("/", 1)[0]
                found = sorted(
                    path.relative_to(docs_dir).as_posix() for path in (docs_dir / folder).glob("*.md")
                    if not _is_translation(path, others))
                new = [page for page in found if page not in listed]
                if new:
                    entry = {title: [*target, *new]}
        completed.append(entry)
    return completed
