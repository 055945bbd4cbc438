"""Upload checks shared by every app: size limit, real image type by content, pixel limit."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_PIXELS = 40_000_000


def validate_image_upload(upload, *, max_mb: int | None = None) -> str:
    """Return the image format (JPEG, PNG, WEBP) or raise ValidationError naming the problem."""
    max_mb = max_mb or settings.TIJARA_MAX_UPLOAD_MB
    if upload.size > max_mb * 1024 * 1024:
        raise ValidationError(
            _("The file is too large ({size} MB). The limit is {limit} MB.").format(
                size=round(upload.size / 1024 / 1024, 1), limit=max_mb
            ),
            code="too_large",
        )
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            fmt = image.format
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _("The image is too large ({w}×{h} pixels). The limit is {limit} million pixels.").format(
                        w=width, h=height, limit=MAX_PIXELS // 1_000_000
                    ),
                    code="too_many_pixels",
                )
            image.verify()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("This file is not a JPEG, PNG or WebP image."), code="not_image") from exc
    finally:
        upload.seek(0)
    if fmt not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(_("This file is not a JPEG, PNG or WebP image."), code="not_image")
    return fmt


def image_reencoded(upload, *, max_side: int = 1024, name: str = "image"):
    """A new image file drawn from the upload's pixels only: upright, at most `max_side` px, without metadata.

    Nothing of the uploaded bytes is kept (EXIF and GPS, comments, bytes appended after the image, a second file
    hidden in the same bytes): PNG when the image has transparency, else JPEG. Raises ValidationError like
    validate_image_upload.
    """
    import io

    from django.core.files.base import ContentFile
    from PIL import ImageOps

    validate_image_upload(upload)
    upload.seek(0)
    try:
        with Image.open(upload) as source:
            image = ImageOps.exif_transpose(source)
            image.thumbnail((max_side, max_side))
            transparent = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
            out = io.BytesIO()
            if transparent:
                image.convert("RGBA").save(out, "PNG", optimize=True)
                extension = "png"
            else:
                image.convert("RGB").save(out, "JPEG", quality=90, optimize=True)
                extension = "jpg"
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as exc:
        raise ValidationError(_("This file is not a JPEG, PNG or WebP image."), code="not_image") from exc
    finally:
        upload.seek(0)
    return ContentFile(out.getvalue(), name=f"{name}.{extension}")
