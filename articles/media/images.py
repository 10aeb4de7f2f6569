"""Uploaded photos: checked by content, cleaned, and resized once for readers.

Pillow sees an upload only through the allowed formats' decoders, after its size,
pixels and frames are checked from the header; what is stored is a re-encoding,
upright, in sRGB, with no EXIF. Renditions (WebP and JPEG at a few widths) are
made once when the photo is saved, through the field's storage (S3 too).
"""

import hashlib
import io
import uuid
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from ..models import Photo

# Pillow format names; nothing else is ever handed to a decoder.
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
ACCEPT = "image/jpeg,image/png,image/webp,image/gif"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# 50 megapixels holds any camera's full frame (8000 × 6000 is 48) and decodes in
# about 200 MB; it stays under Pillow's own bomb limit, which only warns below 2×.
MAX_PIXELS = 50_000_000
# An animation costs every frame; its first frame is what a photo keeps.
MAX_ANIMATION_PIXELS = 100_000_000

# How each accepted format is stored once re-encoded: GIF becomes PNG.
STORED_AS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "PNG"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
ENCODER_OPTIONS = {
    "JPEG": {"quality": 88, "optimize": True, "progressive": True},
    "PNG": {},
    "WEBP": {"quality": 85, "method": 4},
}

# Widths readers download: phone, tablet or one column, two columns on a wide screen.
RENDITION_WIDTHS = (480, 960, 1440)
RENDITION_FORMATS = {"webp": "WEBP", "jpeg": "JPEG"}
RENDITION_QUALITY = {"WEBP": {"quality": 80, "method": 4}, "JPEG": {"quality": 82}}
RENDITION_DIR = "renditions"
# The `src` of the fallback <img>: sharp in one column, light on a phone.
FALLBACK_WIDTH = 960


class OpenedImage(NamedTuple):
    image: Image.Image
    format: str


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _(
            "The image is too large: a photo may have at most %(limit)d megapixels "
            "(for example 8000 × 6000). Resize it and upload it again."
        )
        % {"limit": MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )


def _damaged() -> ValidationError:
    return ValidationError(
        _(
            "The image file is damaged or incomplete. Export it again and upload "
            "the new file."
        ),
        code="damaged",
    )


def _max_bytes() -> int:
    return getattr(settings, "NEWSROOM_MAX_IMAGE_BYTES", DEFAULT_MAX_BYTES)


