"""The photo demo (tests/fixtures/photo-demo/): a copy of the fixture with its
photographs taken from Debian's lomiri-wallpapers packages, which scripts/dev.sh test
and .ci/run install. The photographs are copied at test time, never committed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

DEMO = FIXTURES / "photo-demo"
BACKGROUNDS = Path("/usr/share/backgrounds")
# photo id -> (Debian package, its file, author and licence as its copyright file says)
PHOTOS = {
    "dong-co-nui": ("lomiri-wallpapers-16.04", "aitzgorri_by_Aitzol_Berasategi.jpg", "Aitzol Berasategi", "CC-BY-4.0"),
    "suoi-rung": ("lomiri-wallpapers-16.04", "life_by_Aitzol_Berasategi.jpg", "Aitzol Berasategi", "CC-BY-4.0"),
    "hoang-hon": ("lomiri-wallpapers-16.04", "sunset_by_Aitzol_Berasategi.jpg", "Aitzol Berasategi", "CC-BY-4.0"),
    "duong-nui": ("lomiri-wallpapers-16.04", "picosdeeuropa_by_Aitzol_Berasategi.jpg", "Aitzol Berasategi",
                  "CC-BY-4.0"),
    "bo-cong-anh": ("lomiri-wallpapers-16.04", "seeding_by_Clements_Engelhardt.jpg", "Clemens Engelhardt", "CC0-1.0"),
    "qua-sung": ("lomiri-wallpapers-16.04", "Picture_0B_by_freespace.jpg", "Freespace", "CC-BY-4.0"),
    "chim-go-kien": ("lomiri-wallpapers-20.04", "Kleiber_by_Lukas_Baubkus.jpg", "Lukas Baubkus", "CC-BY-SA-3.0"),
}
INSTALL = "apt-get install -y lomiri-wallpapers-16.04 lomiri-wallpapers-20.04"


def require_photographs() -> None:
    missing = [name for _, name, _, _ in PHOTOS.values() if not (BACKGROUNDS / name).is_file()]
    if missing:
        pytest.fail(f"the photo demo needs Debian's wallpaper packages ({', '.join(missing)} missing): {INSTALL} "
                    "(scripts/dev.sh test does it when run as root)")


def prepare(target: Path) -> Path:
    """The demo copied into ``target`` with its photographs; returns its mkdocs.yml."""
    require_photographs()
    shutil.copytree(DEMO, target)
    for photo_id, (_, name, _, _) in PHOTOS.items():
        shutil.copyfile(BACKGROUNDS / name, target / "content" / "photos" / f"{photo_id}.jpg")
    config = target / "mkdocs.yml"
    # The fixture names its photo cache relative to its own folder.
    config.write_text(config.read_text(encoding="utf-8").replace("../../../", f"{ROOT}/"), encoding="utf-8")
    return config
