#!/usr/bin/env python3
"""Create a page: scripts/new_page.py SECTION "Tiêu đề trang" [--translations en km]."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from portal.scaffold import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
