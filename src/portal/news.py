"""News: dated posts under ``news/``, listed newest first in pages of ten, with an RSS feed
per language that lists only the posts written in that language.

Material's blog plugin was the first choice, but with mkdocs-static-i18n it lists the
source-language posts in every language (the fallback copies), and its archive and
category pages cannot be told apart from translations (mkdocs-material issue 5909,
handled only partly by static-i18n). These few functions do what the portal needs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email.utils import format_datetime
from html import escape
from xml.sax.saxutils import escape as xml_escape

from .dates import format_for_reader, parse_date
from .frontmatter import split_front_matter

SECTION = "news/"
PER_PAGE = 10
LIST_MARKER = "<!-- news-list -->"
LATEST_MARKER = re.compile(r"<!--\s*latest-news:\s*(\d+)\s*-->")


@dataclass(frozen=True)
class Post:
    url: str  # relative to the site root
    title: str
    description: str
    date: dt.date


def is_post(src_uri: str) -> bool:
    name = src_uri.rsplit("/", 1)[-1]
    return src_uri.startswith(SECTION) and not name.startswith("index.")


def read_post(source: str, path: str, url: str) -> Post | None:
    front, problems = split_front_matter(source, path)
    if problems or "date" not in front.data:
        return None
    return Post(url, str(front.data.get("title", "")), str(front.data.get("description", "")),
                parse_date(front.data["date"]))


def newest_first(posts: list[Post]) -> list[Post]:
    return sorted(posts, key=lambda post: (post.date, post.url), reverse=True)


def page_count(posts: list[Post]) -> int:
    return max(1, -(-len(posts) // PER_PAGE))


def listing_page_url(index_url: str, number: int) -> str:
    """``news/`` for page 1, ``news/page/2/`` after it (under the language's folder)."""
    return index_url if number == 1 else f"{index_url}page/{number}/"


def listing_html(posts: list[Post], number: int, here: str, index_url: str, language: str,
                 texts, relative_url, locales: dict | None = None) -> str:
    """The HTML of listing page ``number``; ``texts(key, **values)`` gives interface text,
    ``relative_url(target, here)`` a link from this page."""
    chunk = posts[(number - 1) * PER_PAGE: number * PER_PAGE]
    if not chunk:
        return f'<p class="portal-news-empty">{escape(texts("news_none"))}</p>'
    items = []
    for post in chunk:
        when = format_for_reader(post.date, language, locales)
        items.append(
            '<li class="portal-news__item">'
            f'<h2><a href="{escape(relative_url(post.url, here))}">{escape(post.title)}</a></h2>'
            f'<p class="portal-news__date"><time datetime="{post.date.isoformat()}">{escape(when)}</time></p>'
            f"<p>{escape(post.description)}</p></li>"
        )
    total = page_count(posts)
    links = []
    if number > 1:
        links.append(f'<a rel="prev" href="{escape(relative_url(listing_page_url(index_url, number - 1), here))}">'
                     f"{escape(texts('news_newer'))}</a>")
    if total > 1:
        links.append(f"<span>{escape(texts('news_page', number=number, total=total))}</span>")
    if number < total:
        links.append(f'<a rel="next" href="{escape(relative_url(listing_page_url(index_url, number + 1), here))}">'
                     f"{escape(texts('news_older'))}</a>")
    feed = f'<a href="{escape(relative_url(index_url + "feed.xml", here))}">{escape(texts("news_feed"))}</a>'
    nav = f'<nav class="portal-news__pages">{" ".join(links)}</nav>' if len(links) > 0 else ""
    return (f'<ol class="portal-news">{"".join(items)}</ol>{nav}'
            f'<p class="portal-news__feed">{feed}</p>')


def latest_html(posts: list[Post], count: int, here: str, language: str, relative_url,
                locales: dict | None = None) -> str:
    """A short list of the newest posts (for the home page and the press room)."""
    items = []
    for post in posts[:count]:
        when = format_for_reader(post.date, language, locales)
        items.append(f'<li><a href="{escape(relative_url(post.url, here))}">{escape(post.title)}</a> '
                     f'<time datetime="{post.date.isoformat()}">{escape(when)}</time></li>')
    return f'<ul class="portal-latest-news">{"".join(items)}</ul>' if items else ""


def rss(posts: list[Post], channel_title: str, channel_description: str, language: str,
        site_url, absolute) -> str:
    """RSS 2.0 with absolute links; ``absolute(url)`` makes a site-root URL absolute."""
    items = []
    for post in newest_first(posts):
        published = dt.datetime.combine(post.date, dt.time(0, 0), tzinfo=dt.timezone.utc)
        link = absolute(post.url)
        items.append(
            "    <item>\n"
            f"      <title>{xml_escape(post.title)}</title>\n"
            f"      <link>{xml_escape(link)}</link>\n"
            f'      <guid isPermaLink="true">{xml_escape(link)}</guid>\n'
            f"      <pubDate>{format_datetime(published)}</pubDate>\n"
            f"      <description>{xml_escape(post.description)}</description>\n"
            "    </item>"
        )
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0">',
        "  <channel>",
        f"    <title>{xml_escape(channel_title)}</title>",
        f"    <link>{xml_escape(site_url)}</link>",
        f"    <description>{xml_escape(channel_description)}</description>",
        f"    <language>{xml_escape(language)}</language>",
        *items,
        "  </channel>",
        "</rss>",
    ]) + "\n"
