"""The image pipeline on real image files made here with Pillow: each output rule and
each kind of bad input, the incremental rerun, pages with photos, and social cards."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageCms, ImageDraw

from conftest import ROOT, build_or_fail, run_mkdocs_build, soup, write_site
from portal import image_pipeline, photos, social_cards
from portal.image_cli import main as optimize_main

METADATA = "alt:\n  vi: Ảnh {id}\n  en: Photo {id}\ncredit: Nhóm biên tập\nlicence: CC BY 4.0\n"


def scene(size, mode="RGB") -> Image.Image:
    """A picture with detail (flat colour compresses unrealistically well)."""
    image = Image.new("RGB", size, (40, 120, 90))
    draw = ImageDraw.Draw(image)
    for step in range(0, size[0], 37):
        draw.line((step, 0, size[0] - step, size[1]), fill=(step % 255, 200 - step % 150, 90), width=5)
    draw.ellipse((size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2), fill=(250, 220, 30))
    return image.convert(mode) if mode != "RGB" else image


def add_photo(folder: Path, photo_id: str, image: Image.Image | None = None, suffix=".jpg",
              metadata: str | None = None, **save) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{photo_id}{suffix}"
    if image is not None:
        image.save(path, **save)
    (folder / f"{photo_id}.yml").write_text(
        metadata if metadata is not None else METADATA.format(id=photo_id), encoding="utf-8")
    return path


@pytest.fixture
def settings(tmp_path) -> photos.ImageSettings:
    return photos.ImageSettings(tmp_path / "content" / "photos", tmp_path / ".cache" / "images",
                                widths=(480, 960, 1600), fallback_width=960, max_pixels=20_000_000)


def outputs(settings, photo_id) -> dict[tuple[str, int], Path]:
    entry = image_pipeline.renditions(settings)[photo_id]
    folder = image_pipeline.renditions_dir(settings)
    return {(o["format"], o["width"]): folder / o["file"] for o in entry["outputs"].values()}


def run(settings, jobs=1):
    return image_pipeline.run(settings, jobs=jobs)


# --- outputs -----------------------------------------------------------------------------

def test_widths_from_settings_never_upscaled_in_avif_webp_and_one_jpeg(settings):
    add_photo(settings.photos_dir, "wide", scene((2000, 1000)), quality=90)
    add_photo(settings.photos_dir, "narrow", scene((700, 350)), quality=90)
    summary = run(settings)
    assert not summary.failed
    made = outputs(settings, "wide")
    widths = {width for _, width in made}
    assert widths == {480, 960, 1600}
    assert {(fmt, w) for fmt, w in made if fmt == "jpeg"} == {("jpeg", 960)}
    for (fmt, width), path in made.items():
        with Image.open(path) as image:
            assert image.width == width and image.height == width // 2
            assert image.format == {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG"}[fmt]
    narrow = outputs(settings, "narrow")
    assert {width for _, width in narrow} == {480}  # 700 px: nothing wider, never 960


def test_exif_orientation_is_applied(settings):
    image = Image.new("RGB", (1200, 600), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 600, 600))  # left half red
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    add_photo(settings.photos_dir, "rotated", image, exif=exif.tobytes(), quality=95)
    run(settings)
    with Image.open(outputs(settings, "rotated")[("jpeg", 480)]) as out:
        assert out.size == (480, 960)
        top = out.convert("RGB").getpixel((240, 100))
        assert top[0] > 200 and top[2] < 60, top  # the red half is on top once upright
        assert out.getexif().get(0x0112) in (None, 1)


def test_metadata_stripped_but_credit_kept_and_gps_removed(settings):
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    exif[0x8825] = {1: "N", 2: (10.0, 30.0, 0.0)}  # GPS
    add_photo(settings.photos_dir, "gps", scene((1000, 700)), exif=exif.tobytes(), quality=90,
              comment=b"secret note")
    run(settings)
    for (fmt, _), path in outputs(settings, "gps").items():
        with Image.open(path) as out:
            tags = out.getexif()
            assert 0x8825 not in tags and 0x010F not in tags, (fmt, dict(tags))
            assert tags.get(0x013B) == "Nhom bien tap"  # EXIF text is ASCII
            assert tags.get(0x8298) == "Nhom bien tap - CC BY 4.0"
            assert "comment" not in out.info and "icc_profile" not in out.info
        assert "Nhóm biên tập — CC BY 4.0".encode() in path.read_bytes(), fmt  # XMP, full Unicode
    raw = outputs(settings, "gps")[("jpeg", 960)].read_bytes()
    assert b"secret note" not in raw and b"CameraMaker" not in raw


def test_cmyk_and_icc_inputs_come_out_as_srgb(settings):
    add_photo(settings.photos_dir, "cmyk", Image.new("CMYK", (600, 400), (255, 0, 0, 0)), quality=95)
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    add_photo(settings.photos_dir, "tagged", scene((600, 400)), quality=95, icc_profile=srgb)
    assert not run(settings).failed
    with Image.open(outputs(settings, "cmyk")[("jpeg", 480)]) as out:
        assert out.mode == "RGB"
        red, green, blue = out.getpixel((100, 100))
        assert red < 60 and green > 150 and blue > 150  # cyan stays cyan
    for path in outputs(settings, "tagged").values():
        with Image.open(path) as out:
            assert "icc_profile" not in out.info


def test_sixteen_bit_greyscale_keeps_its_tones(settings):
    grey = Image.new("I;16", (600, 400), 32768)
    add_photo(settings.photos_dir, "deep", grey, suffix=".png")
    assert not run(settings).failed
    with Image.open(outputs(settings, "deep")[("jpeg", 480)]) as out:
        value = out.convert("L").getpixel((10, 10))
        assert 115 < value < 140, value  # mid grey, not white


def test_alpha_is_kept_in_modern_formats_and_white_in_the_jpeg(settings):
    image = Image.new("RGBA", (600, 400), (0, 0, 0, 0))
    image.paste((200, 30, 30, 255), (300, 0, 600, 400))
    add_photo(settings.photos_dir, "cutout", image, suffix=".png")
    palette = Image.new("P", (600, 400), 0)
    palette.putpalette([0, 0, 0, 250, 200, 0] + [0] * 762)
    palette.paste(1, (0, 0, 300, 400))
    palette.info["transparency"] = 0
    add_photo(settings.photos_dir, "indexed", palette, suffix=".png", transparency=0)
    assert not run(settings).failed
    with Image.open(outputs(settings, "cutout")[("jpeg", 480)]) as out:
        assert out.convert("RGB").getpixel((20, 20)) > (240, 240, 240)  # white, never black
    with Image.open(outputs(settings, "cutout")[("webp", 480)]) as out:
        assert out.mode == "RGBA" and out.getpixel((20, 20))[3] == 0
    with Image.open(outputs(settings, "indexed")[("jpeg", 480)]) as out:
        assert out.convert("RGB").getpixel((460, 20)) > (240, 240, 240)


def test_heic_from_phones_is_read(settings):
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    try:
        buffer = io.BytesIO()
        scene((800, 600)).save(buffer, "HEIF", quality=80)
    except (KeyError, OSError, ValueError) as error:
        pytest.skip(f"this libheif cannot encode a test HEIC file ({error})")
    add_photo(settings.photos_dir, "phone", suffix=".heic")
    (settings.photos_dir / "phone.heic").write_bytes(buffer.getvalue())
    assert not run(settings).failed
    assert ("avif", 480) in outputs(settings, "phone")


def test_an_encoding_larger_than_an_older_format_is_dropped(settings, tmp_path):
    costly = photos.ImageSettings(settings.photos_dir, settings.cache_dir, widths=(480,), fallback_width=480,
                                  formats={"avif": photos.FormatSettings(100, 9),
                                           "webp": photos.FormatSettings(100, 0),
                                           "jpeg": photos.FormatSettings(30, 0)})
    add_photo(settings.photos_dir, "busy", scene((600, 400)), quality=95)
    summary = run(costly)
    result = summary.results[0]
    assert {item["format"] for item in result.dropped} == {"webp", "avif"}
    assert {o["format"] for o in result.outputs} == {"jpeg"}
    second = run(costly)  # a dropped encoding is remembered, not retried
    assert second.results[0].status == "unchanged"


# --- incremental -------------------------------------------------------------------------

def test_rerun_with_nothing_changed_encodes_nothing(settings):
    for number in range(3):
        add_photo(settings.photos_dir, f"p{number}", scene((1000, 600)), quality=90)
    run(settings)
    before = {path: path.stat().st_mtime_ns for path in image_pipeline.renditions_dir(settings).iterdir()}
    summary = run(settings)
    assert [r.status for r in summary.results] == ["unchanged"] * 3
    after = {path: path.stat().st_mtime_ns for path in image_pipeline.renditions_dir(settings).iterdir()}
    assert before == after
    os.utime(settings.photos_dir / "p0.jpg")  # touched, same bytes
    assert run(settings).results[0].status == "unchanged"


def test_changing_one_format_setting_re_encodes_only_that_format(settings):
    add_photo(settings.photos_dir, "p", scene((1000, 600)), quality=90)
    run(settings)
    first = outputs(settings, "p")
    changed = photos.ImageSettings(settings.photos_dir, settings.cache_dir, settings.widths,
                                   {**settings.formats, "webp": photos.FormatSettings(60, 4)},
                                   settings.fallback_width, settings.max_pixels)
    summary = run(changed)
    assert summary.results[0].status == "encoded"
    second = outputs(changed, "p")
    for key, path in second.items():
        if key[0] == "webp":
            assert path != first[key] and not first[key].exists()
        else:
            assert path == first[key]


def test_outputs_of_a_removed_photo_are_pruned(settings):
    add_photo(settings.photos_dir, "gone", scene((700, 500)), quality=90)
    add_photo(settings.photos_dir, "kept", scene((700, 500)), quality=90)
    run(settings)
    (settings.photos_dir / "gone.jpg").unlink()
    (settings.photos_dir / "gone.yml").unlink()
    summary = run(settings)
    assert summary.pruned and all(name.startswith("gone-") for name in summary.pruned)
    assert all(not p.name.startswith("gone-") for p in image_pipeline.renditions_dir(settings).iterdir())
    assert "gone" not in image_pipeline.renditions(settings)


def test_originals_are_never_modified(settings):
    path = add_photo(settings.photos_dir, "orig", scene((1000, 600)), quality=90)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    run(settings)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


# --- bad input ---------------------------------------------------------------------------

def bad_inputs(folder: Path) -> dict[str, str]:
    """photo id -> words the reason must contain."""
    good = add_photo(folder, "good", scene((900, 600)), quality=90)
    data = good.read_bytes()
    add_photo(folder, "truncated")
    (folder / "truncated.jpg").write_bytes(data[: len(data) // 2])
    add_photo(folder, "empty")
    (folder / "empty.jpg").write_bytes(b"")
    add_photo(folder, "text")
    (folder / "text.jpg").write_text("not a photo at all", encoding="utf-8")
    add_photo(folder, "huge", Image.new("L", (5000, 5000)), quality=50)
    add_photo(folder, "animation", scene((300, 200)), suffix=".gif")
    add_photo(folder, "missing")
    os.symlink(folder / "does-not-exist.jpg", folder / "missing.jpg")
    add_photo(folder, "unlabelled", scene((600, 400)), quality=90)
    (folder / "unlabelled.yml").unlink()
    return {"truncated": "damaged or incomplete", "empty": "empty", "text": "not an image",
            "huge": "too large", "animation": "unsupported format", "missing": "cannot read",
            "unlabelled": "no metadata record"}


def test_each_bad_input_is_reported_and_the_rest_still_processed(settings):
    expected = bad_inputs(settings.photos_dir)
    small_limit = photos.ImageSettings(settings.photos_dir, settings.cache_dir, settings.widths,
                                       settings.formats, settings.fallback_width, max_pixels=10_000_000)
    summary = run(small_limit, jobs=2)
    by_id = {result.id: result for result in summary.results}
    assert by_id["good"].status == "encoded"
    for photo_id, words in expected.items():
        assert by_id[photo_id].status == "error", photo_id
        assert words in by_id[photo_id].reason, (photo_id, by_id[photo_id].reason)
    files = list(image_pipeline.renditions_dir(small_limit).iterdir())
    assert all(name.name.startswith("good-") for name in files)  # nothing partial for the bad ones
    assert not [f for f in files if f.name.endswith(".tmp")]


def test_command_exit_codes_and_json_report(tmp_path, capsys):
    config = write_site(tmp_path, {"index.md": "---\ntitle: T\ndescription: D\n---\n# T\n"})
    folder = tmp_path / "content" / "photos"
    add_photo(folder, "good", scene((900, 600)), quality=90)
    assert optimize_main(["--config", str(config), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    photo = report["photos"][0]
    assert photo["id"] == "good" and photo["status"] == "encoded"
    assert photo["input_bytes"] == (folder / "good.jpg").stat().st_size
    assert set(photo["output_bytes"]) == {"avif", "webp", "jpeg"} and photo["seconds"] > 0
    add_photo(folder, "broken")
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff")
    assert optimize_main(["--config", str(config)]) == 1
    captured = capsys.readouterr()
    assert "broken.jpg: not an image, or a damaged one" in captured.err
    assert "1 failed" in captured.out
    assert optimize_main(["--config", str(tmp_path / "none.yml")]) == 2
    assert optimize_main(["--config", str(config), "--jobs", "0"]) == 2


def test_check_lists_what_must_be_fixed_without_encoding(tmp_path, capsys):
    config = write_site(tmp_path, {
        "index.md": "---\ntitle: T\ndescription: D\n---\n# T\n\n![](photo:used)\n",
        "index.en.md": "---\ntitle: T\ndescription: D\n---\n# T\n\n![](photo:used)\n\n![](photo:ghost)\n",
    })
    folder = tmp_path / "content" / "photos"
    add_photo(folder, "used", scene((900, 600)), quality=90, metadata="alt: {vi: Ảnh}\ncredit: A\nlicence: CC0\n")
    add_photo(folder, "idle", scene((400, 300)), quality=90)
    (folder / "orphan.yml").write_text(METADATA.format(id="orphan"), encoding="utf-8")
    scene((300, 300)).save(folder / "nolabel.jpg")
    assert optimize_main(["--config", str(config), "--check"]) == 1
    out = capsys.readouterr().out
    assert "used.yml:1: no alt text in 'en'" in out  # used by an English page
    assert "index.en.md:9: unknown photo 'ghost'" in out
    assert "orphan.yml:1: no original for this record" in out
    assert "nolabel.jpg:1: no metadata record" in out
    assert "idle.yml:1: note: not used on any page" in out
    assert "idle.jpg:1: note: only 400 pixels wide" in out
    assert not (tmp_path / ".cache" / "images" / "renditions").exists()


def test_no_op_rerun_of_the_command_is_fast(tmp_path):
    config = write_site(tmp_path, {"index.md": "---\ntitle: T\ndescription: D\n---\n# T\n"})
    folder = tmp_path / "content" / "photos"
    for number in range(20):
        add_photo(folder, f"p{number:02d}", scene((500, 300)), quality=80)
    command = [sys.executable, str(ROOT / "scripts" / "optimize_images.py"), "--config", str(config)]
    subprocess.run(command, check=True, capture_output=True)
    result = subprocess.run(command + ["--format", "json"], check=True, capture_output=True, text=True)
    report = json.loads(result.stdout)
    assert {photo["status"] for photo in report["photos"]} == {"unchanged"}
    # Pillow is only imported to encode: a no-op run must not load it.
    probe = subprocess.run([sys.executable, "-c", (
        "import sys, runpy; sys.argv = " + repr(command[1:] + ["--format", "json"]) + "\n"
        "try:\n    runpy.run_path(sys.argv[0], run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('PIL' in sys.modules, 'mkdocs' in sys.modules, file=sys.stderr)")],
        capture_output=True, text=True, check=True)
    assert probe.stderr.strip().endswith("False False"), probe.stderr


# --- pages -------------------------------------------------------------------------------

PAGE_WITH_PHOTOS = """\
---
title: Vùng đất
description: Ảnh vùng đất.
---

