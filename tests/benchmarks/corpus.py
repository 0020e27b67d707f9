"""A synthetic but realistic corpus for benchmarks: Vietnamese source pages of about 600
words with headings, a table, a list and an admonition, plus English and Khmer
translations. Sentences are drawn (deterministically) from the portal's own pages, so
the text has real Vietnamese diacritics and real unspaced Khmer."""

from __future__ import annotations

import random
import re
from pathlib import Path

from portal import markdown_sections, translations

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ("land", "people", "festivals", "products", "invest", "news", "press", "about")
SENTENCE = re.compile(r"[^.!?។\n]+[.!?។]")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # keep a link's words: a split link breaks a strict build


def sentences(suffix: str) -> list[str]:
    found = []
    for path in sorted((ROOT / "docs").rglob(f"*{suffix}.md")):
        if suffix == "" and path.stem.count(".") > 0:
            continue
        body, _ = markdown_sections.strip_front_matter(path.read_text(encoding="utf-8"))
        for line in body.splitlines():
            if line.startswith(("#", "|", "-", "<", "!")):
                continue
            found.extend(match.group(0).strip() for match in SENTENCE.finditer(LINK.sub(r"\1", line)))
    return [s for s in found if len(s.split()) > 3 or suffix == ".km"]


def paragraph(pool: list[str], rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(pool) for _ in range(count))


def page(pool: list[str], rng: random.Random, title: str, heading_words: list[str]) -> str:
    parts = [f"# {title}", "", paragraph(pool, rng, 6), ""]
    for number, word in enumerate(heading_words, start=1):
        parts += [f"## {word} {number}", "", paragraph(pool, rng, 7), ""]
        if number == 1:
            parts += ["| A | B | C |", "|---|---|---|",
                      *(f"| {rng.choice(pool)[:30]} | {rng.randint(1, 9999)} | {2020 + number} |" for _ in range(4)), ""]
        if number == 2:
            parts += [f"- {rng.choice(pool)}" for _ in range(4)] + [""]
        if number == 3:
            parts += ['!!! note ""', "", f"    {rng.choice(pool)}", ""]
    return "\n".join(parts)


def generate(docs_dir: Path, source_pages: int, languages=("en", "km"), seed: int = 7,
             mark: bool = True) -> None:
    """Write ``source_pages`` Vietnamese pages and their translations under ``docs_dir``."""
    rng = random.Random(seed)
    pools = {"vi": sentences(""), "en": sentences(".en"), "km": sentences(".km")}
    words = {"vi": ["Vùng đất", "Con người", "Lễ hội", "Sản phẩm"],
             "en": ["Land", "People", "Festivals", "Products"],
             "km": ["ទឹកដី", "ប្រជាជន", "ពិធីបុណ្យ", "ផលិតផល"]}
    docs_dir.mkdir(parents=True, exist_ok=True)
    (docs_dir / "index.md").write_text("---\ntitle: Trang chủ\ndescription: Trang chủ.\n---\n# Trang chủ\n",
                                       encoding="utf-8")
    for language in languages:
        (docs_dir / f"index.{language}.md").write_text(
            "---\ntitle: Home\ndescription: Home.\n---\n# Home\n", encoding="utf-8")
    for number in range(source_pages):
        section = SECTIONS[number % len(SECTIONS)]
        folder = docs_dir / section
        folder.mkdir(exist_ok=True)
        if not (folder / "index.md").exists():
            (folder / "index.md").write_text(f"---\ntitle: {section}\ndescription: {section}.\n---\n# {section}\n",
                                             encoding="utf-8")
        source = (f"---\ntitle: Trang {number}\ndescription: Trang thử số {number}.\n---\n\n"
                  + page(pools["vi"], rng, f"Trang {number}", words["vi"]))
        (folder / f"page-{number:05d}.md").write_text(source, encoding="utf-8")
        fingerprints = markdown_sections.section_fingerprints(source)
        for language in languages:
            body = (f"---\ntitle: Page {number}\ndescription: Test page {number}.\n---\n\n"
                    + page(pools[language], rng, f"Page {number}", words[language]))
            if mark:
                body = translations.with_record(body, fingerprints)
            (folder / f"page-{number:05d}.{language}.md").write_text(body, encoding="utf-8")
