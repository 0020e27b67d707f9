"""Records of ``content/`` (festivals, products, places) as card grids and as pages of
their own: a hero (the record's photo, else a pictogram), a facts box, a gallery when
the record has several photos, and related records.

Editors place a marker on a section page and the build fills it with the grid:
``<!-- festival-cards -->``, ``<!-- product-cards -->``, ``<!-- place-cards -->``.
A record names its photos by id (``content/photos/<id>.yml``)::

    photo: mui-ca-mau            # the card, the page's hero and its social card
    photos: [a, b, c]            # several: the first without ``photo`` is the hero,
                                 # the others make the page's gallery
    related: [tom-kho]           # optional: records shown first under "related"

The cards are Material's grid cards (``<div class="grid cards">`` around a list), each
a plain link. The HTML is written here, not as Markdown inside the marker, because a
card holds a <picture> or an inline SVG pictogram and must be one link as a whole.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable
import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path

import material
import yaml

from . import photo_markup
from .data_content import record_sources, text
from .frontmatter import YAML_LOADER, Problem
from .writing_systems import shorten

ICONS = Path(material.__file__).parent / "templates" / ".icons"
# A card is at most a third of Material's 61rem grid, a full phone width otherwise.
CARD_SIZES = "(min-width: 76.25em) 20rem, (min-width: 45em) 50vw, 100vw"
GALLERY_SIZES = "(min-width: 45em) 15rem, 50vw"
LIGHTBOX_SCRIPT = "assets/javascripts/portal-lightbox.js"
RELATED_COUNT = 3


@dataclass(frozen=True)
class Kind:
    name: str  # the data file and its list: content/<name>.yml
    marker: str  # the section pages' marker for the grid
    folder: str  # where the record pages sit (places: their section page's folder)
    icon: str  # pictogram from Material's bundled icons (material/templates/.icons/)
    summary_key: str  # the record's one-line text on its card and as its page's lead


KINDS = {
    kind.name: kind for kind in (
        Kind("festivals", "<!-- festival-cards -->", "festivals/", "material/party-popper", "summary"),
        Kind("products", "<!-- product-cards -->", "products/", "material/basket-outline", "kind"),
        Kind("places", "<!-- place-cards -->", "places/", "material/map-marker-radius-outline", "description"),
    )
}


def kinds_for(docs_dir: Path) -> dict[str, Kind]:
    """:data:`KINDS` with each kind's folder where the province put its section: the
    folder of the section page (``<folder>/index.md``, source language) holding the
    kind's card marker, so a festival section in ``le-hoi/`` gets its festival pages
    there. Without such a page, the kind keeps its usual folder."""
    sections = sorted(docs_dir.glob("*/index.md"))
    return _kinds_for(tuple((path.parent.name, str(path), path.stat().st_mtime_ns) for path in sections))


@lru_cache(maxsize=8)
def _kinds_for(sections: tuple[tuple[str, str, int], ...]) -> dict[str, Kind]:
    """``sections``: (folder, path, mtime) of each section page; the mtime makes a
    preview see a marker moved to another section."""
    texts = [(section, Path(path).read_text(encoding="utf-8")) for section, path, _ in sections]
    found = dict(KINDS)
    for name, kind in KINDS.items():
        section = next((section for section, text in texts if kind.marker in text), None)
        if section is not None:
            found[name] = dataclasses.replace(kind, folder=f"{section}/")
    return found


def folder(kind: Kind, record: dict) -> str:
    """A place described on ``land/index.md`` gets its page under ``land/``: the reader
    stays in the section the place belongs to."""
    page = record.get("page")
    if kind.name == "places" and page:
        section = posixpath.dirname(str(page))
        return f"{section}/" if section else kind.folder
    return kind.folder


RECORD_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # the file-name rule of pages (content_checks)


def id_problems(kind_name: str, source_text: str, where: str, taken: Iterable[str] = (),
                kinds: dict[str, Kind] | None = None) -> list[Problem]:
    """A problem for each record of ``content/<kind>.yml`` whose ``id`` is missing,
    not a page name (lower-case ASCII words joined by "-"), used twice, or the name of a
    page written under docs/ (``taken``: their source paths). Each would lose a page or
    put one outside its folder without a word: the build and ``make check`` refuse them."""
    try:
        root = yaml.compose(source_text, Loader=YAML_LOADER)
    except yaml.YAMLError:
        return []  # the data file's own parse error is reported where it is loaded
    items = None
    if isinstance(root, yaml.MappingNode):
        items = next((value for key, value in root.value if key.value == kind_name), None)
    if not isinstance(items, yaml.SequenceNode):
        return []
    kind, taken, seen, problems = (kinds or KINDS)[kind_name], set(taken), {}, []
    for node in items.value:
        line = node.start_mark.line + 1
        fields = {key.value: value for key, value in node.value} if isinstance(node, yaml.MappingNode) else {}
        id_node = fields.get("id")
        if not isinstance(id_node, yaml.ScalarNode) or not id_node.value:
            problems.append(Problem(where, line, node.start_mark.column + 1, "a record has no 'id'",
                                    "give it one: it is its page's name"))
            continue
        line, column, record_id = id_node.start_mark.line + 1, id_node.start_mark.column + 1, id_node.value
        if not RECORD_ID.match(record_id):
            problems.append(Problem(where, line, column, f"id '{record_id}' is not a page name",
                                    "use lower-case letters, digits and '-' (e.g. 'tom-kho')"))
        elif record_id in seen:
            problems.append(Problem(where, line, column, f"id '{record_id}' is used twice (also line {seen[record_id]})",
                                    "give each record its own id"))
        elif (page := norm_path(kind, {"id": record_id, "page": _scalar(fields.get("page"))})) in taken:
            problems.append(Problem(where, line, column, f"id '{record_id}' is the name of the page docs/{page}",
                                    "rename the record or the page"))
        seen.setdefault(record_id, line)
    return problems


def data_id_problems(content_dir: Path, taken: Iterable[str] = (),
                     kinds: dict[str, Kind] | None = None) -> list[Problem]:
    """:func:`id_problems` of every data file with records (``content/<kind>.yml``)."""
    taken = set(taken)
    problems = []
    for name in KINDS:
        path = content_dir / f"{name}.yml"
        if path.is_file():
            problems += id_problems(name, path.read_text(encoding="utf-8"),
                                    f"{content_dir.name}/{path.name}", taken, kinds)
    return problems


def _scalar(node):
    return node.value if isinstance(node, yaml.ScalarNode) else None


def norm_path(kind: Kind, record: dict) -> str:
    """The record page's source path (it has no file under docs/: the build writes it)."""
    return f"{folder(kind, record)}{record['id']}.md"


