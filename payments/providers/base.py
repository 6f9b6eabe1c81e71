"""The interface every payment provider implements."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


class PaymentProvider:
    """A way money reaches the LGO. `code` is stored on each Payment as `provider`.

    Providers that receive notifications from outside (payment gateways) set `accepts_webhooks` and implement
    `handle_webhook`; providers used by officers (the counter) are driven from the admin.
    """

    code: str = ""
    label: str = ""
    accepts_webhooks: bool = False

    def handle_webhook(self, request: HttpRequest) -> HttpResponse:
        raise NotImplementedError(f"{self.code} does not accept webhooks")
