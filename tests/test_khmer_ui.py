"""Material ships no Khmer UI: ours must cover every key of Material's English file."""

import re
from pathlib import Path

import material

from conftest import ROOT

KEY = re.compile(r'^\s*"([^"]+)":\s*"(.*)",?\s*$', re.MULTILINE)
MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"
KHMER = ROOT / "src" / "portal" / "theme" / "partials" / "languages" / "km.html"
# Keys whose values are configuration, not text a reader sees.
NOT_TEXT = {"language", "direction", "search.config.lang", "search.config.pipeline",
            "search.config.separator"}


def strings(path: Path) -> dict[str, str]:
    return dict(KEY.findall(path.read_text(encoding="utf-8")))


def test_khmer_file_has_exactly_the_keys_of_materials_english_file():
    english, khmer = strings(MATERIAL_LANGUAGES / "en.html"), strings(KHMER)
    assert len(english) > 40  # the parser really read Material's file
    missing, unknown = set(english) - set(khmer), set(khmer) - set(english)
    assert not missing, f"Material has UI strings that km.html lacks: {sorted(missing)}"
    assert not unknown, f"km.html has keys Material does not use: {sorted(unknown)}"


def test_every_reader_visible_khmer_string_is_written_in_khmer_script():
    for key, value in strings(KHMER).items():
        if key in NOT_TEXT:
            continue
        assert re.search("[\u1780-\u17ff]", value), f"{key} is not in Khmer: {value!r}"


def test_khmer_search_splits_on_zero_width_space():
    separator = strings(KHMER)["search.config.separator"]
    assert "\\\\u200b" in separator
    assert strings(KHMER)["language"] == "km"
