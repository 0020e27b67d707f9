#!/usr/bin/env python3
"""Make the photos in content/photos/ web-ready (or --check them). See scripts/README.md."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from portal.image_cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
