"""Compare two built sites file by file (tests/test_engines.py, tests/compare_builds.py).

Every file is compared byte for byte. With ``ignore_generator``, the one thing that
tells two engines apart is left out first: the ``<meta name="generator">`` tag of HTML
pages, also inside their pre-compressed .gz and .br copies (which are decompressed, as
compressed bytes differ once the text does).
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from pathlib import Path

import brotli

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


@dataclass
class Comparison:
    files: int = 0
    only_in_first: list[str] = field(default_factory=list)
    only_in_second: list[str] = field(default_factory=list)
    differing: list[str] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not (self.only_in_first or self.only_in_second or self.differing)

    def summary(self) -> str:
        if self.identical:
            return f"{self.files} files, all identical"
        return (f"{self.files} files compared: {len(self.differing)} differ (e.g. {self.differing[:5]}), "
                f"only in the first: {self.only_in_first[:5]}, only in the second: {self.only_in_second[:5]}")


def files_of(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in sorted(site.rglob("*")) if path.is_file()}


def _normalized(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    elif path.suffix == ".br":
        data = brotli.decompress(data)
    return GENERATOR.sub(b'<meta name="generator" content="">', data)


def compare_sites(first: Path, second: Path, ignore_generator: bool = False) -> Comparison:
    a, b = files_of(first), files_of(second)
    result = Comparison(files=len(set(a) | set(b)))
    result.only_in_first = sorted(set(a) - set(b))
    result.only_in_second = sorted(set(b) - set(a))
    for name in sorted(set(a) & set(b)):
        same = a[name].read_bytes() == b[name].read_bytes()
        if not same and ignore_generator:
            same = _normalized(a[name]) == _normalized(b[name])
        if not same:
            result.differing.append(name)
    return result


def generator_tags(site: Path) -> set[bytes]:
    """The distinct generator tags of a site's HTML pages."""
    return {match.group(0) for path in site.rglob("*.html") for match in GENERATOR.finditer(path.read_bytes())}