def url(kind: Kind, record: dict) -> str:
    return f"{folder(kind, record)}{record['id']}/"


def photo_ids(record: dict) -> list[str]:
    """The hero first, then the gallery's photos, each once."""
    ids = [str(record["photo"])] if record.get("photo") else []
    for photo_id in record.get("photos") or []:
        if str(photo_id) not in ids:
            ids.append(str(photo_id))
    return ids


@lru_cache(maxsize=16)
def pictogram(icon: str) -> str:
    """Material's own SVG icon, inlined and hidden from screen readers (it only decorates
    a card that has no photo); no icon font, nothing to download."""
    path = ICONS / f"{icon}.svg"
    svg = path.read_text(encoding="utf-8").strip()
    return svg.replace("<svg ", '<svg class="portal-pictogram" aria-hidden="true" focusable="false" ', 1)


# -- the record's page: Markdown with markers the build fills in (portal hook records.py)

HERO = "<!-- record-hero -->"
FACTS = "<!-- record-facts -->"
GALLERY = "<!-- record-gallery -->"
RELATED = "<!-- record-related -->"


def page_markdown(kind: Kind, record: dict, language: str, source: str, dates: str = "") -> str:
    """The page's Markdown in ``language``: its title, the lead and details text, and
    the markers of the parts that need the page's URL (photos, links). ``dates``: a
    festival's dates block (the festival calendar's, #16), shown under the lead."""
    name, _ = text(record, "name", language, source)
    lead, _ = text(record, kind.summary_key, language, source)
    details, _ = text(record, "details", language, source)
    if kind.summary_key == "kind":  # a product: what it is and what recognises it
        certificate, _ = text(record, "certificate", language, source)
        lead_for_search = ". ".join(part for part in (lead, certificate) if part)
    else:
        lead_for_search = lead
    description = shorten(lead_for_search, 200)
    front = {"title": name, "description": description or name, "record": f"{kind.name}/{record['id']}"}
    ids = photo_ids(record)
    if ids:
        front["image"] = ids[0]  # the social card's background (hook social_cards.py)
    lines = ["---", *(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in front.items()),
             "---", "", f"# {name}", "", HERO, ""]
    if lead and kind.summary_key != "kind":
        lines += [lead, ""]
    if dates:
        lines += [dates, ""]
    if details:
        lines += [details, ""]
    lines += [FACTS, "", GALLERY, "", RELATED, ""]
    return "\n".join(lines)