def open_image(file) -> OpenedImage:
    """Decode an uploaded image, upright and in sRGB, or say why it is refused."""
    limit = _max_bytes()
    if file.size > limit:
        raise ValidationError(
            _("The file is %(size)s; a photo may be at most %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="too_big",
        )
    file.seek(0)
    try:
        image = Image.open(file, formats=ALLOWED_FORMATS)
    except Image.DecompressionBombError:
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise ValidationError(
            _(
                "Upload a JPEG, PNG, WebP or GIF image. This file is not one of "
                "those (its content was checked, not its name)."
            ),
            code="format",
        ) from None
    pixels = image.width * image.height
    if pixels > MAX_PIXELS:
        raise _too_many_pixels()
    try:
        frames = getattr(image, "n_frames", 1)
    except (OSError, ValueError, SyntaxError, EOFError):
        raise _damaged() from None
    if frames * pixels > MAX_ANIMATION_PIXELS:
        raise ValidationError(
            _(
                "The animation is too heavy: %(frames)d frames of %(width)d × "
                "%(height)d pixels. Upload a still image or a shorter, smaller "
                "animation."
            )
            % {"frames": frames, "width": image.width, "height": image.height},
            code="too_many_frames",
        )
    source_format = image.format
    try:
        image.load()
        image = _to_srgb(ImageOps.exif_transpose(image))
    except Exception:  # noqa: BLE001 - whatever a decoder raises, the file is bad
        raise _damaged() from None
    return OpenedImage(image, source_format)


@cache
def _srgb() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (
        "transparency" in image.info
    )


def _to_srgb(image: Image.Image) -> Image.Image:
    """Return the pixels as RGB(A) in sRGB, with no metadata attached."""
    mode = "RGBA" if _has_alpha(image) else "RGB"
    icc = image.info.get("icc_profile")
    converted = None
    if icc and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            # Colours from a wide-gamut camera profile (Display P3, Adobe RGB)
            # would look dull if the profile were simply dropped.
            converted = ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                _srgb(),
                outputMode="RGBA" if image.mode == "RGBA" else "RGB",
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            converted = None  # an unreadable profile: the pixels are taken as sRGB
    image = converted or image
    if image.mode == "I" or image.mode.startswith("I;16"):
        # 16-bit grey would be clipped to white by a plain conversion.
        image = image.convert("I").point(lambda value: value / 256)
    image = image.convert(mode)
    # Untagged pixels are sRGB on the web; EXIF, XMP and comments never travel on.
    image.info.clear()
    return image


def _encode(image: Image.Image, image_format: str, options: dict) -> bytes:
    if image_format == "JPEG" and image.mode == "RGBA":
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        image = background
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def clean_upload(file) -> ContentFile:
    """Return the re-encoded pixels of an upload under a generated name."""
    opened = open_image(file)
    stored = STORED_AS[opened.format]
    data = _encode(opened.image, stored, ENCODER_OPTIONS[stored])
    return ContentFile(data, name=f"{uuid.uuid4().hex}.{EXTENSIONS[stored]}")


class PhotoUploadField(forms.FileField):
    """A file field that only ever yields a cleaned, re-encoded image."""

    def to_python(self, data):
        data = super().to_python(data)
        # The file already stored (a disabled field's) was cleaned when uploaded.
        return clean_upload(data) if isinstance(data, UploadedFile) else data

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput):
            attrs.setdefault("accept", ACCEPT)
        return attrs


def _widths(original_width: int) -> list[int]:
    """Rendition widths for an original: never wider than it is."""
    widths = [width for width in RENDITION_WIDTHS if width < original_width]
    if original_width < RENDITION_WIDTHS[-1]:
        widths.append(original_width)
    return widths


def _rendition_prefix(photo: Photo, digest: str) -> str:
    return f"{RENDITION_DIR}/{photo.pk}/{digest}-"


def _renditions_current(photo: Photo, digest: str) -> bool:
    storage = photo.image.storage
    prefix = _rendition_prefix(photo, digest)
    return bool(photo.renditions) and all(
        item["name"].startswith(prefix) and storage.exists(item["name"])
        for item in photo.renditions
    )


def photo_make_renditions(photo: Photo) -> int:
    """Make the photo's renditions unless they exist; return how many were written.

    Names carry the photo's id and a hash of its original, so a photo whose image
    changed gets new names (and a CDN never serves the old picture), while running
    this twice on the same image writes nothing.
    """
    storage = photo.image.storage
    with storage.open(photo.image.name, "rb") as original:
        data = original.read()
    digest = hashlib.sha256(data).hexdigest()[:16]
    if _renditions_current(photo, digest):
        return 0
    image = open_image(ContentFile(data)).image
    prefix = _rendition_prefix(photo, digest)
    renditions = []
    for width in _widths(image.width):
        height = max(1, round(image.height * width / image.width))
        resized = (
            image
            if width == image.width
            else image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3)
        )
        for label, image_format in RENDITION_FORMATS.items():
            name = f"{prefix}{width}.{EXTENSIONS[image_format]}"
            content = _encode(resized, image_format, RENDITION_QUALITY[image_format])
            if storage.exists(name):  # left over from an interrupted run
                storage.delete(name)
            name = storage.save(name, ContentFile(content))
            renditions.append(
                {"format": label, "width": width, "height": height, "name": name}
            )
    kept = {item["name"] for item in renditions}
    for item in photo.renditions:
        if item["name"] not in kept:
            storage.delete(item["name"])
    # Saved, not updated past the signals: pages stored with the renditions just
    # deleted (or none) are retired like after any change to a photo.
    photo.renditions = renditions
    photo.save(update_fields=["renditions"])
    return len(renditions)


