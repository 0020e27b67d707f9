"""One search index per language, with Khmer split into words.

Material writes a single ``search/search_index.json`` holding every language (and,
through mkdocs-static-i18n, the fallback copies too). We split it into one index per
language under each language's root, drop fallback copies, and insert ZERO WIDTH SPACE
between Khmer words (Khmer is written without spaces, so lunr would otherwise index
whole phrases). The browser side (portal/theme/assets/javascripts/workers/portal-search.js)
folds Vietnamese diacritics and splits Khmer queries against the index's own words.

Two kinds of equivalence travel in each index's ``config.portal`` so that the worker
applies exactly what this module defines (the same table at index and query time):

- Khmer look-alike spellings (``KHMER_EQUIVALENCES``, see shared/khmer.md): COENG DA and
  COENG TA, COENG RO typed before another subscript, ឲ and ឱ, the deprecated ឣ/ឤ,
  Khmer and Arabic digits, invisible joiners and the discouraged inherent-vowel signs.
  They are matched as one; the text shown to the reader keeps the editor's spelling.
- the glossary (content/glossary.yml): a reader's word (English "island") may stand for
  the Vietnamese word inside a place name ("Hòn", "đảo").
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import material
import yaml

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
    """Text with ZERO WIDTH SPACE between Khmer words; other scripts untouched.

    Invisible joiners inside Khmer words go first: they change nothing on screen but
    would split or glue words for the segmenter and for lunr."""
    text = KHMER_WITH_INVISIBLE.sub(
        lambda match: KHMER_INVISIBLE_RE.sub("", match.group(0)), text.replace(ZWSP, ""))
    return KHMER_RUN.sub(lambda match: _segment_run(match.group(0)), text)


COENG = "\u17d2"
COENG_RO = COENG + "\u179a"
# Invisible characters that may sit inside a Khmer word: ZERO WIDTH SPACE, ZWNJ, ZWJ,
# WORD JOINER and the inherent-vowel signs U+17B4/U+17B5, which Unicode discourages.
KHMER_INVISIBLE = "\u200b\u200c\u200d\u2060\u17b4\u17b5"
KHMER_INVISIBLE_RE = re.compile(f"[{KHMER_INVISIBLE}]")
# Joiners outside Khmer text (emoji sequences) are left alone.
KHMER_WITH_INVISIBLE = re.compile(f"(?:[{KHMER_INVISIBLE}]*[{writing_systems.KHMER}])+[{KHMER_INVISIBLE}]*")
KHMER_CONSONANTS = [chr(code) for code in range(0x1780, 0x17A3)]


def _khmer_equivalences() -> tuple[tuple[str, str], ...]:
    single = {
        COENG + "\u178a": COENG + "\u178f",  # COENG DA looks like COENG TA: ស្ដី / ស្តី
        "\u17b2": "\u17b1",                  # ឲ and ឱ spell the same words (ឲ្យ / ឱ្យ)
        "\u17a3": "\u17a2",                  # deprecated ឣ stands for អ
        "\u17a4": "\u17a2\u17b6",            # deprecated ឤ stands for អា
        "\u17d7": "",                         # the repetition sign ៗ is punctuation here
    }
    single.update({chr(0x17E0 + digit): str(digit) for digit in range(10)})
    single.update({mark: "" for mark in KHMER_INVISIBLE})
    # COENG RO is written last in a stack; ស្រ្ត (typed out of order) reads as ស្ត្រ.
    reordered = {}
    for consonant in KHMER_CONSONANTS:
        if consonant == "\u179a":
            continue
        subscript = single.get(COENG + consonant, COENG + consonant)
        reordered[COENG_RO + COENG + consonant] = subscript + COENG_RO
    return tuple(reordered.items()) + tuple(single.items())


KHMER_EQUIVALENCES = _khmer_equivalences()
_KHMER_TABLE = dict(KHMER_EQUIVALENCES)
# One pass, longest variant first: the JavaScript worker builds the same expression.
_KHMER_VARIANT = re.compile("|".join(re.escape(variant) for variant in
                                     sorted(_KHMER_TABLE, key=len, reverse=True)))


def canonical_khmer(text: str) -> str:
    """The form under which Khmer look-alike spellings match (never shown to readers)."""
    return _KHMER_VARIANT.sub(lambda match: _KHMER_TABLE[match.group(0)],
                              unicodedata.normalize("NFC", text))


def fold_latin(text: str) -> str:
    """Vietnamese (Latin) letters without diacritics, đ as d: what the worker's fold does."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(char for char in decomposed if not 0x300 <= ord(char) <= 0x36F)
    return unicodedata.normalize("NFC", stripped.replace("\u0111", "d").replace("\u0110", "D"))


def search_words(text: str) -> list[str]:
    """Words as the worker's scorer sees them: lowercase, folded, Khmer canonical and split
    into the segmenter's words."""
    words = []
    for part in re.split(r"[^\w\u1780-\u17ff\u19e0-\u19ff]+", segment_khmer(text).lower()):
        for piece in part.split(ZWSP) if part else []:
            piece = canonical_khmer(piece) if KHMER_RUN.search(piece) else fold_latin(piece)
            if piece:
                words.append(piece)
    return words


class GlossaryError(ValueError):
    """A mistake in the glossary file, with its path and line."""


