"""Citizen-facing and machine-facing views of payments: thin, the work is in services, receipts and providers."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from organizations.links import redirect_to_owner

from . import links
from .providers import registry
from .receipts import receipt_filename, receipt_pdf
from .selectors import receipt_by_code, receipts_for_invoice
from .thaiqr import render_png, render_svg

PRIVATE_HEADERS = {"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow",
                   "Referrer-Policy": "no-referrer"}


def _private(response: HttpResponse) -> HttpResponse:
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response


@require_GET
def invoice_public(request: HttpRequest, token: str) -> HttpResponse:
    """The pay page a citizen reaches by a signed link: amount, Thai QR, references, receipts once paid."""
    invoice = links.invoice_from_token(token)
    if invoice is None:
        raise Http404
    if moved := redirect_to_owner(request, invoice.organization):
        return moved
    context = {"invoice": invoice, "organization": invoice.organization, "token": token,
               "receipts": receipts_for_invoice(invoice)}
    return _private(render(request, "payments/invoice_public.html", context))


@require_GET
def invoice_qr(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    """The invoice's Thai QR as a PNG or SVG download (to save in a phone's gallery and pay from the bank app)."""
    invoice = links.invoice_from_token(token)
    payload = invoice.qr_payload() if invoice is not None else None
    if payload is None:
        raise Http404
    if fmt == "svg":
        response = HttpResponse(render_svg(payload), content_type="image/svg+xml")
    else:
        response = HttpResponse(render_png(payload, box_size=10), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="thaiqr-{invoice.number}.{fmt}"'
    return _private(response)


@require_GET
def receipt_download(request: HttpRequest, token: str) -> HttpResponse:
    """The receipt PDF for a citizen holding the signed link (no login)."""
    receipt = links.receipt_from_token(token)
    if receipt is None:
        raise Http404
    if moved := redirect_to_owner(request, receipt.organization):
        return moved
    response = HttpResponse(receipt_pdf(receipt), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{receipt_filename(receipt)}"'
    return _private(response)


@require_GET
def verify_receipt(request: HttpRequest, code: str) -> HttpResponse:
    """Public check of a receipt from its QR: number, date, amount, LGO, and whether it is valid or void.

    Shows no payer name or ID: anyone holding the paper may check it, but the page must not leak personal data.
    """
    receipt = receipt_by_code(code)
    if receipt is not None and (moved := redirect_to_owner(request, receipt.organization)):
        return moved
    response = render(request, "payments/verify_receipt.html", {"receipt": receipt, "code": code},
                      status=200 if receipt else 404)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@csrf_exempt
@require_POST
def webhook(request: HttpRequest, provider: str) -> HttpResponse:
    """POST /payments/webhook/<provider>/: hand the request to the provider (see providers/gateway.py)."""
    handler = registry.get(provider)
    if handler is None or not handler.accepts_webhooks:
        raise Http404
    return handler.handle_webhook(request)
