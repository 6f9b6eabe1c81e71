"""Citizens' photos: checked by content, GPS read from EXIF, then turned upright, resized and re-encoded as a JPEG
with no metadata at all, because what the public board shows must not carry the reporter's phone model, serial
number or home coordinates. Only the cleaned copy is kept."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from core.files import check_upload

from .constants import MAX_PHOTO_BYTES, PHOTO_MAX_SIDE

PHOTO_TYPES = ("image/jpeg", "image/png", "image/webp")
GPS_IFD = 0x8825


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    width: int
    height: int
    latitude: Decimal | None = None
    longitude: Decimal | None = None


def _ratio(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError, ZeroDivisionError):
        return float(value[0]) / float(value[1])


def gps_of(image: Image.Image) -> tuple[Decimal, Decimal] | None:
    """The EXIF GPS position (degrees, minutes, seconds + N/S/E/W) as decimal degrees, or None."""
    try:
        gps = image.getexif().get_ifd(GPS_IFD)
        lat_ref, lat, lon_ref, lon = gps.get(1), gps.get(2), gps.get(3), gps.get(4)
        if not (lat and lon and lat_ref and lon_ref):
            return None
        values = []
        for ref, dms, negative in ((lat_ref, lat, "S"), (lon_ref, lon, "W")):
            degrees = _ratio(dms[0]) + _ratio(dms[1]) / 60 + _ratio(dms[2]) / 3600
            values.append(Decimal(f"{-degrees if str(ref).upper().startswith(negative) else degrees:.6f}"))
    except (AttributeError, KeyError, TypeError, ValueError, ZeroDivisionError, IndexError):
        return None
    if not (-90 <= values[0] <= 90 and -180 <= values[1] <= 180) or values == [0, 0]:
        return None
    return values[0], values[1]


def clean_photo(upload: UploadedFile) -> CleanPhoto:
    """Check, read GPS, strip and resize one upload. ValidationError (Thai) for anything that is not a photo."""
    check_upload(upload, allowed_types=PHOTO_TYPES, max_bytes=MAX_PHOTO_BYTES)
    upload.seek(0)
    try:
        with Image.open(upload) as original:
            original.load()
            point = gps_of(original)
            image = ImageOps.exif_transpose(original).convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("The photo “%(name)s” could not be read.") % {"name": upload.name},
                              code="photo_unreadable") from exc
    image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82, optimize=True)  # a fresh file: no EXIF, XMP or ICC from the phone
    return CleanPhoto(content=out.getvalue(), width=image.width, height=image.height,
                      latitude=point[0] if point else None, longitude=point[1] if point else None)
