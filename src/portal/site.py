"""Read the site's languages, sections and province settings from ``mkdocs.yml``.

``mkdocs.yml`` is the single source of truth: hooks receive the loaded config from
MkDocs, scripts call :func:`load_site` which goes through ``mkdocs.config.load_config``
(defaults applied, plugins validated) rather than a bare YAML load.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import config_options, load_config
from mkdocs.config.base import Config, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.structure.pages import Page


class SiteConfigError(Exception):
    """The site's configuration is unusable; the message says what to change."""


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    default: bool
    link: str  # URL path prefix, "/" for the default language

    @property
    def prefix(self) -> str:
        """Where the language's pages sit under the site root: "" or "en/"."""
        folder = self.link.strip("/")
        return folder + "/" if folder else ""


@dataclass(frozen=True)
class Section:
    """A top-level navigation entry with its own folder under ``docs/``."""

    slug: str  # folder name under docs/, also the URL segment
    titles: dict[str, str]  # language code -> title shown in the navigation
    index: str  # source path of the section's index page, relative to docs/


@dataclass(frozen=True)
class Site:
    config: MkDocsConfig
    languages: tuple[Language, ...]
    sections: tuple[Section, ...]
    province: dict = field(hash=False)

    @property
    def default_language(self) -> Language:
        return next(lang for lang in self.languages if lang.default)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    @property
    def docs_dir(self) -> Path:
        return Path(self.config.docs_dir)

    def language(self, code: str) -> Language:
        for lang in self.languages:
            if lang.code == code:
                return lang
        raise KeyError(code)


def i18n_plugin(config: MkDocsConfig):
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise SiteConfigError(
            f"{config.config_file_path}: the 'i18n' plugin (mkdocs-static-i18n) is not enabled — "
            "add it under 'plugins:' with the site's languages."
        )
    return plugin


def site_languages(config: MkDocsConfig) -> tuple[Language, ...]:
    """The built languages, default first, in the order ``mkdocs.yml`` lists the others."""
    languages = [
        Language(code=lang.locale, name=lang.name, default=lang.default, link=lang.link)
        for lang in i18n_plugin(config).config.languages
        if lang.build and lang.locale != "null"
    ]
    languages.sort(key=lambda lang: not lang.default)
    return tuple(languages)


def nav_translations(config: MkDocsConfig) -> dict[str, dict[str, str]]:
    """Language code -> {source-language nav title: translated title}."""
    return {
        lang.locale: dict(lang.nav_translations or {})
        for lang in i18n_plugin(config).config.languages
    }


def _first_page(entry) -> str | None:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict):
        for value in entry.values():
            found = _first_page(value)
            if found:
                return found
    if isinstance(entry, list):
        for item in entry:
            found = _first_page(item)
            if found:
                return found
    return None


def site_sections(config: MkDocsConfig, languages: tuple[Language, ...]) -> tuple[Section, ...]:
    """Sections are the titled top-level ``nav`` entries whose pages live in a folder."""
    translations = nav_translations(config)
    sections = []
    for entry in config.nav or []:
        if not isinstance(entry, dict):
            continue
        (title, target), = entry.items()
        first = _first_page(target)
        if not first or "/" not in first:
            continue  # the home page, or an external link
        slug = first.split("/", 1)[0]
        titles = {
            lang.code: (title if lang.default else translations.get(lang.code, {}).get(title, title))
            for lang in languages
        }
        sections.append(Section(slug=slug, titles=titles, index=f"{slug}/index.md"))
    return tuple(sections)


class ProvinceSchema(Config):
    """The province-specific block ``extra.province`` of ``mkdocs.yml``.

    Texts that readers see are given per language (a mapping of language code to text),
    so one ``mkdocs.yml`` serves every language without repeating the block.
    """

    name = config_options.Type(dict)
    publisher = config_options.Type(dict)
    official_portal = config_options.URL()
    # When the address was last confirmed and when to confirm it again (portal.sources):
    # {as_of: YEAR-MONTH-DAY, review: YEAR-MONTH-DAY}.
    official_portal_checked = config_options.Optional(config_options.Type(dict))
    map = config_options.Optional(config_options.Type(dict))
    # The site-wide notice (portal.site_frame): {date: YYYY-MM-DD, text: {<language>: ...}}.
    notice = config_options.Optional(config_options.Type(dict))


def validate_province(extra: dict, languages: tuple[Language, ...], config_file: str) -> dict:
    """Check ``extra.province`` and return it; raise SiteConfigError naming each problem."""
    raw = (extra or {}).get("province")
    if not isinstance(raw, dict):
        raise SiteConfigError(
            f"{config_file}: 'extra.province' is missing — add the province's name, publisher "
            "and official_portal there (see README.md)."
        )
    # Each option is checked on its own (MkDocs' Config.validate stops at the first
    # failing option) so an editor sees every problem in one run.
    problems = []
    known = dict(ProvinceSchema._schema)
    for key, option in known.items():
        try:
            option.validate(raw.get(key))
        except ValidationError as error:
            problems.append(f"extra.province.{key}: {error}")
    for key in raw:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" — did you mean '{close[0]}'?" if close else ""
            problems.append(f"extra.province.{key} is not a known setting{hint}")
    for key in ("name", "publisher"):
        texts = raw.get(key)
        if not isinstance(texts, dict):
            continue
        for lang in languages:
            if not str(texts.get(lang.code) or "").strip():
                problems.append(
                    f"extra.province.{key} has no text for '{lang.code}' — add '{lang.code}: ...'"
                )
    problems.extend(_notice_problems(raw.get("notice"), languages))
    if problems:
        raise SiteConfigError(f"{config_file}: " + "; ".join(problems))
    return raw


def _notice_problems(notice, languages: tuple[Language, ...]) -> list[str]:
    from .site_frame import notice_problems

    return notice_problems(notice, tuple(lang.code for lang in languages))


def localized(texts: dict, language: str, fallback: str) -> str:
    """The text for ``language``, or the source language's text."""
    return texts.get(language) or texts[fallback]


def language_prefixes(config: MkDocsConfig) -> dict[str, str]:
    """Language code -> where its pages sit under the site root ("" or "en/")."""
    return {language.code: language.prefix for language in site_languages(config)}


def current_language(config: MkDocsConfig) -> str:
    """The language mkdocs-static-i18n is building now (it sets the theme language per pass)."""
    return config.theme["language"]


def page_language(page: Page, config: MkDocsConfig) -> str:
    """The language a page's text is written in (a fallback page keeps its source language)."""
    return getattr(page.file, "locale", None) or current_language(config)


def from_config(config: MkDocsConfig) -> Site:
    languages = site_languages(config)
    if not languages:
        raise SiteConfigError(f"{config.config_file_path}: no language is built — set 'build: true'.")
    return Site(
        config=config,
        languages=languages,
        sections=site_sections(config, languages),
        province=validate_province(config.extra, languages, config.config_file_path),
    )


def load_site(config_file: str | os.PathLike = "mkdocs.yml") -> Site:
    """Load ``mkdocs.yml`` the way MkDocs does and describe the site."""
    path = Path(config_file)
    if not path.is_file():
        raise SiteConfigError(f"{path}: no such configuration file.")
    try:
        config = load_config(str(path))
    except ConfigurationError as error:
        raise SiteConfigError(f"{path}: {error}") from error
    return from_config(config)


def absolute_path(config: MkDocsConfig, url: str) -> str:
    """A URL path from the site's root, for pages served at any depth (such as 404s)."""
    from urllib.parse import urlsplit

    base = urlsplit(config.site_url or "/").path or "/"
    return (base if base.endswith("/") else base + "/") + url
