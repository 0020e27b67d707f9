"""Image pipeline benchmark on real, openly licensed photographs (Debian's
lomiri-wallpapers packages, fetched here, never committed), against libvips (pyvips)
doing the same job: widths 480/960/1600 in AVIF and WebP plus one 1600px JPEG, the same
quality settings, two processes each.

Prints photos per second, bytes per format, and the SSIM of the 960px AVIF and WebP and
of the 1600px JPEG against a reference downscale (Pillow, Lanczos, from the full
original), as medians and ratios; then, for each format, the libvips quality giving the
same SSIM, the bytes there (interpolated between the two libvips qualities around our
SSIM) and libvips' throughput with those qualities. Never fails on a slow machine.

Run: make bench-images
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("lomiri-wallpapers-16.04", "lomiri-wallpapers-20.04")
STORE = ROOT / ".cache" / "bench" / "wallpapers"
SHARP = ROOT / ".cache" / "bench" / "sharp"
SHARP_VERSION = "0.35.5"
WIDTHS = (480, 960, 1600)
AVIF_Q, AVIF_SPEED, WEBP_Q, WEBP_METHOD, JPEG_Q = 55, 6, 78, 4, 80
JOBS = 2


def fetch_photos() -> list[Path]:
    """Download the wallpaper packages with apt and unpack their photographs once."""
    if STORE.is_dir() and any(STORE.iterdir()):
        return sorted(STORE.glob("*.jpg"))
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["apt-get", "download", *PACKAGES], cwd=folder, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for deb in Path(folder).glob("*.deb"):
            subprocess.run(["dpkg-deb", "-x", str(deb), str(Path(folder) / "x")], check=True)
        STORE.mkdir(parents=True, exist_ok=True)
        for photo in Path(folder, "x").rglob("*"):
            if photo.suffix.lower() in (".jpg", ".jpeg") and photo.is_file():
                shutil.copy2(photo, STORE / photo.name)
    return sorted(STORE.glob("*.jpg"))


def ssim(a, b) -> float:
    """Mean structural similarity of two greyscale images (8x8 windows, standard constants)."""
    import numpy as np

    x, y = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    height, width = (min(x.shape[0], y.shape[0]) // 8) * 8, (min(x.shape[1], y.shape[1]) // 8) * 8
    x, y = x[:height, :width], y[:height, :width]

    def blocks(array):
        return array.reshape(height // 8, 8, width // 8, 8).transpose(0, 2, 1, 3).reshape(-1, 64)

    bx, by = blocks(x), blocks(y)
    mx, my = bx.mean(1), by.mean(1)
    vx, vy = bx.var(1), by.var(1)
    cov = ((bx - mx[:, None]) * (by - my[:, None])).mean(1)
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    return float((((2 * mx * my + c1) * (2 * cov + c2)) / ((mx ** 2 + my ** 2 + c1) * (vx + vy + c2))).mean())


COMPARED_WIDTH = {"avif": 960, "webp": 960, "jpeg": max(WIDTHS)}  # the JPEG exists at one width


def references(path: Path) -> dict[int, object]:
    from PIL import Image, ImageOps

    with Image.open(path) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
        return {width: image.resize((width, round(image.height * width / image.width)),
                                    Image.Resampling.LANCZOS).convert("L")
                for width in set(COMPARED_WIDTH.values())}


def vips_encode(image, fmt: str, quality: int) -> bytes:
    """The bench's settings for libvips, without metadata."""
    if fmt == "avif":
        return image.heifsave_buffer(Q=quality, effort=9 - AVIF_SPEED, compression="av1", keep="none")
    if fmt == "webp":
        return image.webpsave_buffer(Q=quality, effort=WEBP_METHOD, keep="none")
    return image.jpegsave_buffer(Q=quality, optimize_coding=True, interlace=True, keep="none")


def vips_job(path_and_qualities) -> dict:
    """libvips doing the same job: shrink-on-load thumbnails, same formats and settings
    (or the given qualities)."""
    import pyvips

    path, qualities = path_and_qualities
    quality = {"avif": AVIF_Q, "webp": WEBP_Q, "jpeg": JPEG_Q} | qualities
    started = time.perf_counter()
    original = pyvips.Image.new_from_file(path)  # header only: libvips decodes lazily
    widths = [w for w in WIDTHS if w <= original.width] or [original.width]
    out = {}
    for width in widths:
        # Decoded once into memory, then saved three ways (a streamed image can be read once).
        image = pyvips.Image.thumbnail(path, width, size="down").copy_memory()
        formats = ("avif", "webp", "jpeg") if width == max(widths) else ("avif", "webp")
        for fmt in formats:
            out[(fmt, width)] = vips_encode(image, fmt, quality[fmt])
    return {"seconds": time.perf_counter() - started, "out": out}


