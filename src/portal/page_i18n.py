"""What each built page is, language-wise: which language its text is really in, which
real translations it has, and the links between them.

mkdocs-static-i18n builds one language after another and, where a translation is
missing, builds the source page again under the other language's prefix (a fallback).
It treats that copy like a real page; this module tells them apart so that hooks can
mark fallbacks (notice, lang, noindex) and keep them out of sitemaps, hreflang, search
and feeds. Build-wide state lives in :data:`BUILD`, reset at the start of each build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from urllib.parse import urljoin

from .translations import INCOMPLETE, OUTDATED, Report, TranslationStatus


@dataclass
class PageLanguage:
    source: str  # the source page, relative to docs_dir (e.g. land/index.md)
    language: str  # the language of the build that produced this page
    content_language: str  # the language its text is written in
    url: str  # relative to the site root, e.g. "en/land/"
    alternates: dict[str, str]  # language -> url of every *real* version, itself included
    status: TranslationStatus | None = None  # the translation's status (None for sources)
    meta: dict = field(default_factory=dict)

    @property
    def fallback(self) -> bool:
        return self.content_language != self.language

    @property
    def outdated(self) -> bool:
        return self.status is not None and self.status.status == OUTDATED

    @property
    def incomplete(self) -> bool:
        """A translation that leaves part of its source out (portal.completeness)."""
        return self.status is not None and self.status.status == INCOMPLETE


@dataclass
class BuildState:
    """What hooks gather across the language passes of one build."""

    report: Report | None = None
    pages: dict[tuple[str, str], PageLanguage] = field(default_factory=dict)
    not_found_pages: dict[str, str] = field(default_factory=dict)  # language -> HTML
    cards: dict[tuple[str, str], str] = field(default_factory=dict)  # (source, language) -> card file

    def reset(self, report: Report | None) -> None:
        self.report = report
        self.pages.clear()
        self.not_found_pages.clear()
        self.cards.clear()

    def add(self, page: PageLanguage) -> None:
        self.pages[(page.source, page.language)] = page

    def real_pages(self, language: str) -> list[PageLanguage]:
        return [page for (_, code), page in self.pages.items() if code == language and not page.fallback]

    def is_fallback_url(self, url: str) -> bool:
        return any(page.fallback and page.url == url for page in self.pages.values())


BUILD = BuildState()


def describe(source: str, language: str, default_language: str, file_locale: str,
             url: str, alternate_urls: dict[str, tuple[str, str]], report: Report | None) -> PageLanguage:
    """``alternate_urls``: language -> (url, locale of the file mkdocs-static-i18n chose)."""
    alternates = {code: alt_url for code, (alt_url, locale) in alternate_urls.items() if locale == code}
    status = None
    if report is not None and language != default_language and file_locale == language:
        page_report = report.page(source)
        if page_report is not None:
            status = page_report.translations.get(language)
    return PageLanguage(source, language, file_locale, url, alternates, status)


def absolute(site_url: str, url: str) -> str:
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", url)


def alternate_links(page: PageLanguage, default_language: str, site_url: str) -> list[tuple[str, str]]:
    """hreflang links for a real page: each real version plus x-default (the source)."""
    if page.fallback:
        return []
    links = [(code, absolute(site_url, url)) for code, url in page.alternates.items()]
    if default_language in page.alternates:
        links.append(("x-default", absolute(site_url, page.alternates[default_language])))
    return links


_MATERIAL_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\s*')


def rewrite_head(html: str, links: list[tuple[str, str]], noindex: bool) -> str:
    """Replace Material's relative hreflang links (which also point at fallback copies)
    with absolute links to real translations; mark fallback pages noindex."""
    head_end = html.find("</head>")
    if head_end < 0:
        return html
    head = _MATERIAL_ALTERNATE.sub("", html[:head_end])
    tags = [f'<link rel="alternate" hreflang="{escape(code)}" href="{escape(href)}">' for code, href in links]
    if noindex:
        tags.append('<meta name="robots" content="noindex">')
    return head + "".join(tags) + html[head_end:]
