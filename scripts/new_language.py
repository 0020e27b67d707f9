#!/usr/bin/env python3
"""Scaffold a language's interface strings: scripts/new_language.py LANG [--config mkdocs.yml]."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from portal.new_language import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
