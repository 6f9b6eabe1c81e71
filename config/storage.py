"""Object storage settings from the environment: `STORAGE_URL`, or the `AWS_*` variables django-storages knows.

    STORAGE_URL=s3://ACCESS_KEY:SECRET_KEY@s3.example.go.th:9000/thongthin?region=ap-southeast-1&secure=1

or `AWS_STORAGE_BUCKET_NAME`, `AWS_S3_ENDPOINT_URL`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
`AWS_S3_REGION_NAME`. Either way both storages go to one bucket under two prefixes: `media/` (public media: page
images; served by URL, or by signed URL with `STORAGE_MEDIA_SIGNED=1`) and `private/` (citizens' uploads, receipts,
issued documents, letters: never public; the app's permission-checked views stream them, signed URLs last
`STORAGE_SIGNED_SECONDS`). Wagtail documents live under `media/documents/` and are still served only through
`/documents/` (collection privacy): the bucket policy must not make that prefix public (README).

Read by config/settings/base.py only; a function of the environment so tests can call it with their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit


def _options_from_url(url: str) -> dict[str, Any]:
    parts = urlsplit(url)
    if parts.scheme not in {"s3", "s3+http", "s3+https"}:
        raise ValueError("STORAGE_URL must look like s3://KEY:SECRET@host:port/bucket")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    secure = query.get("secure", "0" if parts.scheme == "s3+http" else "1") not in {"0", "false", "no"}
    options: dict[str, Any] = {"bucket_name": parts.path.strip("/")}
    if parts.hostname:
        host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
        options["endpoint_url"] = f"{'https' if secure else 'http'}://{host}{f':{parts.port}' if parts.port else ''}"
    if parts.username:
        options["access_key"] = unquote(parts.username)
        options["secret_key"] = unquote(parts.password or "")
    if query.get("region"):
        options["region_name"] = query["region"]
    return options


def _options_from_aws(environ: Mapping[str, str]) -> dict[str, Any]:
    names = {"bucket_name": "AWS_STORAGE_BUCKET_NAME", "endpoint_url": "AWS_S3_ENDPOINT_URL",
             "access_key": "AWS_ACCESS_KEY_ID", "secret_key": "AWS_SECRET_ACCESS_KEY",
             "region_name": "AWS_S3_REGION_NAME"}
    return {option: environ[name] for option, name in names.items() if environ.get(name)}


def object_storages(environ: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """STORAGES entries for "default" and "private" on the bucket, or {} when no bucket is configured."""
    if environ.get("STORAGE_URL"):
        common = _options_from_url(environ["STORAGE_URL"])
    elif environ.get("AWS_STORAGE_BUCKET_NAME"):
        common = _options_from_aws(environ)
    else:
        return {}
    common |= {"addressing_style": environ.get("AWS_S3_ADDRESSING_STYLE", "path"), "default_acl": None,
               "file_overwrite": False, "signature_version": "s3v4"}
    signed_seconds = int(environ.get("STORAGE_SIGNED_SECONDS", "300"))
    media_signed = environ.get("STORAGE_MEDIA_SIGNED", "").lower() in {"1", "true", "yes", "on"}
    return {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
            **common, "location": "media", "querystring_auth": media_signed, "querystring_expire": 86400,
            **({"custom_domain": environ["STORAGE_MEDIA_DOMAIN"]} if environ.get("STORAGE_MEDIA_DOMAIN") else {}),
        }},
        "private": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
            **common, "location": "private", "querystring_auth": True, "querystring_expire": signed_seconds,
        }},
    }