# Vùng đất

![](photo:first)

Đoạn văn.

![](photo:second)
"""


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("photo-site")
    config = write_site(root, {
        "index.md": "---\ntitle: Trang chủ\ndescription: Trang chủ.\n---\n# Trang chủ\n",
        "index.en.md": "---\ntitle: Home\ndescription: Home page.\n---\n# Home\n",
        "land.md": PAGE_WITH_PHOTOS,
        "land.en.md": PAGE_WITH_PHOTOS.replace("Vùng đất", "Land").replace("Ảnh vùng đất.", "Photos."),
    })
    folder = root / "content" / "photos"
    add_photo(folder, "first", scene((2000, 1200)), quality=90,
              metadata="alt: {vi: Rừng đước, en: Mangrove forest}\ncaption: {vi: Rừng ở Đất Mũi}\n"
                       "credit: Nguyễn Văn A\nlicence: CC BY 4.0\n")
    add_photo(folder, "second", scene((1000, 600)), quality=90,
              metadata="alt: {vi: Cánh đồng muối, en: Salt fields}\ncaption: {vi: Muối, en: Salt}\n"
                       "credit: B\nlicence: CC0 1.0\nillustrative: true\n")
    return build_or_fail(config, root / "site")


def test_photo_reference_becomes_a_responsive_figure(photo_site):
    html = soup(photo_site / "en" / "land" / "index.html")
    figures = html.select("article figure.portal-photo")
    assert len(figures) == 2
    first, second = figures
    sources = {source["type"]: source for source in first.select("picture source")}
    assert set(sources) == {"image/avif", "image/webp"}
    candidates = [item.split() for item in sources["image/avif"]["srcset"].split(", ")]
    assert [width for _, width in candidates] == ["480w", "960w", "1600w"]
    for url, _ in candidates:
        assert (photo_site / "en" / "land" / url).resolve().is_file()
    assert sources["image/avif"]["sizes"]
    image = first.select_one("picture img")
    assert image["alt"] == "Mangrove forest"
    assert (image["width"], image["height"]) == ("1600", "960")
    assert image["loading"] == "eager" and image["decoding"] == "async"
    assert second.select_one("img")["loading"] == "lazy"
    assert (photo_site / "en" / "land" / image["src"]).resolve().is_file()


def test_caption_falls_back_to_the_source_with_its_language_and_credits_the_author(photo_site):
    first, second = soup(photo_site / "en" / "land" / "index.html").select("figure.portal-photo")
    caption = first.select_one(".portal-photo__caption")
    assert caption.get_text() == "Rừng ở Đất Mũi" and caption["lang"] == "vi"
    assert first.select_one(".portal-photo__credit").get_text() == "Photo: Nguyễn Văn A (CC BY 4.0)"
    assert second.select_one(".portal-photo__caption").get("lang") is None
    assert second.select_one(".portal-photo__illustrative").get_text() == "(Illustrative photo)"
    vietnamese = soup(photo_site / "land" / "index.html").select_one("figure img")
    assert vietnamese["alt"] == "Rừng đước"


def test_unknown_photo_or_missing_alt_fails_the_strict_build_with_page_and_line(tmp_path):
    config = write_site(tmp_path, {
        "index.md": "---\ntitle: T\ndescription: D\n---\n# T\n\n![](photo:nowhere)\n",
        "index.en.md": "---\ntitle: T\ndescription: D\n---\n# T\n\nText.\n\n![](photo:viet-only)\n",
    })
    add_photo(tmp_path / "content" / "photos", "viet-only", scene((900, 600)), quality=90,
              metadata="alt: {vi: Chỉ tiếng Việt}\ncredit: A\nlicence: CC0\n")
    result = run_mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 1
    assert "docs/index.md:7:1: unknown photo 'nowhere'" in result.stderr
    assert "docs/index.en.md:9:1: photo 'viet-only' has no alt text in 'en'" in result.stderr


# --- social cards ------------------------------------------------------------------------

KHMER_TITLE = "ព្រៃកោងកាងនៅជ្រោយកាម៉ៅ"


def test_every_page_has_an_open_graph_card_of_1200_by_630(photo_site):
    html = soup(photo_site / "en" / "land" / "index.html")
    url = html.find("meta", property="og:image")["content"]
    assert html.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    card = photo_site / url.split("127.0.0.1:8000/", 1)[1]
    with Image.open(card) as image:
        assert image.size == (1200, 630)
    vietnamese = soup(photo_site / "land" / "index.html").find("meta", property="og:image")["content"]
    assert vietnamese != url  # one card per language


def test_khmer_titles_are_shaped(tmp_path):
    style = social_cards.card_style({})
    shaped = Image.open(io.BytesIO(social_cards.draw_card(KHMER_TITLE, "ខេត្ត", style)))
    unshaped = Image.open(io.BytesIO(social_cards.draw_card(KHMER_TITLE, "ខេត្ត", style, basic_layout=True)))
    difference = ImageChops.difference(shaped.convert("L"), unshaped.convert("L")).point(lambda v: 255 if v > 60 else 0)
    changed = difference.histogram()[255]
    assert changed > 2000, "raqm shaping should move Khmer subscripts and vowels"
    ARTIFACTS = ROOT / "tests" / "artifacts"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shaped.save(ARTIFACTS / "card-khmer-shaped.png")
    unshaped.save(ARTIFACTS / "card-khmer-unshaped.png")


def test_card_text_is_split_by_script_and_khmer_wraps_between_words():
    assert social_cards.runs("Cà Mau ព្រៃកោងកាង") == [("default", "Cà Mau "), ("khmer", "ព្រៃកោងកាង")]
    style = social_cards.card_style({})
    lines = social_cards.wrap(style, KHMER_TITLE * 4, 72, 1056)
    assert len(lines) > 1 and "".join(lines) == KHMER_TITLE * 4


def test_real_portal_photos_pass_the_check():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "optimize_images.py"), "--check",
                             "--config", str(ROOT / "mkdocs.yml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
