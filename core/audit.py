"""The one write path for the audit log."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .models import AuditAction, AuditLog


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address: REMOTE_ADDR, or behind `TRUSTED_PROXY_HOPS` reverse proxies the address the outermost
    of them saw, counted from the *right* of X-Forwarded-For.

    Each proxy appends the address it received the request from, so only the last `hops` entries are trustworthy;
    anything to their left was sent by the client and would let it choose its own address (and dodge sign-in and
    look-up throttling, or write a false address into the audit log). The header is read only when the connection
    comes from one of `TRUSTED_PROXY_ADDRESSES`: an app server reached directly is answered by REMOTE_ADDR.
    """
    if request is None:
        return None
    hops = getattr(settings, "TRUSTED_PROXY_HOPS", 0)
    if hops and _from_trusted_proxy(request.META.get("REMOTE_ADDR") or ""):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= hops:
            # Only an address is kept: the value is stored in inet columns, and "not-an-ip" there is a server error.
            return _ip_or_none(forwarded[-hops])
    return _ip_or_none(request.META.get("REMOTE_ADDR") or "")


def _from_trusted_proxy(remote_addr: str) -> bool:
    try:
        address = ipaddress.ip_address(remote_addr)
    except ValueError:
        return False
    networks = getattr(settings, "TRUSTED_PROXY_ADDRESSES", ["127.0.0.1/32", "::1/128"])
    return any(address in ipaddress.ip_network(network, strict=False) for network in networks)


def _ip_or_none(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def log_access(
    *,
    actor: Any,
    organization: Any,
    action: AuditAction | str,
    obj: Any = None,
    object_type: str = "",
    object_id: str = "",
    detail: str = "",
    request: HttpRequest | None = None,
) -> AuditLog:
    """Record that `actor` did `action` to `obj` (personal data) in `organization` (an LGO or its id). Never updated
    or deleted."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    return AuditLog.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        organization_id=getattr(organization, "pk", organization),
        action=action,
        object_type=object_type[:100],
        object_id=object_id[:64],
        object_repr=str(obj)[:255] if obj is not None else "",
        detail=detail[:500],
        ip_address=client_ip(request),
    )
