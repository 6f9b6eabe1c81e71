"""Answers remembered for the length of one request.

One page asks the same questions many times: which site this host is, the site's cache version, the officer's
roles (each app's menu item, panels, the view itself). Inside a request the first answer is kept here; outside a
request (services, commands, tests calling code directly) nothing is remembered and every call asks again.
Anything that changes what an answer would be calls `forget()` (model signals do), so a request that writes and
then reads sees its own write.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import TypeVar

from django.http import HttpRequest, HttpResponse

T = TypeVar("T")

_memo: ContextVar[dict | None] = ContextVar("thongthin_request_memo", default=None)
_request: ContextVar[HttpRequest | None] = ContextVar("thongthin_current_request", default=None)


def current_request() -> HttpRequest | None:
    """The request being answered in this thread, if any: code deep in a service (an e-mail's link, a PDF's QR
    code) builds addresses from the host the person actually used, without every caller passing the request."""
    return _request.get()


def memoized(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once per request for `key` (every time outside a request)."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def remember(key: Hashable, value: T) -> T:
    """Record a value just learnt (for example a version number after bumping it)."""
    memo = _memo.get()
    if memo is not None:
        memo[key] = value
    return value


def forget() -> None:
    """Drop everything remembered in this request."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()


class RequestMemoMiddleware:
    """Give each request a fresh memo; place it first, so that every later middleware and view can use it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _memo.set({})
        request_token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(request_token)
            _memo.reset(token)