GLOSSARY_LISTS = ("terms", "place_words")


def load_glossary(path: Path) -> dict[str, list[dict[str, list[str]]]]:
    """content/glossary.yml: per list, entries mapping a language to its texts.

    A missing file is an empty glossary (a province may have none)."""
    if not path.is_file():
        return {name: [] for name in GLOSSARY_LISTS}
    source = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise GlossaryError(f"{path}{line}: not valid YAML ({getattr(error, 'problem', error)})") from None

    def fail(node, message):
        raise GlossaryError(f"{path}:{node.start_mark.line + 1}: {message}")

    glossary: dict[str, list[dict[str, list[str]]]] = {name: [] for name in GLOSSARY_LISTS}
    if root is None:
        return glossary
    if not isinstance(root, yaml.MappingNode):
        fail(root, "the glossary must be a mapping with the lists " + ", ".join(GLOSSARY_LISTS))
    for key_node, list_node in root.value:
        if key_node.value not in GLOSSARY_LISTS:
            fail(key_node, f"unknown list '{key_node.value}' (expected {', '.join(GLOSSARY_LISTS)})")
        if not isinstance(list_node, yaml.SequenceNode):
            fail(list_node, f"'{key_node.value}' must be a list of entries (lines starting with '- ')")
        for entry_node in list_node.value:
            if not isinstance(entry_node, yaml.MappingNode) or not entry_node.value:
                fail(entry_node, "an entry gives one text or list of texts per language, e.g. 'vi: mũi'")
            entry = {}
            for language_node, value_node in entry_node.value:
                values = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                texts = []
                for value in values:
                    if not isinstance(value, yaml.ScalarNode) or not str(value.value).strip():
                        fail(value, f"'{language_node.value}' must be a text or a list of texts")
                    text = str(value.value).strip()
                    if unicodedata.normalize("NFC", text) != text:
                        fail(value, f"'{text}' is not in NFC; run make check FIX=1")
                    texts.append(text)
                entry[str(language_node.value)] = texts
            glossary[key_node.value].append(entry)
    return glossary


def search_glossary(glossary: dict, language: str, source: str) -> list[list[list[str]]]:
    """For the index of ``language``: pairs [reader's words, source-language words].

    A reader of an English page may type the English word for what a Vietnamese name
    says ("island" for "Hòn"); the source language itself needs no pairs."""
    if language == source:
        return []
    pairs = []
    for name in GLOSSARY_LISTS:
        for entry in glossary.get(name, []):
            for said in entry.get(language, []):
                for meant in entry.get(source, []):
                    pair = [search_words(said), search_words(meant)]
                    if pair[0] and pair[1] and pair[0] != pair[1] and pair not in pairs:
                        pairs.append(pair)
    return pairs


def portal_search_config(glossary: dict, language: str, source: str) -> dict:
    """What the worker needs beyond lunr's settings (``config.portal`` in the index)."""
    return {
        "khmer": [list(pair) for pair in KHMER_EQUIVALENCES],
        "glossary": search_glossary(glossary, language, source),
    }


def lunr_language(code: str) -> str:
    """The lunr language Material can load for ``code`` (English when it has none)."""
    return code if code == "en" or (LUNR_DIR / f"lunr.{code}.min.js").is_file() else "en"


def search_config(strings: dict[str, str], base: dict, pipeline: list[str] | None,
                  portal: dict | None = None) -> dict:
    """The index's ``config`` for one language, from that language's interface strings."""
    separator = strings.get("search.config.separator", r"[\s\-]+").replace("\\\\", "\\")
    if ZWSP not in separator and "\\u200b" not in separator:
        # Khmer words carry ZWSP between them in every index, whatever the page's language.
        separator = separator.replace("[\\s", "[\\s\\u200b", 1)
    if "\u17d7" not in separator and "\\u17d7" not in separator:
        # The repetition sign ៗ is punctuation for matching (see KHMER_EQUIVALENCES).
        separator = separator.replace("[\\s", "[\\s\\u17d7", 1)
    if pipeline is None:
        pipeline = [item.strip() for item in strings.get("search.config.pipeline", "").split(",")
                    if item.strip()]
    config = dict(base)
    config.update({
        "lang": [lunr_language(strings.get("search.config.lang", "en"))],
        "separator": separator,
        "pipeline": pipeline,
    })
    if portal is not None:
        config["portal"] = portal
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
    return {code: {"config": _without_unused_tables(configs[code], docs[code]), "docs": docs[code]}
            for code in prefixes}


def _without_unused_tables(config: dict, docs: list[dict]) -> dict:
    # What cannot match this index's text stays out of it: the Khmer table where there is
    # no Khmer, glossary pairs whose words the pages never use.
    portal = config.get("portal")
    if not portal:
        return config
    texts = [entry.get(key, "") for entry in docs for key in ("title", "text")]
    portal = dict(portal)
    if "khmer" in portal and not any(KHMER_RUN.search(text) for text in texts):
        del portal["khmer"]
    if portal.get("glossary"):
        present = set(re.split(r"[^\w]+", fold_latin(" ".join(texts).lower())))
        portal["glossary"] = [pair for pair in portal["glossary"]
                              if all(word in present or KHMER_RUN.search(word) for word in pair[1])]
    return dict(config, portal=portal)


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