def vips_rendition(job) -> bytes:
    """libvips' rendition of one photo in one format, width and quality."""
    import pyvips

    path, fmt, width, quality = job
    return vips_encode(pyvips.Image.thumbnail(path, width, size="down").copy_memory(), fmt, quality)


def vips_renditions(originals, fmt: str, width: int, quality: int) -> list[bytes]:
    with ProcessPoolExecutor(JOBS) as pool:
        return list(pool.map(vips_rendition, [(str(p), fmt, width, quality) for p in originals]))


def sharp_ready() -> Path | None:
    """sharp (with its own libvips, mozjpeg inside), installed on first use; None when npm
    or the registry is out of reach."""
    if not (SHARP / "node_modules" / "sharp").is_dir():
        if not shutil.which("npm"):
            return None
        SHARP.mkdir(parents=True, exist_ok=True)
        (SHARP / "package.json").write_text('{"private": true}\n', encoding="utf-8")
        result = subprocess.run(["npm", "install", "--no-audit", "--no-fund", f"sharp@{SHARP_VERSION}"],
                                cwd=SHARP, capture_output=True, text=True)
        if result.returncode != 0:
            print(f"sharp: not installed ({result.stderr.strip()[-200:]})")
            return None
    script = SHARP / "sharp_jobs.mjs"  # beside node_modules, where `import "sharp"` resolves
    shutil.copy2(Path(__file__).with_name("sharp_jobs.mjs"), script)
    return script


def sharp_run(script: Path, jobs: list[dict]) -> tuple[float, list[bytes]]:
    """Runs the jobs (input, format, width, quality, effort) with sharp; their bytes in order."""
    import json

    with tempfile.TemporaryDirectory() as folder:
        for number, job in enumerate(jobs):
            job["output"] = str(Path(folder) / f"{number}.{job['format']}")
        result = subprocess.run(["node", str(script)], input=json.dumps(jobs), capture_output=True, text=True,
                                check=True)
        return json.loads(result.stdout)["seconds"], [Path(job["output"]).read_bytes() for job in jobs]


def sharp_job(path: Path, width: int, qualities: dict) -> list[dict]:
    widths = [w for w in WIDTHS if w <= width] or [width]
    jobs = []
    for w in widths:
        jobs.append({"input": str(path), "format": "avif", "width": w, "quality": qualities.get("avif", AVIF_Q),
                     "effort": 9 - AVIF_SPEED, "key": (path.stem, "avif", w)})
        jobs.append({"input": str(path), "format": "webp", "width": w, "quality": qualities.get("webp", WEBP_Q),
                     "effort": WEBP_METHOD, "key": (path.stem, "webp", w)})
    jobs.append({"input": str(path), "format": "jpeg", "width": max(widths), "quality": qualities.get("jpeg", JPEG_Q),
                 "effort": 0, "key": (path.stem, "jpeg", max(widths))})
    return jobs


