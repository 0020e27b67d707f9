#!/usr/bin/env python3
"""What is missing or out of date in each language. See scripts/README.md."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from portal.translation_cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
