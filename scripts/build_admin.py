#!/usr/bin/env python3
"""Build the self-hosted web editor (Sveltia CMS) into a folder, as every site build does
for /admin/: fonts served locally, no URL of another origin left in its stylesheet.

    scripts/build_admin.py [DIR]   default: .cache/admin/bundle; exit 1 with the reason
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from portal import admin_bundle  # noqa: E402


def main(argv: list[str]) -> int:
    try:
        bundle = (admin_bundle.build(Path(argv[0])) if argv else admin_bundle.cached_bundle())
    except admin_bundle.AdminBuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Sveltia CMS {bundle.version} in {bundle.folder} with {len(bundle.fonts)} local fonts.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
