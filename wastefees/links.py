"""The citizen's way in to an account page: a signed token that expires, never a guessable account URL.

After the look-up form checks the account number and the second factor, the citizen is sent to
/waste-fees/account/<token>/. The token carries the account's primary key and the time it was issued, signed with
SECRET_KEY under this app's salt: it cannot be changed to reach another account, and it stops working after
`ACCOUNT_LINK_MAX_AGE` (a shared phone's history does not open the account the next day).
"""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

from organizations.links import absolute_url

ACCOUNT_SALT = "wastefees.account.v1"
ACCOUNT_LINK_MAX_AGE = 30 * 60  # seconds


def account_token(account) -> str:
    return signing.TimestampSigner(salt=ACCOUNT_SALT).sign(str(account.pk)).replace(":", ".")


def account_id_from_token(token: str, *, max_age: int = ACCOUNT_LINK_MAX_AGE) -> int | None:
    """The account id in a valid, unexpired token; None when forged, altered or too old."""
    try:
        value = signing.TimestampSigner(salt=ACCOUNT_SALT).unsign((token or "").replace(".", ":"), max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is a subclass
        return None
    return int(value) if value.isdigit() else None


def account_public_url(account) -> str:
    return reverse("wastefees:account", kwargs={"token": account_token(account)})


def lookup_url(*, absolute: bool = False, organization=None) -> str:
    """The public look-up page (in Thai, the default language)."""
    from django.utils import translation

    with translation.override("th"):
        path = reverse("wastefees:lookup")
    return absolute_url(path, organization) if absolute else path
