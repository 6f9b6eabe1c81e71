"""GeoReport v2 documents in JSON and XML, shaped exactly as the specification's examples show.

Why by hand and not an XML library's serializer: the spec's XML is a plain element tree with a fixed element order,
lists wrapped in a plural element (`<services><service>…`, `<attributes><attribute>…`), booleans as `true`/`false`
and no attributes or namespaces; ElementTree writes `<?xml version='1.0'…?>` with single quotes and `<a />` with a
space, which differ from the spec's text. A document is built once as Python data (dicts keep the spec's order) and
written in either format from that, so the two formats can never disagree.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from django.http import HttpResponse
from django.utils import timezone

from .constants import Format

#: The element name of one item inside a list-valued field, as the spec names them.
ITEM_NAMES = {"endpoints": "endpoint", "formats": "format", "attributes": "attribute", "values": "value"}
#: Root and item element names of the top-level list documents.
SERVICES = ("services", "service")
REQUESTS = ("service_requests", "request")
ERRORS = ("errors", "error")

CONTENT_TYPES = {Format.JSON: "application/json; charset=utf-8", Format.XML: "text/xml; charset=utf-8"}


def w3c_datetime(value: dt.datetime | None) -> str | None:
    """A time as the spec writes it (W3C, with the offset), in Bangkok time: 2026-12-04T14:05:00+07:00."""
    if value is None:
        return None
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return w3c_datetime(value) or ""
    return str(value)


def _xml_element(name: str, value: Any) -> str:
    if value is None or value == "":
        return f"<{name}/>"
    if isinstance(value, Mapping):
        return f"<{name}>{''.join(_xml_element(key, item) for key, item in value.items())}</{name}>"
    if isinstance(value, list | tuple):
        item = ITEM_NAMES.get(name, name)
        return f"<{name}>{''.join(_xml_element(item, element) for element in value)}</{name}>"
    return f"<{name}>{escape(_scalar_text(value))}</{name}>"


def to_xml(root: str, data: Mapping[str, Any] | Sequence[Mapping[str, Any]], item: str = "") -> str:
    """`data` as the spec's XML: a mapping becomes `<root>…</root>`, a list `<root><item>…</item>…</root>`."""
    if isinstance(data, Mapping):
        body = _xml_element(root, data)
    else:
        body = f"<{root}>{''.join(_xml_element(item, element) for element in data)}</{root}>"
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return w3c_datetime(value)
    if isinstance(value, Decimal):
        return float(value)  # coordinates only: JSON has no decimal type and the spec's examples are numbers
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, default=_json_default)


def document(fmt: str, root: str, data: Any, *, item: str = "", status: int = 200) -> HttpResponse:
    """An HTTP response holding `data` in `fmt` (json or xml)."""
    text = to_xml(root, data, item) if fmt == Format.XML else to_json(data)
    response = HttpResponse(text, status=status, content_type=CONTENT_TYPES[Format(fmt)])
    response["Access-Control-Allow-Origin"] = "*"  # read by web apps on other origins; POST needs an api_key anyway
    return response


class Open311Error(Exception):
    """A failure the client is told about in the spec's error document, with the HTTP status `code`."""

    def __init__(self, code: int, *descriptions: str) -> None:
        super().__init__(descriptions[0] if descriptions else str(code))
        self.code = code
        self.descriptions = [str(text) for text in descriptions] or [str(code)]

    def response(self, fmt: str) -> HttpResponse:
        errors = [{"code": self.code, "description": text} for text in self.descriptions]
        return document(fmt if fmt in Format.values else Format.JSON, ERRORS[0], errors, item=ERRORS[1],
                        status=self.code)
