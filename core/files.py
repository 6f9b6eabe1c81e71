"""Private file storage and upload checks shared by e-services, payments and correspondence.

Citizens' uploads and official documents never get a public URL: they live in the "private" storage and are served
only by views that check permission (`serve_private_file`). Uploads are checked by their content, not their name.
"""

from __future__ import annotations

import mimetypes
import re
import unicodedata
import uuid
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

# Allowed kinds by sniffed MIME type; the extension the stored file gets comes from the content, not the upload.
KNOWN_TYPES: dict[str, str] = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/heic": "heic",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/msword": "doc",
}
DEFAULT_ALLOWED = ("application/pdf", "image/jpeg", "image/png")
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def private_storage() -> Storage:
    """The storage for private files (a callable, so FileFields do not read settings at import time)."""
    return storages["private"]


@dataclass(frozen=True)
class CheckedUpload:
    mime_type: str
    extension: str
    size: int
    original_name: str


def safe_filename(name: str, *, max_length: int = 120) -> str:
    """A display name without paths, control characters or shell-hostile characters; Thai letters are kept."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").split("/")[-1]
    name = re.sub(r"[\x00-\x1f\x7f<>:\"|?*;]", "", name).strip(" .") or "file"
    return name[-max_length:]


def sniff_mime(upload: UploadedFile) -> str | None:
    """The MIME type read from the file's first bytes (magic numbers); None when unknown."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None:
        return None
    if kind.mime == "application/zip" or kind.mime.startswith("application/vnd.openxmlformats"):
        return _office_type(upload) or kind.mime
    return kind.mime


def _office_type(upload: UploadedFile) -> str | None:
    import zipfile

    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    if "word/document.xml" in names:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if "xl/workbook.xml" in names:
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return None


def check_upload(
    upload: UploadedFile,
    *,
    allowed_types: tuple[str, ...] | list[str] = DEFAULT_ALLOWED,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> CheckedUpload:
    """Refuse files that are too large or whose content is not an allowed type (a renamed .exe stays an .exe)."""
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _("The file “%(name)s” is %(size)s MB; the limit is %(limit)s MB."),
            code="file_too_large",
            params={
                "name": safe_filename(upload.name),
                "size": f"{upload.size / 1048576:.1f}",
                "limit": f"{max_bytes / 1048576:.0f}",
            },
        )
    if not upload.size:
        raise ValidationError(_("The file “%(name)s” is empty."), code="file_empty",
                              params={"name": safe_filename(upload.name)})
    mime = sniff_mime(upload)
    if mime not in allowed_types:
        labels = ", ".join(sorted({KNOWN_TYPES.get(t, t).upper() for t in allowed_types}))
        raise ValidationError(
            _("The file “%(name)s” is not an accepted type. Accepted: %(types)s."),
            code="file_type",
            params={"name": safe_filename(upload.name), "types": labels},
        )
    return CheckedUpload(
        mime_type=mime,
        extension=KNOWN_TYPES.get(mime, mimetypes.guess_extension(mime) or "bin").lstrip("."),
        size=upload.size or 0,
        original_name=safe_filename(upload.name),
    )


def private_upload_path(prefix: str, extension: str) -> str:
    """A storage path that reveals nothing and cannot collide: "<prefix>/2026/11/<uuid>.<ext>"."""
    from django.utils import timezone

    now = timezone.now()
    return f"{prefix}/{now:%Y/%m}/{uuid.uuid4().hex}.{extension}"


def serve_private_file(storage_name: str, *, download_name: str, mime_type: str | None = None,
                       inline: bool = False) -> FileResponse:
    """Stream a private file after the caller has checked permission; 404 when it is missing."""
    storage = private_storage()
    if not storage_name or not storage.exists(storage_name):
        raise Http404(_("The file was not found."))
    response = FileResponse(
        storage.open(storage_name, "rb"),
        as_attachment=not inline,
        filename=safe_filename(download_name),
        content_type=mime_type or mimetypes.guess_type(storage_name)[0] or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
