"""The incremental, parallel image pipeline behind scripts/optimize_images.py and the build.

A manifest in the cache folder remembers, per photo, the original's size, modification
time and SHA-256, and every rendition made with which settings. A rerun with nothing
changed only stats files (Pillow is not even imported); a changed setting re-encodes
only the format it affects; renditions of removed photos are pruned. Each rendition is
written atomically, and one bad original never stops the others.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .atomic import atomic_write_bytes, atomic_write_text
from .photos import ImageSettings, PhotoRecord, load_records, originals

MANIFEST_VERSION = 1
MODERN_FORMATS = ("webp", "avif")  # in encoding order: each must beat what came before
SUFFIX = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}


@dataclass
class PhotoResult:
    id: str
    source: str
    status: str  # encoded | unchanged | error
    reason: str | None = None
    input_bytes: int = 0
    outputs: list[dict] = field(default_factory=list)
    dropped: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def output_bytes(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for output in self.outputs:
            totals[output["format"]] = totals.get(output["format"], 0) + output["bytes"]
        return totals

    def to_json(self) -> dict:
        data = asdict(self)
        data["output_bytes"] = self.output_bytes
        return data


def renditions_dir(settings: ImageSettings) -> Path:
    return settings.cache_dir / "renditions"


def manifest_path(settings: ImageSettings) -> Path:
    return settings.cache_dir / "manifest.json"


def load_manifest(settings: ImageSettings) -> dict:
    try:
        data = json.loads(manifest_path(settings).read_text(encoding="utf-8"))
        if data.get("version") == MANIFEST_VERSION:
            return data
    except (OSError, ValueError):
        pass
    return {"version": MANIFEST_VERSION, "photos": {}}


def save_manifest(settings: ImageSettings, manifest: dict) -> None:
    atomic_write_text(manifest_path(settings), json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def credit_signature(record: PhotoRecord) -> str:
    return hashlib.sha256(f"{record.credit}\n{record.licence}".encode()).hexdigest()[:12]


def target_widths(original_width: int, widths) -> list[int]:
    fitting = [width for width in widths if width <= original_width]
    return fitting or [original_width]


def wanted(settings: ImageSettings, upright_width: int) -> dict[str, tuple[str, int]]:
    """Key -> (format, width) of every rendition a photo of that width should have."""
    widths = target_widths(upright_width, settings.widths)
    keys = {}
    for width in widths:
        for image_format in MODERN_FORMATS:
            keys[f"{settings.fingerprint(image_format)}@{width}"] = (image_format, width)
    fallback = max([width for width in widths if width <= settings.fallback_width] or [min(widths)])
    keys[f"{settings.fingerprint('jpeg')}@{fallback}"] = ("jpeg", fallback)
    return keys


def rendition_name(photo_id: str, width: int, image_format: str, source_hash: str, key: str) -> str:
    tag = hashlib.sha256(f"{source_hash}|{key}".encode()).hexdigest()[:8]
    return f"{photo_id}-{width}-{tag}.{SUFFIX[image_format]}"


def encode_photo(task: dict) -> dict:
    """Worker: decode one original, make the missing renditions. Runs in a subprocess."""
    started = time.perf_counter()
    try:
        return _encode_photo(task, started)
    except Exception as error:  # an encoder failure on one photo must not stop the others
        return {"error": f"could not encode it ({type(error).__name__}: {error})",
                "seconds": time.perf_counter() - started}


def _encode_photo(task: dict, started: float) -> dict:
    from . import imaging  # Pillow is imported only when something must be encoded

    settings: ImageSettings = task["settings"]
    path = Path(task["path"])
    try:
        image = imaging.open_original(path, settings.max_pixels, max(settings.widths))
        image = imaging.to_srgb(image)
    except imaging.ImageProblem as problem:
        return {"error": str(problem), "seconds": time.perf_counter() - started}
    upright_width = task["upright_width"] or image.width
    # The draft decode may have shrunk the image: renditions never exceed the original.
    plan = wanted(settings, upright_width)
    needed = {key: value for key, value in plan.items() if key not in task["have"]}
    exif = imaging.exif_bytes(task["credit"], task["licence"])
    xmp = imaging.xmp_packet(task["credit"], task["licence"])
    by_width: dict[int, list[tuple[str, str]]] = {}
    for key, (image_format, width) in needed.items():
        by_width.setdefault(width, []).append((image_format, key))
    made, dropped = [], []
    existing_bytes = task["existing_bytes"]  # (format, width) -> bytes of renditions kept
    for width, resized in imaging.resize_chain(image, sorted(by_width)):
        sizes = {fmt: size for (fmt, w), size in existing_bytes.items() if w == width}
        for image_format in ("jpeg", *MODERN_FORMATS):
            key = next((k for fmt, k in by_width[width] if fmt == image_format), None)
            if key is None:
                continue
            data = imaging.encode(resized, image_format, settings, exif, xmp)
            smaller = [fmt for fmt, size in sizes.items() if size <= len(data)]
            if image_format != "jpeg" and smaller:
                dropped.append({"key": key, "format": image_format, "width": width,
                                "reason": f"{len(data)} bytes, not smaller than {smaller[0]}"})
                continue
            name = rendition_name(task["id"], width, image_format, task["sha256"], key)
            atomic_write_bytes(Path(task["out_dir"]) / name, data)
            sizes[image_format] = len(data)
            made.append({"key": key, "file": name, "format": image_format, "width": width,
                         "height": resized.height, "bytes": len(data)})
    return {"made": made, "dropped": dropped, "width": upright_width, "height": image.height,
            "seconds": time.perf_counter() - started}


@dataclass
class RunSummary:
    results: list[PhotoResult]
    pruned: list[str]
    seconds: float

    @property
    def failed(self) -> list[PhotoResult]:
        return [result for result in self.results if result.status == "error"]


def run(settings: ImageSettings, jobs: int | None = None, progress=None) -> RunSummary:
    """Bring the renditions up to date with the originals, metadata and settings."""
    started = time.perf_counter()
    manifest = load_manifest(settings)
    records = load_records(settings.photos_dir)
    files = originals(settings.photos_dir)
    out_dir = renditions_dir(settings)
    results: list[PhotoResult] = []
    tasks = []
    for photo_id, path in files.items():
        relative = path.as_posix()
        record = records.get(photo_id)
        result = PhotoResult(photo_id, relative, "unchanged")
        results.append(result)
        try:
            stat = path.stat()
        except OSError as error:
            result.status, result.reason = "error", f"cannot read the file ({error.strerror})"
            continue
        result.input_bytes = stat.st_size
        if record is None:
            result.status, result.reason = "error", (
                f"no metadata record — add {settings.photos_dir / (photo_id + '.yml')} with alt, credit and licence")
            continue
        entry = manifest["photos"].get(photo_id)
        signature = credit_signature(record)
        if entry and (entry["size"], entry["mtime_ns"]) != (stat.st_size, stat.st_mtime_ns):
            digest = sha256(path)
            if digest == entry["sha256"]:
                entry["mtime_ns"] = stat.st_mtime_ns  # touched, not changed
            else:
                entry = None
        if entry and (entry.get("source") != path.name or entry.get("credit") != signature):
            entry = None
        if entry is not None:
            plan = wanted(settings, entry["width"])
            have = {key for key, output in entry["outputs"].items()
                    if key in plan and (out_dir / output["file"]).is_file()}
            have |= {key for key in entry.get("dropped", {}) if key in plan}
            if have >= set(plan):
                result.outputs = [output for key, output in entry["outputs"].items() if key in plan]
                continue
        else:
            entry = {"source": path.name, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
                     "sha256": sha256(path), "credit": signature, "width": None, "outputs": {},
                     "dropped": {}}
            have = set()
        manifest["photos"][photo_id] = entry
        existing = {(output["format"], output["width"]): output["bytes"]
                    for key, output in entry["outputs"].items() if key in have}
        tasks.append((result, entry, {
            "id": photo_id, "path": str(path), "settings": settings, "have": have,
            "upright_width": entry["width"], "credit": record.credit, "licence": record.licence,
            "sha256": entry["sha256"], "out_dir": str(out_dir), "existing_bytes": existing,
        }))

    if tasks:
        out_dir.mkdir(parents=True, exist_ok=True)
        # Largest originals first, so a big photo never runs alone at the end while the
        # other cores idle.
        tasks.sort(key=lambda item: -item[0].input_bytes)
        workers = max(1, min(jobs or os.cpu_count() or 1, len(tasks)))
        outcomes = (map(encode_photo, (task for _, _, task in tasks)) if workers == 1 else
                    ProcessPoolExecutor(max_workers=workers).map(encode_photo, (task for _, _, task in tasks)))
        for done, ((result, entry, task), outcome) in enumerate(zip(tasks, outcomes), start=1):
            result.seconds = outcome["seconds"]
            if "error" in outcome:
                result.status, result.reason = "error", outcome["error"]
                manifest["photos"].pop(result.id, None)
            else:
                result.status = "encoded"
                entry["width"], entry["height"] = outcome["width"], outcome["height"]
                plan = wanted(settings, entry["width"])
                entry["outputs"] = {key: output for key, output in entry["outputs"].items()
                                    if key in plan and key in task["have"]}
                entry["dropped"] = {key: reason for key, reason in entry.get("dropped", {}).items() if key in plan}
                for output in outcome["made"]:
                    entry["outputs"][output["key"]] = {k: v for k, v in output.items() if k != "key"}
                for item in outcome["dropped"]:
                    entry["dropped"][item["key"]] = item["reason"]
                    result.dropped.append(item)
                result.outputs = list(entry["outputs"].values())
            if progress:
                progress(done, len(tasks), result)

    for photo_id in list(manifest["photos"]):
        if photo_id not in files or photo_id not in records:
            manifest["photos"].pop(photo_id)
    pruned = prune(out_dir, manifest)
    if tasks or pruned:
        save_manifest(settings, manifest)
    return RunSummary(results, pruned, time.perf_counter() - started)


def prune(out_dir: Path, manifest: dict) -> list[str]:
    """Delete renditions the manifest no longer lists (removed photos, old settings)."""
    if not out_dir.is_dir():
        return []
    keep = {output["file"] for entry in manifest["photos"].values() for output in entry["outputs"].values()}
    removed = []
    for path in out_dir.iterdir():
        if path.is_file() and path.name not in keep:
            path.unlink()
            removed.append(path.name)
    return sorted(removed)


def renditions(settings: ImageSettings) -> dict[str, dict]:
    """What the build needs per photo: width, height and outputs (from the manifest)."""
    return load_manifest(settings)["photos"]


def progress_printer(stream=sys.stderr):
    def report(done: int, total: int, result: PhotoResult) -> None:
        width = 30
        filled = width * done // total
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {result.id[:40]:<40}")
        if done == total:
            stream.write("\n")
        stream.flush()

    return report
