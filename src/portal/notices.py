"""The notices a reader sees on a fallback or an outdated translation, in their language."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError

from .dates import format_for_reader
from .page_i18n import PageLanguage
from .ui_strings import pick


def language_name(code: str, reader: str) -> str:
    """The name of language ``code`` in the reader's language, from CLDR."""
    try:
        return Locale.parse(reader).languages.get(code, code)
    except (UnknownLocaleError, ValueError):
        return code


def notice(page: PageLanguage, default_language: str, strings: dict[str, dict[str, str]],
           locales: dict[str, str] | None = None) -> dict | None:
    """Text and link of the page's notice, or None for a page that needs none."""
    reader = page.language
    original = page.alternates.get(default_language)
    if original is None:
        return None
    fallbacks = (default_language,)
    names = {"language": language_name(reader, reader),
             "source_language": language_name(default_language, reader)}
    if page.fallback:
        kind, text_key, link_key = "fallback", "fallback_notice", "fallback_link"
    elif page.outdated:
        kind, text_key, link_key = "outdated", "outdated_notice", "outdated_link"
        names["date"] = format_for_reader(page.status.source_changed, reader, locales)
    elif page.incomplete:
        kind, text_key, link_key = "incomplete", "incomplete_notice", "incomplete_link"
    else:
        return None
    return {
        "kind": kind,
        "text": pick(strings.get(text_key, {}), reader, fallbacks).format(**names),
        "link_text": pick(strings.get(link_key, {}), reader, fallbacks),
        "original_url": original,
        "original_language": default_language,
    }