def equal_ssim(tool: str, renditions, originals, refs, target: dict, ours_bytes: dict) -> tuple[dict, dict]:
    """Per format, the lowest quality of ``tool`` whose median SSIM reaches ours (steps of
    5, then bisection), and its bytes at exactly our SSIM, interpolated between that
    quality and the one below. ``renditions(fmt, width, quality)`` makes one per photo.
    Returns the qualities found and the bytes at our SSIM."""
    def run(fmt, quality):
        width = COMPARED_WIDTH[fmt]
        outputs = renditions(fmt, width, quality)
        scores = [ssim(refs[p.stem][width], decode_grey(data)) for p, data in zip(originals, outputs)]
        return statistics.median(scores), sum(len(data) for data in outputs)

    qualities, at_ssim = {}, {}
    for fmt, start in (("avif", AVIF_Q), ("webp", WEBP_Q), ("jpeg", JPEG_Q)):
        below, high, found = None, start, None
        while high <= 100:
            score, size = run(fmt, high)
            if score >= target[fmt]:
                found = (high, score, size)
                break
            below, high = (high, score, size), high + 5
        if found is None:
            print(f"equal SSIM {fmt}: {tool} never reached {target[fmt]:.4f}")
            continue
        if below is None:  # our start reached it already: look lower
            low = start - 1
            while low > 0:
                score, size = run(fmt, low)
                if score < target[fmt]:
                    below = (low, score, size)
                    break
                found, low = (low, score, size), low - 5
        while below and found[0] - below[0] > 1:
            middle = (below[0] + found[0]) // 2
            score, size = run(fmt, middle)
            if score >= target[fmt]:
                found = (middle, score, size)
            else:
                below = (middle, score, size)
        quality, score, size = found
        at_target = size
        if below and score > below[1]:
            share = (target[fmt] - below[1]) / (score - below[1])
            at_target = below[2] + share * (size - below[2])
        qualities[fmt], at_ssim[fmt] = quality, at_target
        print(f"equal SSIM {fmt}@{COMPARED_WIDTH[fmt]}: ours {target[fmt]:.4f}; {tool} Q{quality} reaches "
              f"{score:.4f}{f', Q{below[0]} {below[1]:.4f}' if below else ''}; bytes Pillow / {tool}: "
              f"{ours_bytes[fmt] / size:.3f} at Q{quality}, {ours_bytes[fmt] / at_target:.3f} at equal SSIM "
              "(interpolated)")
    return qualities, at_ssim


def decode_grey(data: bytes):
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return image.convert("L")


def summarise(name: str, elapsed: float, photos: int, outputs: dict, refs: dict) -> dict:
    by_format = {"avif": 0, "webp": 0, "jpeg": 0}
    scores = {"avif": [], "webp": [], "jpeg": []}
    for (photo, fmt, width), data in outputs.items():
        by_format[fmt] += len(data)
        if width == COMPARED_WIDTH[fmt]:
            scores[fmt].append(ssim(refs[photo][width], decode_grey(data)))
    rate = photos / elapsed
    print(f"{name:<8} {rate:6.2f} photos/s   "
          + "   ".join(f"{fmt} {total / 1e6:7.2f} MB" for fmt, total in by_format.items())
          + "   SSIM " + " ".join(f"{fmt}@{COMPARED_WIDTH[fmt]} {statistics.median(values):.4f}"
                                  for fmt, values in scores.items() if values))
    return {"rate": rate, "bytes": by_format,
            "ssim": {fmt: statistics.median(values) for fmt, values in scores.items() if values}}


