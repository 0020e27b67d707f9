"""The home page of each language, as data for ``portal/theme/home.html``.

Material's way to make a landing page is a template of the site's own chosen by
``template: home.html`` in the page's front matter; the template draws what this module
gathers, so no HTML is pasted into Markdown and every figure comes from its data file:

- the page's front matter (one per language): ``invitation`` (the hero's one line),
  ``photo`` (a photo id, optional), ``illustration`` (``{src, alt, width, height}``,
  shown when there is no photo), ``ways`` (the ways on for investors and the press);
- ``content/home.yml`` (one for every language): which key figures the tiles show,
  a pictogram per section and per way on, how many festivals and news posts to list;
- ``content/indicators.yml``, ``content/festivals.yml``, the navigation (a card per
  section, its text from the section page's description) and the news posts.

Pure functions: the event module (``portal/hooks/home.py``) hands in what MkDocs knows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import material
import yaml

from . import data_content as data
from . import festival_dates
from .dates import date_range, format_for_reader, parse_date
from .frontmatter import YAML_LOADER

SETTINGS_FILE = "home.yml"
ICONS = Path(material.__file__).parent / "templates" / ".icons"
DEFAULT_ICON = "material/compass-outline"
DEFAULT_FIGURES = 4  # without a list in content/home.yml: the first indicators
MAX_FIGURES = 6
_ICON_NAME = re.compile(r"^[a-z0-9-]+/[a-z0-9-]+$")


class HomeDataError(ValueError):
    """Home-page data an editor must fix; the message names the file and what to do."""


# --- the data the template draws --------------------------------------------------------

@dataclass(frozen=True)
class Picture:
    """A responsive photo: ``sources`` is [(mime type, srcset)], AVIF first."""

    sources: tuple[tuple[str, str], ...]
    src: str
    width: int
    height: int
    alt: str
    alt_language: str | None  # set when the alt text is not in the page's language
    sizes: str
    eager: bool = False


@dataclass(frozen=True)
class Illustration:
    src: str
    alt: str
    width: int | None
    height: int | None


@dataclass(frozen=True)
class Hero:
    title: str
    invitation: str
    picture: Picture | None
    illustration: Illustration | None  # shown when there is no picture; else a drawn motif


@dataclass(frozen=True)
class Tile:
    indicator_id: str
    label: str
    value: str  # the number in the page's language, with "about"/"over" where the source says so
    unit: str
    year: str
    source: str
    source_url: str


@dataclass(frozen=True)
class Card:
    title: str
    text: str
    url: str
    icon: str  # inline SVG markup
    picture: Picture | None = None


@dataclass(frozen=True)
class FestivalCard:
    title: str
    when: str  # the dates when known, else the festival's own "when" text
    when_iso: str  # machine-readable start date, "" when only the month is known
    place: str
    url: str
    expected: bool


@dataclass(frozen=True)
class NewsCard:
    title: str
    description: str
    url: str
    date_iso: str
    date_text: str
    picture: Picture | None


@dataclass(frozen=True)
class Link:
    text: str
    url: str
    download: bool = False


@dataclass(frozen=True)
class Way:
    way_id: str
    title: str
    text: str
    icon: str
    links: tuple[Link, ...]


@dataclass
class HomePage:
    hero: Hero
    tiles: list[Tile] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    festivals: list[FestivalCard] = field(default_factory=list)
    festivals_url: str = ""
    news: list[NewsCard] = field(default_factory=list)
    news_url: str = ""
    ways: list[Way] = field(default_factory=list)


# --- settings ---------------------------------------------------------------------------

@dataclass(frozen=True)
class HomeSettings:
    figures: tuple[str, ...] | None = None  # indicator ids; None: the first few
    icons: dict = field(default_factory=dict)  # section slug or way id -> icon name
    festivals: int = 3
    news: int = 3


def load_settings(content_dir: Path) -> HomeSettings:
    """``content/home.yml``; every key optional, and the file too."""
    path = content_dir / SETTINGS_FILE
    if not path.is_file():
        return HomeSettings()
    where = f"{path.parent.name}/{path.name}"
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise HomeDataError(f"{where}{line}: not valid YAML ({getattr(error, 'problem', error)})") from error
    raw = raw.get("home", raw) if isinstance(raw, dict) else raw
    if not isinstance(raw, dict):
        raise HomeDataError(f"{where}: expected settings under 'home:' (figures, icons, festivals, news)")
    unknown = sorted(set(raw) - {"figures", "icons", "festivals", "news"})
    if unknown:
        raise HomeDataError(f"{where}: unknown setting(s) {', '.join(unknown)} — use figures, icons, festivals, news")
    figures = raw.get("figures")
    if figures is not None:
        if not isinstance(figures, list) or not all(isinstance(item, str) for item in figures):
            raise HomeDataError(f"{where}: 'figures' must be a list of indicator ids from content/indicators.yml")
        if not 1 <= len(figures) <= MAX_FIGURES:
            raise HomeDataError(f"{where}: 'figures' names {len(figures)} indicators — the home shows 1 to {MAX_FIGURES}")
    icons = raw.get("icons") or {}
    if not isinstance(icons, dict):
        raise HomeDataError(f"{where}: 'icons' must map a section folder (or way id) to an icon name")
    for key in ("festivals", "news"):
        if key in raw and not (isinstance(raw[key], int) and raw[key] >= 0):
            raise HomeDataError(f"{where}: '{key}' must be a whole number (how many to list)")
    return HomeSettings(figures=tuple(figures) if figures is not None else None,
                        icons={str(key): str(value) for key, value in icons.items()},
                        festivals=raw.get("festivals", 3), news=raw.get("news", 3))


# --- pictograms -------------------------------------------------------------------------

@lru_cache(maxsize=None)
def icon_svg(name: str) -> str:
    """A bundled Material icon (``material/pine-tree``) as inline, decorative SVG: no icon
    font and no request. Raises HomeDataError for an unknown name."""
    path = ICONS / f"{name}.svg"
    if not _ICON_NAME.match(name) or not path.is_file():
        raise HomeDataError(f"unknown icon '{name}' — pick one of Material's bundled icons, "
                            "e.g. material/pine-tree (see https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/)")
    svg = path.read_text(encoding="utf-8").strip()
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


# --- parts ------------------------------------------------------------------------------

def tiles(indicators: list[dict], ids: tuple[str, ...] | None, language: str, source: str,
          texts, locales=None) -> list[Tile]:
    """The "in numbers" tiles; data.UnknownIndicators names ids not in the data."""
    chosen = data.key_figures(indicators, list(ids)) if ids is not None else indicators[:DEFAULT_FIGURES]
    result = []
    for indicator in chosen:
        if "value" not in indicator:
            raise HomeDataError(f"content/indicators.yml: indicator '{indicator.get('id')}' has no 'value' "
                                "— give the figure, or leave it out of content/home.yml's 'figures'")
        label, _ = data.text(indicator, "label", language, source)
        unit, _ = data.text(indicator, "unit", language, source)
        value = data.number(indicator["value"], language, locales)
        qualifier = indicator.get("qualifier")
        if qualifier in ("about", "over"):
            value = texts(f"figure_{qualifier}", value=value)
        origin = indicator.get("source") or {}
        result.append(Tile(indicator["id"], label, value, unit, str(indicator.get("year", "")),
                           data.source_line(origin, language, locales), str(origin.get("url", ""))))
    return result


def festival_cards(festivals: list[dict], today: dt.date, count: int, language: str, source: str,
                   url, locales=None) -> list[FestivalCard]:
    """``url(festival)``: the festival page's link from the home page."""
    cards = []
    for festival, start, end, expected in festival_dates.upcoming(festivals, today, count):
        name, _ = data.text(festival, "name", language, source)
        place, _ = data.text(festival, "place", language, source)
        if start is not None:
            when = date_range(start, end or start, language, locales)
            when_iso = start.isoformat()
        else:
            when, _ = data.text(festival, "when", language, source)
            when_iso = ""
        cards.append(FestivalCard(name, when, when_iso, place, url(festival), bool(expected)))
    return cards


