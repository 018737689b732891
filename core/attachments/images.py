"""Removing image metadata (EXIF GPS position, camera and phone model, times) with Pillow.

The picture is re-encoded from its pixels only, turned upright first so that dropping the
EXIF orientation tag does not leave it sideways.
"""

from __future__ import annotations

import io

from core.errors import UserInputError

# Formats Pillow re-encodes faithfully; others (HEIC) are refused when stripping is required.
_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "GIF", "image/webp": "WEBP"}
# A decompression bomb (tiny file, gigantic canvas) is refused rather than expanded.
MAX_PIXELS = 80_000_000


def strip_metadata(data: bytes, media_type: str) -> bytes:
    """The same picture without metadata; ``UserInputError`` when it cannot be decoded."""
    from PIL import Image, ImageOps, UnidentifiedImageError  # imported on the first upload, not at start-up

    target = _FORMATS.get(media_type)
    if target is None:
        raise UserInputError(
            f"Metadata cannot be removed from {media_type} images; convert it to JPEG or PNG.", field="file"
        )
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            # Rebuilt from raw pixels: no info dictionary, EXIF, XMP or text chunk comes along.
            clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
            palette = upright.getpalette()
            if upright.mode == "P" and palette:
                clean.putpalette(palette)
            out = io.BytesIO()
            options = {"quality": 95} if target in ("JPEG", "WEBP") else {}
            clean.save(out, format=target, **options)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError):
        raise UserInputError("The image cannot be read; it may be damaged.", field="file") from None
