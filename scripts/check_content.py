#!/usr/bin/env python3
"""Check the content: front matter, text, links, photos, file names (make check)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from portal.content_cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
