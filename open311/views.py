"""The GeoReport v2 endpoints of the LGO whose host name the request came in on.

Thin views: each reads the query, asks `selectors` or `submit` and writes the document with `formats`. Every failure
a client can cause is an `Open311Error` turned into the spec's error document with its HTTP status (400 bad input,
403 bad api_key, 404 unknown jurisdiction, service, request or token, 405 wrong method), never an HTML page or a 500.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from organizations.links import absolute_url
from organizations.models import Organization
from organizations.tenancy import current_organization

from . import selectors, submit
from .constants import CHANGESET, SPECIFICATION_URL, Format
from .formats import REQUESTS, SERVICES, Open311Error, document

View = Callable[..., HttpResponse]


def _jurisdiction(request: HttpRequest, data) -> Organization:
    """The LGO this host serves; a `jurisdiction_id`, when given, must name it (its host name or its code)."""
    organization = current_organization(request)
    if organization is None:
        raise Open311Error(404, _("jurisdiction_id not found: no LGO is served at this address."))
    wanted = (data.get("jurisdiction_id") or "").strip().lower()
    if wanted and wanted not in {organization.site.hostname.lower(), organization.code.lower(),
                                 request.get_host().lower()}:
        raise Open311Error(404, _("jurisdiction_id %(id)s not found at this address.") % {"id": wanted[:100]})
    return organization


def endpoint(*methods: str) -> Callable[[View], View]:
    """Resolve the LGO, refuse other methods, and turn every `Open311Error` into the spec's error document."""

    def decorate(view: View) -> View:
        @csrf_exempt  # API clients authenticate with api_key, not a session
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, fmt: str = Format.JSON, **kwargs) -> HttpResponse:
            # Thai unless the client asks for another language (unprefixed paths otherwise always get Thai).
            with translation.override(translation.get_language_from_request(request)):
                return _answer(request, view, methods, fmt, *args, **kwargs)

        return wrapper

    return decorate


def _answer(request: HttpRequest, view: View, methods: tuple[str, ...], fmt: str, *args, **kwargs) -> HttpResponse:
    try:
        if request.method not in methods:
            raise Open311Error(405, _("Method %(method)s is not allowed here.") % {"method": request.method})
        try:
            data = request.POST if request.method == "POST" else request.GET
        except (MultiPartParserError, RequestDataTooBig, TooManyFieldsSent):
            raise Open311Error(400, _("The request body could not be read as a form.")) from None
        organization = _jurisdiction(request, data)
        return view(request, organization, *args, fmt=fmt, **kwargs)
    except Open311Error as error:
        response = error.response(fmt)
        if error.code == 405:
            response["Allow"] = ", ".join(methods)
        return response


@endpoint("GET")
def discovery(request: HttpRequest, organization: Organization, *, fmt: str) -> HttpResponse:
    contact = " ".join(x for x in (organization.name, organization.phone, organization.email) if x)
    data = {
        "changeset": CHANGESET,
        "contact": contact,
        "key_service": _("Ask %(lgo)s for an API key (%(contact)s).") % {"lgo": organization.name, "contact": contact},
        "endpoints": [{
            "specification": SPECIFICATION_URL,
            "url": absolute_url("/open311/v2", organization, request=request),
            "changeset": CHANGESET,
            "type": "production",
            "formats": ["application/json", "text/xml"],
        }],
    }
    return document(fmt, "discovery", data)


@endpoint("GET")
def services(request: HttpRequest, organization: Organization, *, fmt: str) -> HttpResponse:
    return document(fmt, SERVICES[0], selectors.services(organization), item=SERVICES[1])


@endpoint("GET")
def service_definition(request: HttpRequest, organization: Organization, *, code: str, fmt: str) -> HttpResponse:
    return document(fmt, "service_definition", selectors.service_definition(organization, code))


@endpoint("GET", "POST")
def requests(request: HttpRequest, organization: Organization, *, fmt: str) -> HttpResponse:
    if request.method == "POST":
        # 200, not 201: the spec gives no status and clients written against the big deployments expect 200.
        return document(fmt, REQUESTS[0], submit.create(organization, request.POST), item=REQUESTS[1])
    return document(fmt, REQUESTS[0], selectors.requests(organization, request.GET, request), item=REQUESTS[1])


@endpoint("GET")
def request_detail(request: HttpRequest, organization: Organization, *, request_id: str, fmt: str) -> HttpResponse:
    return document(fmt, REQUESTS[0], selectors.one_request(organization, request_id, request), item=REQUESTS[1])


@endpoint("GET")
def token(request: HttpRequest, organization: Organization, *, token: str, fmt: str) -> HttpResponse:
    return document(fmt, REQUESTS[0], selectors.token(organization, token), item=REQUESTS[1])


@endpoint("GET", "POST")
def unknown(request: HttpRequest, organization: Organization, *, fmt: str = Format.JSON,
            rest: str = "") -> HttpResponse:
    raise Open311Error(404, _("No such Open311 resource. Paths end in .json or .xml, e.g. services.json."))
