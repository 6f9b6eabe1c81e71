"""Short links /s/<code>/ for services: what a citizen types from a poster when the QR will not scan.

The code is the service page's id written in an alphabet without look-alike characters (no 0/O, 1/I/L, and no
U/V, which read alike on a printed sign) and a check character, so it is stable for the life of the
page (titles and slugs may change; the id does not), case-insensitive, short ("7KQ3" for the first thousands of
pages) and a mistyped character is caught rather than opening another service.
"""

from __future__ import annotations

ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"  # 29 symbols: no 0 O 1 I L U V
_BASE = len(ALPHABET)
_MIN_BODY = 3


def _check(body: str) -> str:
    return ALPHABET[sum((i + 1) * ALPHABET.index(ch) for i, ch in enumerate(body)) % _BASE]


def encode(number: int) -> str:
    """The short code of a positive id."""
    if number <= 0:
        raise ValueError("short codes are for positive ids")
    body = ""
    while number:
        number, digit = divmod(number, _BASE)
        body = ALPHABET[digit] + body
    body = body.rjust(_MIN_BODY, ALPHABET[0])
    return body + _check(body)


def decode(code: str) -> int | None:
    """The id behind `code` (any case, spaces and dashes ignored), or None when it is not a valid code."""
    cleaned = code.replace("-", "").replace(" ", "").upper()
    if len(cleaned) < _MIN_BODY + 1 or len(cleaned) > 12 or any(ch not in ALPHABET for ch in cleaned):
        return None
    body, check = cleaned[:-1], cleaned[-1]
    if _check(body) != check:
        return None
    number = 0
    for ch in body:
        number = number * _BASE + ALPHABET.index(ch)
    return number or None