def news_cards(posts: list[dict], count: int, language: str, locales=None) -> list[NewsCard]:
    """``posts``: dicts with title, description, url, date and picture, any order."""
    posts = sorted(posts, key=lambda post: (parse_date(post["date"]), post["url"]), reverse=True)
    return [NewsCard(post["title"], post.get("description", ""), post["url"],
                     parse_date(post["date"]).isoformat(),
                     format_for_reader(post["date"], language, locales), post.get("picture"))
            for post in posts[:count]]


def picture(record, entry: dict, language: str, source_language: str, url, sizes: str,
            eager: bool = False) -> Picture | None:
    """A photo's renditions (its manifest ``entry``) as a Picture; None without any."""
    outputs = list((entry or {}).get("outputs", {}).values())
    if record is None or not outputs:
        return None
    alt, alt_language = record.text("alt", language, source_language)
    if not alt:
        return None
    sources = []
    for image_format, mime in (("avif", "image/avif"), ("webp", "image/webp")):
        chosen = sorted((o for o in outputs if o["format"] == image_format), key=lambda o: o["width"])
        if chosen:
            sources.append((mime, ", ".join(f"{url(o['file'])} {o['width']}w" for o in chosen)))
    fallbacks = [o for o in outputs if o["format"] == "jpeg"] or outputs
    fallback = max(fallbacks, key=lambda o: o["width"])
    return Picture(tuple(sources), url(fallback["file"]), fallback["width"], fallback["height"], alt,
                   alt_language if alt_language != language else None, sizes, eager)


