"""scripts/optimize_images.py: make editors' photos web-ready, or --check them.

Exit codes: 0 all done, 1 some photo failed (or --check found something to fix),
2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import image_pipeline, photos, settings_snapshot


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="optimize_images.py",
        description="Turn the originals in content/photos/ into responsive web images.")
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml")
    parser.add_argument("--check", action="store_true",
                        help="check originals and metadata without encoding anything")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--jobs", type=int, default=None, help="parallel workers (default: all cores)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    config = Path(args.config)
    if not config.is_file():
        print(f"error: {config}: no such configuration file", file=sys.stderr)
        return 2
    if args.jobs is not None and args.jobs < 1:
        print("error: --jobs must be at least 1", file=sys.stderr)
        return 2
    try:
        settings, languages, source, docs_dir = settings_snapshot.load(config)
    except Exception as error:  # the configuration itself is unusable
        print(f"error: {config}: {error}", file=sys.stderr)
        return 2
    if args.check:
        return run_check(settings, languages, source, docs_dir, args.format)
    interactive = sys.stderr.isatty() and args.format == "text"
    summary = image_pipeline.run(settings, jobs=args.jobs,
                                 progress=image_pipeline.progress_printer() if interactive else None)
    if args.format == "json":
        print(json.dumps({"photos": [result.to_json() for result in summary.results],
                          "pruned": summary.pruned, "seconds": round(summary.seconds, 3)},
                         ensure_ascii=False, indent=2))
    else:
        for result in summary.failed:
            print(f"{result.source}: {result.reason}", file=sys.stderr)
        counts = {status: sum(1 for r in summary.results if r.status == status)
                  for status in ("encoded", "unchanged", "error")}
        written = sum(len(r.outputs) for r in summary.results if r.status == "encoded")
        print(f"photos: {counts['encoded']} encoded ({written} files), {counts['unchanged']} unchanged, "
              f"{counts['error']} failed, {len(summary.pruned)} old files removed "
              f"in {summary.seconds:.2f} s")
    return 1 if summary.failed else 0


def run_check(settings, languages, source, docs_dir: Path, output_format: str) -> int:
    from .photo_markup import references
    from .translations import language_of

    records = photos.load_records(settings.photos_dir)
    files = photos.originals(settings.photos_dir)
    problems: list[dict] = []  # must be fixed
    notes: list[dict] = []  # worth knowing

    def add(target, path, line, message):
        target.append({"path": os.path.relpath(path), "line": line, "message": message})

    used: dict[str, set[str]] = {}
    targets = {code for code in languages if code != source}
    for page in sorted(docs_dir.rglob("*.md")):
        language, _ = language_of(page.relative_to(docs_dir), targets)
        for reference in references(page.read_text(encoding="utf-8")):
            used.setdefault(reference.photo_id, set()).add(language or source)
            if reference.photo_id not in records:
                add(problems, page, reference.line, f"unknown photo '{reference.photo_id}'")
    for photo_id, record in records.items():
        for line, message in record.problems:
            add(problems, record.metadata_file, line, message)
        if record.original is None:
            add(problems, record.metadata_file, 1,
                f"no original for this record — add {photo_id}.jpg (or .png, .webp, .tif, .heic) beside it")
        for language in languages:
            if not record.alt.get(language):
                target = problems if language in used.get(photo_id, set()) or language == source else notes
                add(target, record.metadata_file, 1, f"no alt text in '{language}'")
            if record.caption.get(source) and not record.caption.get(language):
                add(notes, record.metadata_file, 1, f"no caption in '{language}' (the source caption is shown)")
        if photo_id not in used:
            add(notes, record.metadata_file, 1, "not used on any page")
    for photo_id, path in files.items():
        if photo_id not in records:
            add(problems, path, 1, f"no metadata record — add {photo_id}.yml with alt, credit and licence")
        if path.suffix.lower() not in photos.ORIGINAL_SUFFIXES:
            add(problems, path, 1, "unsupported format — use JPEG, PNG, WebP, TIFF or HEIC")
            continue
        try:
            size = path.stat().st_size
        except OSError as error:
            add(problems, path, 1, f"cannot read the file ({error.strerror})")
            continue
        if size > settings.max_bytes:
            add(problems, path, 1, f"{size:,} bytes, over the limit of {settings.max_bytes:,}")
        dimensions = _dimensions(path)
        if dimensions is None:
            add(problems, path, 1, "not a readable image")
            continue
        width, height = dimensions
        if width * height > settings.max_pixels:
            add(problems, path, 1, f"{width}×{height} pixels, over the limit of {settings.max_pixels:,}")
        elif width < settings.min_width:
            add(notes, path, 1, f"only {width} pixels wide; {settings.min_width} or more looks sharp in a full-width figure")
    if output_format == "json":
        print(json.dumps({"problems": problems, "notes": notes}, ensure_ascii=False, indent=2))
    else:
        for item in problems:
            print(f"{item['path']}:{item['line']}: {item['message']}")
        for item in notes:
            print(f"{item['path']}:{item['line']}: note: {item['message']}")
        print(f"photos: {len(files)} originals, {len(records)} records, {len(problems)} to fix, {len(notes)} notes")
    return 1 if problems else 0


def _dimensions(path: Path) -> tuple[int, int] | None:
    from PIL import Image

    if path.suffix.lower() in (".heic", ".heif"):
        import pillow_heif

        pillow_heif.register_heif_opener()
    try:
        with Image.open(path) as image:
            rotated = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)
            return (image.height, image.width) if rotated else image.size
    except (OSError, Image.DecompressionBombError, ValueError):
        return None
