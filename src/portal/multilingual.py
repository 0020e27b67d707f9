"""Find the multilingual text fields in data files, with their line numbers.

A multilingual field is a mapping whose keys are language codes and which holds the
source language, for example ``name: {vi: Lễ hội, en: Festival}``. Data files under
``content/`` (festivals, products, indicators, photo metadata) all use that shape, so one
walker serves the translation report, the checks and the build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .frontmatter import YAML_LOADER


@dataclass(frozen=True)
class Field:
    file: str
    line: int  # 1-based
    path: str  # e.g. festivals[0].name
    texts: dict[str, str]  # language -> text ("" when empty)


class DataFileError(Exception):
    def __init__(self, file: str, line: int, message: str):
        super().__init__(f"{file}:{line}: {message}")
        self.file, self.line, self.message = file, line, message


def _is_multilingual(node: yaml.MappingNode, languages: set[str], source: str) -> bool:
    keys = [key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)]
    return bool(keys) and source in keys and set(keys) <= languages and all(
        isinstance(value, yaml.ScalarNode) for _, value in node.value
    )


def _walk(node, path: str, file: str, languages: set[str], source: str, found: list[Field]):
    if isinstance(node, yaml.MappingNode):
        if _is_multilingual(node, languages, source):
            texts = {key.value: (value.value or "").strip() for key, value in node.value}
            found.append(Field(file, node.start_mark.line + 1, path, texts))
            return
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else "?"
            _walk(value, f"{path}.{name}" if path else name, file, languages, source, found)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, f"{path}[{index}]", file, languages, source, found)


def multilingual_fields(text: str, file: str, languages: list[str] | tuple[str, ...],
                        source: str) -> list[Field]:
    """Every multilingual field in one YAML document, in file order."""
    try:
        root = yaml.compose(text, Loader=YAML_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise DataFileError(file, (mark.line + 1) if mark else 1,
                            f"not valid YAML ({getattr(error, 'problem', None) or error})") from error
    found: list[Field] = []
    if root is not None:
        _walk(root, "", file, set(languages), source, found)
    return found


def data_files(content_dir: Path) -> list[Path]:
    if not content_dir.is_dir():
        return []
    return sorted(path for pattern in ("*.yml", "*.yaml") for path in content_dir.rglob(pattern))
