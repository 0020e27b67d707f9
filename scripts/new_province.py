#!/usr/bin/env python3
"""Start a province: scripts/new_province.py DIR --languages vi,en --default vi --name "..."."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from portal.new_province import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
