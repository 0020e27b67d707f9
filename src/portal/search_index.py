"""One search index per language, with Khmer split into words.

Material writes a single ``search/search_index.json`` holding every language (and,
through mkdocs-static-i18n, the fallback copies too). We split it into one index per
language under each language's root, drop fallback copies, and insert ZERO WIDTH SPACE
between Khmer words (Khmer is written without spaces, so lunr would otherwise index
whole phrases). The browser side (overrides/assets/javascripts/workers/portal-search.js)
folds Vietnamese diacritics and splits Khmer queries against the index's own words.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import material

from . import writing_systems

ZWSP = "\u200b"
KHMER_RUN = re.compile(f"[{writing_systems.KHMER}]+")
LUNR_DIR = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "min"


@lru_cache(maxsize=1)
def _tokenizer():
    # khmercut (a CRF model, ~70k characters/s) segments Khmer better than ICU's dictionary
    # or Chromium's Intl.Segmenter in our measurements (see shared/khmer.md); imported lazily
    # because loading the model takes a moment and most builds have few Khmer pages.
    from khmercut import tokenize

    return tokenize


@lru_cache(maxsize=65536)
def _segment_run(run: str) -> str:
    words = [word for word in _tokenizer()(run) if word.strip()]
    return ZWSP.join(words)


def segment_khmer(text: str) -> str:
    """Text with ZERO WIDTH SPACE between Khmer words; other scripts untouched."""
    return KHMER_RUN.sub(lambda match: _segment_run(match.group(0)), text.replace(ZWSP, ""))


def lunr_language(code: str) -> str:
    """The lunr language Material can load for ``code`` (English when it has none)."""
    return code if code == "en" or (LUNR_DIR / f"lunr.{code}.min.js").is_file() else "en"


def search_config(strings: dict[str, str], base: dict, pipeline: list[str] | None) -> dict:
    """The index's ``config`` for one language, from that language's interface strings."""
    separator = strings.get("search.config.separator", r"[\s\-]+").replace("\\\\", "\\")
    if ZWSP not in separator and "\\u200b" not in separator:
        # Khmer words carry ZWSP between them in every index, whatever the page's language.
        separator = separator.replace("[\\s", "[\\s\\u200b", 1)
    if pipeline is None:
        pipeline = [item.strip() for item in strings.get("search.config.pipeline", "").split(",")
                    if item.strip()]
    config = dict(base)
    config.update({
        "lang": [lunr_language(strings.get("search.config.lang", "en"))],
        "separator": separator,
        "pipeline": pipeline,
    })
    return config


def entry_language(location: str, prefixes: dict[str, str]) -> tuple[str, str]:
    """(language, location relative to that language's root) of an index entry.

    ``prefixes``: language -> URL prefix such as "en/" ("" for the default language)."""
    for code, prefix in sorted(prefixes.items(), key=lambda item: -len(item[1])):
        if prefix and location.startswith(prefix):
            return code, location[len(prefix):]
    default = next(code for code, prefix in prefixes.items() if not prefix)
    return default, location


def split_index(index: dict, prefixes: dict[str, str], fallback_urls: set[str],
                configs: dict[str, dict]) -> dict[str, dict]:
    """Per language: an index of its real pages, locations relative to its root."""
    docs: dict[str, list] = {code: [] for code in prefixes}
    for entry in index.get("docs", []):
        location = entry.get("location", "")
        page_url = location.split("#", 1)[0]
        if page_url in fallback_urls:
            continue
        code, relative = entry_language(location, prefixes)
        item = dict(entry, location=relative)
        for key in ("title", "text"):
            if key in item and KHMER_RUN.search(item[key]):
                item[key] = segment_khmer(item[key])
        docs[code].append(item)
    return {code: {"config": configs[code], "docs": docs[code]} for code in prefixes}


_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
WRAPPER_WORKER = "portal-search.js"


def rewrite_page_config(html: str, language_root: str) -> str:
    """Point a page's search at its language's index and at our worker wrapper.

    Material resolves ``search/search_index.json`` and result links against
    ``config.base``; making that the language's root gives each language its own index.
    """
    match = _CONFIG_SCRIPT.search(html)
    if not match:
        return html
    data = json.loads(match.group(2))
    data["base"] = language_root
    worker = data.get("search", "")
    if worker and WRAPPER_WORKER not in worker:
        folder, _, name = worker.rpartition("/")
        data["search"] = f"{folder}/{WRAPPER_WORKER}?material={name}"
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return html[:match.start(2)] + payload + html[match.end(2):]