def facts(kind: Kind, record: dict, language: str, source: str, texts,
          more_link: tuple[str, str] | None = None, locales: dict | None = None) -> list[tuple[str, str]]:
    """(label, HTML) rows of the facts box: when (the festival's rule in words, e.g. "14th
    to 16th of the 2nd lunar month"; its computed next dates are in the dates block above),
    where, what it is, sources (each as the data gives it, with its date). ``more_link``:
    (URL, title) of the page that describes a place at length."""
    rows: list[tuple[str, str]] = []

    def add(label: str, value: str, raw: bool = False):
        if value:
            rows.append((label, value if raw else escape(value)))

    if kind.name == "festivals":
        add(texts("festival_when"), text(record, "when", language, source)[0])
        add(texts("festival_where"), text(record, "place", language, source)[0])
        add(texts("festival_heritage"), text(record, "heritage", language, source)[0])
    elif kind.name == "products":
        add(texts("product_kind"), text(record, "kind", language, source)[0])
        add(texts("product_certificate"), text(record, "certificate", language, source)[0])
    elif kind.name == "places":
        if "latitude" in record and "longitude" in record:
            add(texts("record_coordinates"), f"{float(record['latitude']):.3f}, {float(record['longitude']):.3f}")
        if more_link:
            add(texts("record_described_on"), f'<a href="{escape(more_link[0])}">{escape(more_link[1])}</a>', raw=True)
    found = record_sources(record, language, locales)  # as the products table lists them
    if found:
        items = "".join(f"<li>{escape(item)}</li>" for item in found)
        add(texts("festival_sources"), f'<ul class="portal-facts__sources">{items}</ul>', raw=True)
    return rows


def facts_html(rows: list[tuple[str, str]], texts) -> str:
    body = "".join(f"<dt>{escape(label)}</dt><dd>{value}</dd>" for label, value in rows)
    return (f'<section class="portal-facts" aria-labelledby="portal-facts-title">'
            f'<h2 id="portal-facts-title">{escape(texts("record_facts"))}</h2><dl>{body}</dl></section>')


def related(kind: Kind, record: dict, everything: dict[str, list[dict]], count: int = RELATED_COUNT,
            kinds: dict[str, Kind] | None = None) -> list[tuple[Kind, dict]]:
    """Records to read next: those the record names (``related:``), then those citing a
    source it cites (the same report covers both), then records of its kind alike in
    kind, calendar or page. Real links only: nothing is guessed from the text."""
    chosen: list[tuple[Kind, dict]] = []
    seen = {(kind.name, record["id"])}

    def take(candidates):
        for other_kind, other in candidates:
            key = (other_kind.name, other["id"])
            if key not in seen and len(chosen) < count:
                seen.add(key)
                chosen.append((other_kind, other))

    every = [((kinds or KINDS)[name], other) for name, items in everything.items() for other in items]
    named = [str(item) for item in record.get("related") or []]
    take(sorted((pair for pair in every if pair[1]["id"] in named), key=lambda pair: named.index(pair[1]["id"])))
    cited = set(record_sources(record))
    take(pair for pair in every if cited & set(record_sources(pair[1])))
    for alike in (_kind_of, _calendar_of, lambda item: item.get("page")):
        value = alike(record)
        if value:
            take((kind, other) for other in everything.get(kind.name, []) if alike(other) == value)
    return chosen


def _kind_of(record: dict):
    """A product's kind in its source language (the first one written): the same kind
    reads the same there, whatever its translations say."""
    value = record.get("kind")
    return next(iter(value.values()), None) if isinstance(value, dict) else value


def _calendar_of(record: dict):
    rule = record.get("date")
    return rule.get("calendar") if isinstance(rule, dict) else None


# -- cards and photos (``photo(id)`` gives (PhotoRecord, manifest entry) or None)

