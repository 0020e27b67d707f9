"""Unicode ranges of the scripts the portal treats specially (search segmentation,
content checks, fonts of social cards), defined once."""

# The Khmer block and Khmer Symbols (lunar-date signs): one script for segmentation and fonts.
KHMER = "\u1780-\u17ff\u19e0-\u19ff"
# CJK radicals to unified ideographs, and compatibility ideographs (a Chinese edition).
HAN = "\u2e80-\u9fff\uf900-\ufaff"

import re as _re
import unicodedata as _unicodedata

_KHMER_RUN = _re.compile(f"[{KHMER}]")
_COENG = "\u17d2"


def _break_pieces(text: str) -> list[str]:
    """The text in pieces that may end a shortened line: runs between spaces, and Khmer
    words (Khmer is written without spaces between words)."""
    pieces: list[str] = []
    for chunk in _re.split(r"(\s+)", text):
        if chunk and _KHMER_RUN.search(chunk) and not chunk.isspace():
            from khmercut import tokenize  # imported late: only Khmer text needs the model

            pieces += [word for word in tokenize(chunk) if word]
        elif chunk:
            pieces.append(chunk)
    return pieces


def shorten(text: str, limit: int, ellipsis: str = "…") -> str:
    """``text`` cut to at most ``limit`` characters at a word's end, with ``ellipsis``.
    Never inside a Khmer cluster: a subscript (COENG) or a vowel sign left without its
    consonant shows as a broken glyph in search results and link previews."""
    if len(text) <= limit:
        return text
    room = limit - len(ellipsis)
    kept = ""
    for piece in _break_pieces(text):
        if len(kept) + len(piece) > room:
            break
        kept += piece
    kept = kept.rstrip()
    if not kept:  # one word longer than the room: cut between two whole clusters
        cut = room
        while cut > 0 and (_unicodedata.category(text[cut])[0] == "M" or text[cut - 1] == _COENG
                           or text[cut] == _COENG):
            cut -= 1
        kept = text[:cut]
    return kept + ellipsis
