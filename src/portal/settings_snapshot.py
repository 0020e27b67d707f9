"""Image settings without loading MkDocs on every run.

Loading ``mkdocs.yml`` through ``mkdocs.config.load_config`` takes about 0.3 s (MkDocs,
Material and the plugins are imported), more than a whole no-op run of the image
pipeline should. The settings read through load_config are kept in a snapshot keyed by
mkdocs.yml's path, size and modification time, and read again whenever it changes.
"""

from __future__ import annotations

import json
from pathlib import Path

from .atomic import atomic_write_text
from .photos import FormatSettings, ImageSettings, image_settings

SNAPSHOT_VERSION = 2  # 2: custom_dir and the configuration's review dates (portal.sources)


def _key(config_file: Path) -> list:
    stat = config_file.stat()
    return [str(config_file), stat.st_size, stat.st_mtime_ns, SNAPSHOT_VERSION]


def _to_json(settings: ImageSettings, languages: list[str], source: str, docs_dir: str) -> dict:
    return {
        "photos_dir": str(settings.photos_dir), "cache_dir": str(settings.cache_dir),
        "widths": list(settings.widths), "fallback_width": settings.fallback_width,
        "max_pixels": settings.max_pixels, "min_width": settings.min_width, "max_bytes": settings.max_bytes,
        "formats": {name: [value.quality, value.effort] for name, value in settings.formats.items()},
        "languages": languages, "source_language": source, "docs_dir": docs_dir,
    }


def _from_json(data: dict) -> ImageSettings:
    return ImageSettings(
        photos_dir=Path(data["photos_dir"]), cache_dir=Path(data["cache_dir"]),
        widths=tuple(data["widths"]),
        formats={name: FormatSettings(*values) for name, values in data["formats"].items()},
        fallback_width=data["fallback_width"], max_pixels=data["max_pixels"],
        min_width=data["min_width"], max_bytes=data["max_bytes"],
    )


def _config_reviews(site) -> list[dict]:
    """Time-sensitive settings: ``extra.province.official_portal_checked: {as_of, review}``."""
    checked = (site.province or {}).get("official_portal_checked") or {}
    if not checked:
        return []
    return [{"what": f"official_portal {site.province.get('official_portal')}",
             "as_of": str(checked.get("as_of", "")), "review": str(checked.get("review", ""))}]


def extras(config_file: Path) -> dict:
    """The snapshot's other values: ``custom_dir`` and ``reviews`` (read after load())."""
    load(config_file)
    snapshot = config_file.resolve().parent / ".cache" / "portal-settings.json"
    values = json.loads(snapshot.read_text(encoding="utf-8"))["values"]
    return {"custom_dir": values.get("custom_dir", ""), "reviews": values.get("reviews", [])}


def load(config_file: Path) -> tuple[ImageSettings, list[str], str, Path]:
    """(image settings, site languages, source language, docs_dir) for a site."""
    config_file = config_file.resolve()
    snapshot = config_file.parent / ".cache" / "portal-settings.json"
    key = _key(config_file)
    try:
        data = json.loads(snapshot.read_text(encoding="utf-8"))
        if data.get("key") == key:
            values = data["values"]
            return _from_json(values), values["languages"], values["source_language"], Path(values["docs_dir"])
    except (OSError, ValueError, KeyError):
        pass
    from .site import load_site  # imports MkDocs: only when mkdocs.yml changed

    site = load_site(config_file)
    settings = image_settings(site.config.extra, config_file.parent)
    values = _to_json(settings, list(site.codes), site.default_language.code, str(site.docs_dir))
    values["custom_dir"] = site.config.theme.custom_dir or ""
    values["reviews"] = _config_reviews(site)
    atomic_write_text(snapshot, json.dumps({"key": key, "values": values}, ensure_ascii=False))
    return settings, list(site.codes), site.default_language.code, site.docs_dir