def resolve_link(href: str, here: str, page_urls: dict[str, str], anchors: dict[str, set[str]],
                 relative_url, where: str) -> Link:
    """A way-on link written as an editor writes links in Markdown: a page's source path
    (``invest/index.md#contacts``), or a file the build writes (``data/key-indicators.csv``).
    Raises HomeDataError for a page or heading that does not exist."""
    target, _, anchor = href.partition("#")
    if target.endswith(".md"):
        if target not in page_urls:
            raise HomeDataError(f"{where}: the link '{href}' names no page of the site — write the page's "
                                "path under docs/, e.g. invest/index.md")
        if anchor and anchor not in anchors.get(target, set()):
            raise HomeDataError(f"{where}: the page {target} has no heading '#{anchor}' in this language — "
                                "copy the anchor from the heading's ¶ link")
        url = relative_url(page_urls[target], here) + (f"#{anchor}" if anchor else "")
        return Link("", url)
    if re.match(r"^[a-z]+:", href):
        return Link("", href)
    return Link("", relative_url(href, here) + (f"#{anchor}" if anchor else ""), download=True)


def ways(raw, here: str, page_urls: dict[str, str], anchors: dict[str, set[str]], icons: dict,
         relative_url, where: str) -> list[Way]:
    """The front matter's ``ways``: [{id, title, text, links: [{text, href}]}]."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise HomeDataError(f"{where}: 'ways' must be a list of {{id, title, text, links}}")
    result = []
    for number, item in enumerate(raw, 1):
        spot = f"{where}: ways[{number}]"
        if not isinstance(item, dict) or not item.get("title") or not isinstance(item.get("links"), list):
            raise HomeDataError(f"{spot} needs a 'title' and a list of 'links' ({{text, href}})")
        links = []
        for link in item["links"]:
            if not isinstance(link, dict) or not link.get("text") or not link.get("href"):
                raise HomeDataError(f"{spot}: each link needs 'text' and 'href'")
            resolved = resolve_link(str(link["href"]), here, page_urls, anchors, relative_url, spot)
            links.append(Link(str(link["text"]), resolved.url, resolved.download))
        way_id = str(item.get("id", ""))
        result.append(Way(way_id, str(item["title"]), str(item.get("text", "")),
                          icon_svg(icons.get(way_id, DEFAULT_ICON)), tuple(links)))
    return result


def illustration(raw, where: str) -> Illustration | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not raw.get("src") or not raw.get("alt"):
        raise HomeDataError(f"{where}: 'illustration' needs 'src' (a file under docs/) and 'alt' (what it shows)")
    size = [raw.get(key) for key in ("width", "height")]
    return Illustration(str(raw["src"]), str(raw["alt"]),
                        *(int(value) if isinstance(value, int) else None for value in size))
