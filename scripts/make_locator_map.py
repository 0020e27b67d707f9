#!/usr/bin/env python3
"""Draw the locator map (docs/assets/locator-map.svg) from Natural Earth country
outlines in the `world-atlas` npm package, with the settings of mkdocs.yml
extra.province.map. Run again after changing them; the SVG is committed."""

import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from portal import locator_map  # noqa: E402
from portal.site import SiteConfigError, load_site  # noqa: E402

PACKAGE = "world-atlas@2.0.2"


def topology(cache: Path) -> Path:
    target = cache / "countries-50m.json"
    if not target.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as folder:
            name = subprocess.run(["npm", "pack", PACKAGE], cwd=folder, check=True, capture_output=True,
                                  text=True).stdout.strip().splitlines()[-1]
            with tarfile.open(Path(folder) / name) as archive:
                member = archive.getmember("package/countries-50m.json")
                target.write_bytes(archive.extractfile(member).read())
    return target


def main() -> int:
    try:
        site = load_site(ROOT / "mkdocs.yml")
    except SiteConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    settings = site.province.get("map")
    if not settings:
        print("error: mkdocs.yml has no extra.province.map (country, marker, box)", file=sys.stderr)
        return 2
    svg = locator_map.make(topology(ROOT / ".cache" / "world-atlas"), str(settings["country"]),
                           tuple(settings["marker"]), site.province["name"][site.default_language.code],
                           tuple(settings["box"]))
    target = ROOT / "docs" / "assets" / "locator-map.svg"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(svg, encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)} ({len(svg) // 1000} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