@dataclass(frozen=True)
class PhotoSources:
    """What an <img> and its <source> need: URLs of the renditions, with widths."""

    src: str
    width: int
    height: int
    webp_srcset: str = ""
    jpeg_srcset: str = ""


def photo_sources(photo: Photo) -> PhotoSources:
    """Return the photo's srcsets, or its original alone if it has no renditions."""
    if not photo.renditions:
        return PhotoSources(photo.image.url, photo.width, photo.height)
    storage = photo.image.storage
    by_format: dict[str, list[dict]] = {label: [] for label in RENDITION_FORMATS}
    for item in sorted(photo.renditions, key=lambda item: item["width"]):
        by_format[item["format"]].append(item)
    jpegs = by_format["jpeg"]
    fallback = [item for item in jpegs if item["width"] <= FALLBACK_WIDTH] or jpegs
    largest = jpegs[-1]

    def srcset(items):
        return ", ".join(
            f"{storage.url(item['name'])} {item['width']}w" for item in items
        )

    return PhotoSources(
        src=storage.url(fallback[-1]["name"]),
        width=largest["width"],
        height=largest["height"],
        webp_srcset=srcset(by_format["webp"]),
        jpeg_srcset=srcset(jpegs),
    )


def photo_thumbnail_url(photo: Photo) -> str:
    """Return the URL of the photo's smallest JPEG: what a list or chooser shows."""
    jpegs = [item for item in photo.renditions if item["format"] == "jpeg"]
    if not jpegs:
        return photo.image.url if photo.image else ""
    smallest = min(jpegs, key=lambda item: item["width"])
    return photo.image.storage.url(smallest["name"])


def check_rendition(photo: Photo, name: str, file) -> Image.Image:
    """Return the pixels of a file that may replace the rendition `name`.

    An Art Editor's crop or retouch of one width: the file is checked like any
    upload and must have the rendition's exact size (its width is in the srcset,
    its height in the page's layout), or it is refused with the size to export.
    """
    current = next((item for item in photo.renditions if item["name"] == name), None)
    if current is None:
        raise ValidationError(
            _("This photo has no such rendition; reload the page and choose again."),
            code="no_rendition",
        )
    image = open_image(file).image
    if image.size != (current["width"], current["height"]):
        raise ValidationError(
            _(
                "This rendition is %(width)d × %(height)d pixels; the file is "
                "%(file_width)d × %(file_height)d. Export it at %(width)d × "
                "%(height)d and upload it again."
            )
            % {
                "width": current["width"],
                "height": current["height"],
                "file_width": image.width,
                "file_height": image.height,
            },
            code="rendition_size",
        )
    return image


def photo_replace_rendition(photo: Photo, name: str, image: Image.Image) -> dict:
    """Store `image` (from `check_rendition`) as the rendition `name`; return it.

    It gets a new name, so a CDN never serves the old picture, which is deleted;
    the name keeps the original's prefix, so `photo_make_renditions` keeps it.
    """
    current = next(item for item in photo.renditions if item["name"] == name)
    image_format = RENDITION_FORMATS[current["format"]]
    content = _encode(image, image_format, RENDITION_QUALITY[image_format])
    storage = photo.image.storage
    stem = name.rsplit(".", 1)[0].split("~", 1)[0]
    replaced = {
        **current,
        "name": storage.save(
            f"{stem}~{uuid.uuid4().hex[:8]}.{EXTENSIONS[image_format]}",
            ContentFile(content),
        ),
    }
    photo.renditions = [
        replaced if item["name"] == name else item for item in photo.renditions
    ]
    # Saved through the signals: pages showing the old rendition are retired.
    photo.save(update_fields=["renditions"])
    storage.delete(name)
    return replaced