def card_html(kind: Kind, record: dict, language: str, source: str, texts, href: str, photo,
              asset_url) -> str:
    """One card: picture or pictogram, the record's name, its one-line text, and where
    the picture is illustrative, that it is and whose it is."""
    name, name_language = text(record, "name", language, source)
    summary, summary_language = text(record, kind.summary_key, language, source)
    ids = photo_ids(record)
    found = photo(ids[0]) if ids else None
    if found:
        photo_record, entry = found
        visual = ('<span class="portal-card__media">'
                  + photo_markup.picture_html(photo_record, entry, language, source, False, asset_url, CARD_SIZES)
                  + "</span>")
        if photo_record.illustrative:
            credit = texts("photo_credit", credit=photo_record.credit, licence=photo_record.licence)
            note = (f'<span class="portal-card__credit">{escape(texts("photo_illustrative"))} '
                    f'{escape(credit)}</span>')
        else:
            note = ""
    else:
        visual = f'<span class="portal-card__media portal-card__media--pictogram">{pictogram(kind.icon)}</span>'
        note = ""
    meta = ""
    if kind.name == "festivals":
        meta = text(record, "when", language, source)[0]

    def lang(code):
        return f' lang="{escape(code)}"' if code != language else ""

    parts = [visual, f'<span class="portal-card__title"{lang(name_language)}>{escape(name)}</span>']
    if meta:
        parts.append(f'<span class="portal-card__meta">{escape(meta)}</span>')
    if summary:
        parts.append(f'<span class="portal-card__text"{lang(summary_language)}>{escape(summary)}</span>')
    if note:
        parts.append(note)
    return f'<li><a class="portal-card" href="{escape(href)}">{"".join(parts)}</a></li>'


def grid_html(cards: list[str], label: str | None = None) -> str:
    labelled = f' aria-label="{escape(label)}"' if label else ""
    return f'<div class="grid cards portal-cards"><ul{labelled}>{"".join(cards)}</ul></div>'


def hero_html(kind: Kind, record: dict, language: str, source: str, texts, photo, asset_url) -> str:
    ids = photo_ids(record)
    found = photo(ids[0]) if ids else None
    if found:
        photo_record, entry = found
        figure = photo_markup.figure_html(photo_record, entry, language, source, True, asset_url, texts)
        return figure.replace('<figure class="portal-photo">', '<figure class="portal-photo portal-record-hero">', 1)
    return f'<div class="portal-record-hero portal-record-hero--pictogram">{pictogram(kind.icon)}</div>'


def gallery_html(record: dict, language: str, source: str, texts, photo, asset_url, script_url: str) -> str:
    """The photos after the hero, each linking to its full-size JPEG (so the gallery works
    without JavaScript); the lightbox script opens them in a dialog instead."""
    items = []
    for photo_id in photo_ids(record)[1:]:
        found = photo(photo_id)
        if not found:
            continue
        photo_record, entry = found
        full = photo_markup.largest_jpeg(entry)
        picture = photo_markup.picture_html(photo_record, entry, language, source, False, asset_url, GALLERY_SIZES)
        items.append(f'<li><figure><a class="portal-gallery__link" href="{escape(asset_url(full["file"]))}">'
                     f'{picture}</a><figcaption>{photo_markup.caption_html(photo_record, language, source, texts)}'
                     f'</figcaption></figure></li>')
    if not items:
        return ""
    labels = {name: texts(f"gallery_{name}") for name in ("close", "previous", "next", "counter")}
    data = "".join(f' data-{name}="{escape(value)}"' for name, value in labels.items())
    return (f'<section class="portal-gallery" aria-labelledby="portal-gallery-title"{data}>'
            f'<h2 id="portal-gallery-title">{escape(texts("record_gallery"))}</h2>'
            f'<ul class="portal-gallery__list">{"".join(items)}</ul></section>'
            f'<script src="{escape(script_url)}" defer></script>')


def related_html(cards: list[str], texts) -> str:
    """Links to other records, kept out of the search index (Material's
    ``data-search-exclude``): the page about a shrimp must not be found for a crab."""
    if not cards:
        return ""
    return (f'<section class="portal-related" aria-labelledby="portal-related-title" data-search-exclude>'
            f'<h2 id="portal-related-title" data-search-exclude>{escape(texts("record_related"))}</h2>'
            f'{grid_html(cards)}</section>')