def main() -> int:
    from portal import image_pipeline, photos

    originals = fetch_photos()
    megapixels, widths = [], {}
    from PIL import Image

    for path in originals:
        with Image.open(path) as image:
            megapixels.append(image.width * image.height / 1e6)
            widths[path] = image.width
    print(f"{len(originals)} photographs from {', '.join(PACKAGES)} "
          f"({min(megapixels):.1f}–{max(megapixels):.1f} MP); widths {WIDTHS}; "
          f"AVIF q{AVIF_Q} speed {AVIF_SPEED}, WebP q{WEBP_Q} method {WEBP_METHOD}, JPEG q{JPEG_Q}; {JOBS} processes")
    refs = {path.stem: references(path) for path in originals}

    with tempfile.TemporaryDirectory() as folder:
        settings = photos.ImageSettings(
            Path(folder) / "photos", Path(folder) / "cache", widths=WIDTHS,
            formats={"avif": photos.FormatSettings(AVIF_Q, AVIF_SPEED), "webp": photos.FormatSettings(WEBP_Q, WEBP_METHOD),
                     "jpeg": photos.FormatSettings(JPEG_Q, 0)},
            fallback_width=max(WIDTHS), max_pixels=100_000_000)
        settings.photos_dir.mkdir()
        for path in originals:
            os.link(path, settings.photos_dir / path.name)
            credit = path.stem.split("_by_")[-1].replace("_", " ")
            (settings.photos_dir / f"{path.stem}.yml").write_text(
                f"alt: {{vi: {path.stem}}}\ncredit: {credit}\nlicence: CC BY-SA (Debian lomiri-wallpapers)\n",
                encoding="utf-8")
        start = time.perf_counter()
        summary = image_pipeline.run(settings, jobs=JOBS)
        ours_elapsed = time.perf_counter() - start
        assert not summary.failed, [r.reason for r in summary.failed]
        ours_outputs = {}
        folder_out = image_pipeline.renditions_dir(settings)
        for result in summary.results:
            for output in result.outputs:
                ours_outputs[(result.id, output["format"], output["width"])] = (folder_out / output["file"]).read_bytes()
        dropped = sum(len(result.dropped) for result in summary.results)

        # A no-op rerun, as a whole process: the editors' everyday case.
        config_free = [sys.executable, "-c", (
            "import sys; sys.path.insert(0, %r)\n"
            "from portal import image_pipeline, photos\nfrom pathlib import Path\n"
            "s = photos.ImageSettings(Path(%r), Path(%r), widths=%r)\n"
            "image_pipeline.run(s)\n") % (str(ROOT / "src"), str(settings.photos_dir), str(settings.cache_dir), WIDTHS)]
        noop = []
        for _ in range(5):
            started = time.perf_counter()
            subprocess.run(config_free, check=True)
            noop.append(time.perf_counter() - started)

    def run_vips(qualities: dict) -> tuple[float, dict]:
        start = time.perf_counter()
        with ProcessPoolExecutor(JOBS) as pool:
            results = list(pool.map(vips_job, [(str(path), qualities) for path in originals]))
        return time.perf_counter() - start, {(path.stem, fmt, width): data for path, result in zip(originals, results)
                                             for (fmt, width), data in result["out"].items()}

    vips_elapsed, vips_outputs = run_vips({})
    print()
    ours = summarise("Pillow", ours_elapsed, len(originals), ours_outputs, refs)
    vips = summarise("libvips", vips_elapsed, len(originals), vips_outputs, refs)
    print()
    print(f"throughput Pillow / libvips, same settings: {ours['rate'] / vips['rate']:.2f}x")
    for fmt in ("avif", "webp", "jpeg"):
        print(f"bytes {fmt:<4} Pillow / libvips, same settings: {ours['bytes'][fmt] / vips['bytes'][fmt]:.3f}")
    print(f"encodings dropped as larger than an older format: {dropped}")
    ours_compared = {fmt: sum(len(data) for (photo, f, width), data in ours_outputs.items()
                              if f == fmt and width == COMPARED_WIDTH[fmt]) for fmt in COMPARED_WIDTH}
    qualities, vips_at_ssim = equal_ssim("libvips", lambda *job: vips_renditions(originals, *job), originals, refs,
                                         ours["ssim"], ours_compared)
    equal_elapsed, _ = run_vips(qualities)
    print(f"throughput Pillow / libvips at equal SSIM (libvips at {qualities}): "
          f"{equal_elapsed / ours_elapsed:.2f}x  (aim: at least 1.3x)")

    best = dict(vips_at_ssim)
    script = sharp_ready()
    if script is None:
        print("sharp: not run (npm unavailable)")
    else:
        jobs = [job for path in originals for job in sharp_job(path, widths[path], {})]
        sharp_elapsed, outputs = sharp_run(script, jobs)
        sharp_outputs = {job["key"]: data for job, data in zip(jobs, outputs)}
        print()
        sharp_summary = summarise("sharp", sharp_elapsed, len(originals), sharp_outputs, refs)
        print(f"throughput Pillow / sharp, same settings: {ours['rate'] / sharp_summary['rate']:.2f}x")

        def sharp_renditions(fmt, width, quality):
            return sharp_run(script, [{"input": str(p), "format": fmt, "width": width, "quality": quality,
                                       "effort": {"avif": 9 - AVIF_SPEED, "webp": WEBP_METHOD}.get(fmt, 0)}
                                      for p in originals])[1]

        sharp_qualities, sharp_at_ssim = equal_ssim("sharp", sharp_renditions, originals, refs, ours["ssim"],
                                                    ours_compared)
        sharp_equal_elapsed, _ = sharp_run(script, [job for path in originals
                                                    for job in sharp_job(path, widths[path], sharp_qualities)])
        print(f"throughput Pillow / sharp at equal SSIM (sharp at {sharp_qualities}): "
              f"{sharp_equal_elapsed / ours_elapsed:.2f}x")
        best = {fmt: min(size, sharp_at_ssim.get(fmt, size)) for fmt, size in best.items()}
    print("bytes at equal SSIM, Pillow / the best of the other tools (aim: at most 1): "
          + ", ".join(f"{fmt} {ours_compared[fmt] / size:.3f}" for fmt, size in best.items()))
    print(f"no-op rerun over {len(originals)} photos, whole process, median of 5: {statistics.median(noop) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
