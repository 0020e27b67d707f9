"""One sitemap.xml per language (at each language's root) listing only its real pages,
each with its translations as xhtml:link; robots.txt names them all.

Per-language files also serve Material's language selector, which fetches
``sitemap.xml`` next to every hreflang alternate of the page being read.
"""

from __future__ import annotations

import gzip
from xml.sax.saxutils import escape, quoteattr

from .page_i18n import PageLanguage, absolute, alternate_links


def sitemap_xml(pages: list[PageLanguage], default_language: str, site_url: str) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for page in sorted(pages, key=lambda item: item.url):
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(absolute(site_url, page.url))}</loc>")
        if page.meta.get("lastmod"):
            lines.append(f"    <lastmod>{escape(page.meta['lastmod'])}</lastmod>")
        for code, href in alternate_links(page, default_language, site_url):
            lines.append(f'    <xhtml:link rel="alternate" hreflang={quoteattr(code)} href={quoteattr(href)}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(site_url: str, sitemap_urls: list[str]) -> str:
    lines = ["User-agent: *", "Allow: /", ""]
    lines += [f"Sitemap: {absolute(site_url, url)}" for url in sitemap_urls]
    return "\n".join(lines) + "\n"


def gzipped(text: str) -> bytes:
    # mtime=0 keeps the output byte-identical from one build to the next.
    return gzip.compress(text.encode("utf-8"), mtime=0)
