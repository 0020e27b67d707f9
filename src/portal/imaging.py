"""Decode one original safely and encode its web renditions with Pillow.

Pillow traps this module avoids (each has a test): ``verify()`` passes a truncated JPEG
(only ``load()`` fails); a 16-bit greyscale PNG turns white on ``convert("RGB")``;
images between one and two times the pixel limit only warn; the JPEG comment and the
AVIF ICC profile survive unless cleared; ``convert("RGB")`` flattens alpha onto black.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from .photos import ORIGINAL_SUFFIXES, ImageSettings

# EXIF tags kept in renditions: who made the photo and under which terms. Nothing else
# (no GPS, no camera serials, no thumbnails) leaves the original.
EXIF_ARTIST = 0x013B
EXIF_COPYRIGHT = 0x8298
WHITE = (255, 255, 255)
AVIF_THREADS = 1
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
_heif_registered = False


class ImageProblem(Exception):
    """A plain-words reason an original cannot be used."""


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    image_format: str
    data: bytes


def _register_heif() -> None:
    global _heif_registered
    if not _heif_registered:
        import pillow_heif

        pillow_heif.register_heif_opener()
        _heif_registered = True


def open_original(path: Path, max_pixels: int, largest_width: int | None = None) -> Image.Image:
    """Decode an original completely, or raise ImageProblem saying why it cannot be."""
    if path.suffix.lower() not in ORIGINAL_SUFFIXES:
        raise ImageProblem(f"unsupported format '{path.suffix}' — save it as JPEG, PNG, WebP, TIFF or HEIC")
    if path.suffix.lower() in (".heic", ".heif"):
        _register_heif()
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImageProblem(f"cannot read the file ({error.strerror})") from error
    if size == 0:
        raise ImageProblem("the file is empty (0 bytes) — copy the photo again")
    previous_limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            # Between one and two times the limit Pillow only warns: refuse those too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
            if largest_width and image.format == "JPEG":
                _draft(image, largest_width)
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ImageProblem(f"the image is too large ({error}); the limit is {max_pixels:,} pixels "
                           "(extra.images.max_pixels)") from error
    except PermissionError as error:
        raise ImageProblem("cannot read the file (permission denied)") from error
    except Image.UnidentifiedImageError as error:
        raise ImageProblem("not an image, or a damaged one — open it in an image viewer and save it again") from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageProblem(f"the image is damaged or incomplete ({error}) — copy the original again") from error
    finally:
        Image.MAX_IMAGE_PIXELS = previous_limit
    return image


def _draft(image: Image.Image, largest_width: int) -> None:
    """Let libjpeg decode at 1/2, 1/4 or 1/8 scale when even the largest rendition needs
    no more: much faster for big phone photos, and the resize that follows is the same."""
    rotated = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)
    upright_width = image.height if rotated else image.width
    if upright_width < 2 * largest_width:
        return
    scale = largest_width / upright_width
    image.draft(image.mode, (int(image.width * scale) + 1, int(image.height * scale) + 1))


def to_srgb(image: Image.Image) -> Image.Image:
    """Upright, 8 bits per channel, sRGB; RGB or RGBA (alpha kept); no metadata."""
    image = ImageOps.exif_transpose(image)
    icc = image.info.get("icc_profile")
    mode = image.mode
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        # 16-bit (or 32-bit integer) greyscale: scale down to 8 bits instead of clipping.
        peak = 65535 if mode.startswith("I;16") or (image.getextrema()[1] or 0) > 255 else 255
        image = image.convert("I").point(lambda value: value * (255 / peak)).convert("L")
        mode = "L"
    elif mode == "F":
        image = image.convert("L")
        mode = "L"
    if mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    elif mode == "LA" or (mode == "L" and "transparency" in image.info):
        image = image.convert("RGBA")
    elif mode == "PA":
        image = image.convert("RGBA")
    if icc and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
            image = ImageCms.profileToProfile(image, source, _SRGB, outputMode=output_mode)
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: fall back to the plain conversion below
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if image.mode.endswith("A") else "RGB")
    image.info = {}  # no ICC, comment, EXIF or XMP travels on
    return image


def exif_bytes(credit: str, licence: str) -> bytes:
    """EXIF Artist and Copyright. EXIF text is ASCII, so Vietnamese names are transliterated
    here ("Nhom bien tap"); the exact names travel in the XMP packet (xmp_packet)."""
    from text_unidecode import unidecode

    exif = Image.Exif()
    if credit:
        exif[EXIF_ARTIST] = unidecode(credit)
    if credit or licence:
        exif[EXIF_COPYRIGHT] = unidecode(" - ".join(part for part in (credit, licence) if part))
    return exif.tobytes()


def xmp_packet(credit: str, licence: str) -> bytes:
    """Dublin Core creator and rights, in full Unicode."""
    from xml.sax.saxutils import escape

    rights = " — ".join(part for part in (credit, licence) if part)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:creator><rdf:Seq><rdf:li>{escape(credit)}</rdf:li></rdf:Seq></dc:creator>'
        f'<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{escape(rights)}</rdf:li></rdf:Alt></dc:rights>'
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="r"?>'
    ).encode("utf-8")


def flatten(image: Image.Image) -> Image.Image:
    """RGB for JPEG: transparent areas become white, never black."""
    if image.mode != "RGBA":
        return image
    background = Image.new("RGB", image.size, WHITE)
    background.paste(image, mask=image.getchannel("A"))
    return background


def encode(image: Image.Image, image_format: str, settings: ImageSettings, exif: bytes,
           xmp: bytes = b"") -> bytes:
    options = settings.formats[image_format]
    buffer = io.BytesIO()
    if image_format == "jpeg":
        flatten(image).save(buffer, "JPEG", quality=options.quality, optimize=True, progressive=True,
                            subsampling="4:2:0", exif=exif, xmp=xmp)
        # MozJPEG's lossless re-encoding of the same coefficients: ~2 % smaller, same pixels.
        import mozjpeg_lossless_optimization

        return mozjpeg_lossless_optimization.optimize(
            buffer.getvalue(), copy=mozjpeg_lossless_optimization.COPY_MARKERS.ALL)  # our EXIF and XMP only
    elif image_format == "webp":
        image.save(buffer, "WEBP", quality=options.quality, method=options.effort, exif=exif, xmp=xmp)
    elif image_format == "avif":
        # The pipeline already runs one process per core: one encoder thread each avoids
        # oversubscribing the cores (measured in the image benchmark).
        image.save(buffer, "AVIF", quality=options.quality, speed=options.effort, exif=exif, xmp=xmp,
                   max_threads=AVIF_THREADS)
    else:
        raise ValueError(image_format)
    return buffer.getvalue()


def resize_chain(image: Image.Image, widths: list[int]):
    """Yield (width, image) from the largest width down, each resized from the previous."""
    current = image
    for width in sorted(widths, reverse=True):
        if width != current.width:
            height = max(1, round(image.height * width / image.width))
            current = current.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        yield width, current
