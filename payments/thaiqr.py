"""Thai QR Payment payloads: build, check and draw the codes citizens scan to pay an LGO.

Thailand's bank apps read the EMVCo "merchant-presented mode" QR as profiled by the Bank of Thailand
(Thai QR Code Payment Standard). Two kinds matter to us:

* PromptPay credit transfer (tag 29): money to a PromptPay proxy, i.e. a mobile number, a national ID
  or tax ID, or an e-wallet ID. Fine for one-off transfers, but the receiving bank sees no reference.
* Bill payment (tag 30): money to a biller ID (the LGO's tax ID plus a 2-digit suffix from its bank)
  with Ref1/Ref2, which the bank hands back in its settlement file. This is what invoices use,
  because it is what makes reconciliation automatic.

Design choices, and why:

* Pure Python apart from ``qrcode`` (rendering) and ``core.thai`` (the ID check digit): no models,
  so billing runs, services and tests can call it anywhere, and its tests need no database.
* Inputs are checked against the standard and rejected with :class:`ThaiQRError` (English message
  plus ``message_th`` for officers and citizens). A QR code that scans but pays the wrong account
  or the wrong amount is far worse than an error, so nothing is silently trimmed, rounded or
  "fixed".
* Money is ``Decimal`` only. A float cannot hold most satang amounts exactly, and a bare int is
  ambiguous (baht or satang?), so both are a ``TypeError``.
* Top-level fields are written in ascending tag order (00, 01, 29/30, 53, 54, 58, 59, 60, 62, 63).
  EMVCo only fixes 00 first and 63 last; ascending is how the EMVCo tables list them and what
  bank-issued Thai codes use. Some popular libraries write 58 before 53 (dtinth/promptpay-qr) or
  54 after 58 (maythiwat/promptparse): those strings differ byte for byte from ours but carry the
  same fields, and :func:`parse_payload` reads every order.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

import qrcode
import qrcode.constants
import qrcode.image.pil
import qrcode.image.svg

from core.thai import national_id_checksum_ok

__all__ = [
    "BILL_PAYMENT_AID",
    "MAX_AMOUNT",
    "PROMPTPAY_AID",
    "ParsedPayload",
    "ThaiQRError",
    "bill_payment_payload",
    "crc16",
    "is_valid_thai_id",
    "parse_payload",
    "promptpay_payload",
    "render_png",
    "render_svg",
]

PROMPTPAY_AID: Final = "A000000677010111"
BILL_PAYMENT_AID: Final = "A000000677010112"
THB_NUMERIC: Final = "764"
COUNTRY_TH: Final = "TH"
MAX_AMOUNT: Final = Decimal("9999999999.99")  # tag 54 holds at most 13 characters

TAG_FORMAT: Final = "00"
TAG_INITIATION: Final = "01"
TAG_CREDIT_TRANSFER: Final = "29"
TAG_BILL_PAYMENT: Final = "30"
TAG_CURRENCY: Final = "53"
TAG_AMOUNT: Final = "54"
TAG_COUNTRY: Final = "58"
TAG_MERCHANT_NAME: Final = "59"
TAG_MERCHANT_CITY: Final = "60"
TAG_ADDITIONAL_DATA: Final = "62"
TAG_CRC: Final = "63"

SUB_AID: Final = "00"
SUB_MOBILE: Final = "01"
SUB_NATIONAL_ID: Final = "02"
SUB_EWALLET: Final = "03"
SUB_BILLER_ID: Final = "01"
SUB_REF1: Final = "02"
SUB_REF2: Final = "03"
SUB_TERMINAL_LABEL: Final = "07"  # inside tag 62; banks such as SCB use it as "Ref3"

INITIATION_STATIC: Final = "11"  # may be paid many times (printed on a counter or a poster)
INITIATION_DYNAMIC: Final = "12"  # meant for one payment (an invoice with its amount)

MERCHANT_NAME_MAX: Final = 25
MERCHANT_CITY_MAX: Final = 15
REFERENCE_MAX: Final = 20
TERMINAL_LABEL_MAX: Final = 25

_DIGITS = re.compile(r"[0-9]+")
_REFERENCE = re.compile(r"[A-Z0-9]+")
_AMOUNT_TEXT = re.compile(r"[0-9]+(\.[0-9]{1,2})?")
_PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]*")
_TWO_PLACES = Decimal("0.01")

TargetType = Literal["mobile", "national_id", "ewallet_id"]
Kind = Literal["promptpay", "bill_payment"]


logger = logging.getLogger(__name__)


class ThaiQRError(ValueError):
    """An input or payload that breaks the Thai QR standard.

    ``str(error)`` is English for logs and developers; ``message_th`` is Thai for officers and
    citizens; ``code`` is stable so forms can map it to a field.
    """

    def __init__(self, message: str, *, message_th: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.message_th = message_th
        self.code = code


@dataclass(frozen=True)
class ParsedPayload:
    """What a Thai QR payload says, after its structure and CRC were checked.

    ``target`` is the PromptPay proxy exactly as encoded (a mobile number reads ``0066`` + 9 digits).
    ``raw`` maps each top-level tag to its value, in payload order, for fields this class does not
    name (for example tag 62 sub-fields other than the terminal label).
    """

    kind: Kind
    target_type: TargetType | None
    target: str | None
    biller_id: str | None
    ref1: str | None
    ref2: str | None
    terminal_label: str | None
    amount: Decimal | None
    currency: str
    country: str
    is_dynamic: bool
    merchant_name: str | None
    merchant_city: str | None
    raw: dict[str, str]


# --- CRC and TLV ---------------------------------------------------------------------------------


def crc16(data: str) -> str:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) as 4 uppercase hex digits, as EMVCo tag 63 wants.

    The CRC covers everything before it, including the "6304" that introduces it.
    """
    crc = 0xFFFF
    for byte in data.encode("ascii"):
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def _tlv(tag: str, value: str) -> str:
    """One EMVCo data object: 2-digit tag, 2-digit length, value (lengths count ASCII characters)."""
    if len(value) > 99:
        raise ThaiQRError(
            f"Field {tag} is {len(value)} characters long; a QR data object holds at most 99.",
            message_th=f"ข้อมูลช่อง {tag} ยาวเกิน 99 ตัวอักษร",
            code="too_long",
        )
    return f"{tag}{len(value):02d}{value}"


def _with_crc(fields: dict[str, str]) -> str:
    """Serialise top-level fields in ascending tag order and append the CRC (see module docstring)."""
    body = "".join(_tlv(tag, fields[tag]) for tag in sorted(fields)) + TAG_CRC + "04"
    return body + crc16(body)


def _split_tlv(data: str, *, where: str) -> list[tuple[str, str]]:
    """Split a TLV string into (tag, value) pairs, refusing truncation, bad lengths and repeats."""
    items: list[tuple[str, str]] = []
    pos = 0
    while pos < len(data):
        header = data[pos : pos + 4]
        if len(header) < 4 or not header.isdigit():
            raise _malformed(f"{where}: expected a 2-digit tag and 2-digit length at position {pos}.")
        tag, length = header[:2], int(header[2:])
        value = data[pos + 4 : pos + 4 + length]
        if len(value) != length:
            raise _malformed(f"{where}: field {tag} says {length} characters but only {len(value)} remain.")
        if any(tag == seen for seen, _ in items):
            raise _malformed(f"{where}: field {tag} appears twice.")
        items.append((tag, value))
        pos += 4 + length
    return items


def _malformed(message: str) -> ThaiQRError:
    return ThaiQRError(message, message_th="ข้อมูลใน QR มีรูปแบบไม่ถูกต้อง", code="malformed")


# --- Input checks --------------------------------------------------------------------------------


def _require_str(value: object, name: str) -> str:
    """Identifiers must arrive as text: an int would already have lost a leading zero."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    return value


def is_valid_thai_id(value: str) -> bool:
    """Whether a 13-digit Thai national ID or juristic tax ID (ASCII digits only) has a correct check digit.

    The check digit is the platform's one (:func:`core.thai.national_id_checksum_ok`). It catches
    nearly all single typos and swapped neighbours, which would otherwise send money elsewhere.
    """
    return len(value) == 13 and bool(_DIGITS.fullmatch(value)) and national_id_checksum_ok(value)


def _mobile_proxy(mobile: str) -> str:
    """Thai mobile 0XXXXXXXXX becomes the PromptPay proxy 0066XXXXXXXXX (country code, no leading 0)."""
    if len(mobile) != 10 or not _DIGITS.fullmatch(mobile) or not mobile.startswith("0"):
        raise ThaiQRError(
            f"Mobile number must be 10 digits starting with 0 (e.g. 0812345678), got {mobile!r}.",
            message_th="หมายเลขโทรศัพท์มือถือต้องเป็นตัวเลข 10 หลัก ขึ้นต้นด้วย 0 (เช่น 0812345678)",
            code="invalid_mobile",
        )
    return "0066" + mobile[1:]


def _thai_id(value: str, *, field: str, field_th: str, code: str = "national_id") -> str:
    """A 13-digit national ID or tax ID with a correct check digit."""
    if len(value) != 13 or not _DIGITS.fullmatch(value):
        raise ThaiQRError(
            f"{field} must be exactly 13 digits, got {value!r}.",
            message_th=f"{field_th}ต้องเป็นตัวเลข 13 หลัก",
            code=f"invalid_{code}",
        )
    if not is_valid_thai_id(value):
        raise ThaiQRError(
            f"{field} {value} has a wrong check digit; it is probably mistyped.",
            message_th=f"{field_th} {value} ไม่ถูกต้อง (เลขหลักสุดท้ายไม่ตรงกับเลขตรวจสอบ) โปรดตรวจสอบอีกครั้ง",
            code=f"{code}_checksum",
        )
    return value


def _ewallet_id(value: str) -> str:
    """E-wallet IDs are 15 digits (the first 3 name the wallet provider)."""
    if len(value) != 15 or not _DIGITS.fullmatch(value):
        raise ThaiQRError(
            f"E-wallet ID must be exactly 15 digits, got {value!r}.",
            message_th="รหัส e-Wallet ต้องเป็นตัวเลข 15 หลัก",
            code="invalid_ewallet_id",
        )
    return value


def _biller_id(value: str) -> str:
    """Biller ID = the biller's 13-digit tax ID (check digit verified) + a 2-digit suffix from its bank.

    Checking the tax ID part stops a mistyped biller ID in an LGO's settings from routing every
    citizen's payment to someone else.
    """
    if len(value) != 15 or not _DIGITS.fullmatch(value):
        raise ThaiQRError(
            f"Biller ID must be exactly 15 digits (13-digit tax ID + 2-digit suffix), got {value!r}.",
            message_th="รหัสผู้รับชำระ (Biller ID) ต้องเป็นตัวเลข 15 หลัก (เลขประจำตัวผู้เสียภาษี 13 หลัก + 2 หลัก)",
            code="invalid_biller_id",
        )
    _thai_id(value[:13], field="Biller ID tax ID part", field_th="เลขประจำตัวผู้เสียภาษีใน Biller ID", code="biller_id")
    return value


def _reference(value: str, *, field: str, field_th: str, max_length: int = REFERENCE_MAX) -> str:
    """Bill references: 1-20 characters of A-Z and 0-9, the set every Thai bank's settlement accepts."""
    if not value or len(value) > max_length or not _REFERENCE.fullmatch(value):
        raise ThaiQRError(
            f"{field} must be 1-{max_length} characters of uppercase A-Z and 0-9, got {value!r}.",
            message_th=f"{field_th}ต้องเป็นตัวอักษรภาษาอังกฤษพิมพ์ใหญ่ A-Z หรือตัวเลข 0-9 ยาว 1-{max_length} ตัว",
            code="invalid_reference",
        )
    return value


def _merchant_text(value: str, *, field: str, field_th: str, max_length: int) -> str:
    """Tags 59/60 take printable ASCII only; Thai text belongs in tag 64, which we do not write."""
    if not value.strip() or len(value) > max_length or not _PRINTABLE_ASCII.fullmatch(value):
        raise ThaiQRError(
            f"{field} must be 1-{max_length} printable ASCII characters (no Thai), got {value!r}.",
            message_th=f"{field_th}ต้องเป็นอักษรภาษาอังกฤษ ตัวเลข หรือเครื่องหมาย ยาวไม่เกิน {max_length} ตัว (ใช้ภาษาไทยไม่ได้)",
            code="invalid_merchant_text",
        )
    return value


def _format_amount(amount: Decimal) -> str:
    """Tag 54 text, e.g. Decimal("4.2") -> "4.20". Refuses rather than rounds: the amount is the bill."""
    if not isinstance(amount, Decimal):
        raise TypeError(
            f"amount must be a decimal.Decimal in baht, got {type(amount).__name__}: floats cannot hold "
            "satang exactly and an int could be baht or satang"
        )
    if not amount.is_finite() or amount <= 0:
        raise ThaiQRError(
            f"Amount must be a positive number of baht, got {amount}.",
            message_th="จำนวนเงินต้องมากกว่า 0 บาท",
            code="invalid_amount",
        )
    if amount > MAX_AMOUNT:
        raise ThaiQRError(
            f"Amount must not exceed {MAX_AMOUNT:,} baht, got {amount:,}.",
            message_th="จำนวนเงินต้องไม่เกิน 9,999,999,999.99 บาท",
            code="invalid_amount",
        )
    quantized = amount.quantize(_TWO_PLACES)
    if quantized != amount:
        raise ThaiQRError(
            f"Amount {amount} has more than 2 decimal places; round it (to satang) before encoding.",
            message_th="จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์)",
            code="invalid_amount",
        )
    return f"{quantized:f}"


# --- Encoders ------------------------------------------------------------------------------------


def _common_fields(
    *,
    amount: Decimal | None,
    one_time: bool | None,
    merchant_name: str | None,
    merchant_city: str | None,
) -> dict[str, str]:
    """Fields shared by both kinds. One-time (dynamic) is the default exactly when an amount is set."""
    dynamic = amount is not None if one_time is None else one_time
    fields = {
        TAG_FORMAT: "01",
        TAG_INITIATION: INITIATION_DYNAMIC if dynamic else INITIATION_STATIC,
        TAG_CURRENCY: THB_NUMERIC,
        TAG_COUNTRY: COUNTRY_TH,
    }
    if amount is not None:
        fields[TAG_AMOUNT] = _format_amount(amount)
    if merchant_name is not None:
        fields[TAG_MERCHANT_NAME] = _merchant_text(
            _require_str(merchant_name, "merchant_name"),
            field="Merchant name",
            field_th="ชื่อผู้รับเงิน",
            max_length=MERCHANT_NAME_MAX,
        )
    if merchant_city is not None:
        fields[TAG_MERCHANT_CITY] = _merchant_text(
            _require_str(merchant_city, "merchant_city"),
            field="Merchant city",
            field_th="ชื่อเมือง",
            max_length=MERCHANT_CITY_MAX,
        )
    return fields


def _proxy(mobile: str | None, national_id: str | None, ewallet_id: str | None) -> tuple[str, str]:
    """Exactly one PromptPay proxy, as (sub-tag, encoded value)."""
    given = [
        name
        for name, value in (("mobile", mobile), ("national_id", national_id), ("ewallet_id", ewallet_id))
        if value is not None
    ]
    if len(given) != 1:
        raise ThaiQRError(
            f"Give exactly one of mobile, national_id or ewallet_id (got {', '.join(given) or 'none'}).",
            message_th="ต้องระบุพร้อมเพย์อย่างใดอย่างหนึ่ง: เบอร์มือถือ เลขประจำตัวประชาชน/ผู้เสียภาษี หรือ e-Wallet",
            code="target_required",
        )
    if mobile is not None:
        return SUB_MOBILE, _mobile_proxy(_require_str(mobile, "mobile"))
    if national_id is not None:
        value = _require_str(national_id, "national_id")
        return SUB_NATIONAL_ID, _thai_id(
            value, field="National ID/tax ID", field_th="เลขประจำตัวประชาชน/เลขประจำตัวผู้เสียภาษี"
        )
    return SUB_EWALLET, _ewallet_id(_require_str(ewallet_id, "ewallet_id"))


def promptpay_payload(
    *,
    mobile: str | None = None,
    national_id: str | None = None,
    ewallet_id: str | None = None,
    amount: Decimal | None = None,
    one_time: bool | None = None,
    merchant_name: str | None = None,
    merchant_city: str | None = None,
) -> str:
    """A PromptPay credit-transfer payload (tag 29) to one proxy.

    ``mobile`` is a Thai number as written locally (``0812345678``), ``national_id`` a 13-digit
    national ID or tax ID, ``ewallet_id`` 15 digits; give exactly one. ``one_time`` defaults to
    True when an amount is given, so an invoice QR is not reused for the next payment.
    """
    sub_tag, proxy = _proxy(mobile, national_id, ewallet_id)
    fields = _common_fields(amount=amount, one_time=one_time, merchant_name=merchant_name, merchant_city=merchant_city)
    fields[TAG_CREDIT_TRANSFER] = _tlv(SUB_AID, PROMPTPAY_AID) + _tlv(sub_tag, proxy)
    return _with_crc(fields)


def bill_payment_payload(
    *,
    biller_id: str,
    ref1: str,
    ref2: str | None = None,
    amount: Decimal | None = None,
    one_time: bool | None = None,
    terminal_label: str | None = None,
    merchant_name: str | None = None,
    merchant_city: str | None = None,
) -> str:
    """A bill-payment payload (tag 30): the bank settles to ``biller_id`` and reports Ref1/Ref2 back.

    ``terminal_label`` goes to tag 62 sub-tag 07, which some banks (e.g. SCB) read as "Ref3";
    leave it out unless the LGO's bank asks for it.
    """
    account = (
        _tlv(SUB_AID, BILL_PAYMENT_AID)
        + _tlv(SUB_BILLER_ID, _biller_id(_require_str(biller_id, "biller_id")))
        + _tlv(SUB_REF1, _reference(_require_str(ref1, "ref1"), field="Ref1", field_th="เลขอ้างอิง 1 "))
    )
    if ref2 is not None:
        account += _tlv(SUB_REF2, _reference(_require_str(ref2, "ref2"), field="Ref2", field_th="เลขอ้างอิง 2 "))
    fields = _common_fields(amount=amount, one_time=one_time, merchant_name=merchant_name, merchant_city=merchant_city)
    fields[TAG_BILL_PAYMENT] = account
    if terminal_label is not None:
        label = _reference(
            _require_str(terminal_label, "terminal_label"),
            field="Terminal label",
            field_th="เลขอ้างอิง 3 (Terminal label) ",
            max_length=TERMINAL_LABEL_MAX,
        )
        fields[TAG_ADDITIONAL_DATA] = _tlv(SUB_TERMINAL_LABEL, label)
    return _with_crc(fields)


# --- Parser --------------------------------------------------------------------------------------


def _check_crc(payload: str) -> None:
    """The last field must be 63 with 4 hex digits matching the CRC of everything before them."""
    if len(payload) < 8 or payload[-8:-4] != TAG_CRC + "04":
        raise _malformed("The payload must end with the CRC field 6304XXXX.")
    expected, given = crc16(payload[:-4]), payload[-4:].upper()
    if expected != given:
        raise ThaiQRError(
            f"CRC mismatch: payload says {payload[-4:]}, content gives {expected}; it is damaged or edited.",
            message_th="รหัสตรวจสอบ (CRC) ของ QR ไม่ตรงกับข้อมูล QR อาจเสียหายหรือถูกแก้ไข",
            code="crc_mismatch",
        )


def _parse_amount(text: str) -> Decimal:
    """Tag 54 as Decimal; EMVCo allows "100", "100.5" or "100.50", all read as 2-place baht."""
    if len(text) > 13 or not _AMOUNT_TEXT.fullmatch(text):
        raise _malformed(f"Amount {text!r} is not a plain decimal number.")
    amount = Decimal(text).quantize(_TWO_PLACES)
    _format_amount(amount)  # same bounds as the encoder
    return amount


def _expect(fields: dict[str, str], tag: str, value: str, what: str) -> None:
    if fields.get(tag) != value:
        raise ThaiQRError(
            f"{what} must be {value!r}, got {fields.get(tag)!r}.",
            message_th="QR นี้ไม่ใช่ Thai QR Payment ที่รองรับ",
            code="unsupported",
        )


def _parse_credit_transfer(value: str) -> tuple[TargetType, str]:
    """Tag 29: PromptPay AID plus exactly one proxy; formats checked, check digit not (see parse_payload)."""
    sub = dict(_split_tlv(value, where="Tag 29"))
    _expect(sub, SUB_AID, PROMPTPAY_AID, "Tag 29 application ID")
    proxies = {k: v for k, v in sub.items() if k != SUB_AID}
    formats: dict[str, tuple[TargetType, re.Pattern[str]]] = {
        SUB_MOBILE: ("mobile", re.compile(r"0066[0-9]{9}")),
        SUB_NATIONAL_ID: ("national_id", re.compile(r"[0-9]{13}")),
        SUB_EWALLET: ("ewallet_id", re.compile(r"[0-9]{15}")),
    }
    if len(proxies) != 1 or next(iter(proxies)) not in formats:
        raise ThaiQRError(
            f"Tag 29 must hold exactly one proxy of type 01, 02 or 03, got {sorted(proxies)}.",
            message_th="QR พร้อมเพย์นี้ใช้ประเภทบัญชีที่ระบบไม่รองรับ",
            code="unsupported",
        )
    sub_tag, target = next(iter(proxies.items()))
    target_type, pattern = formats[sub_tag]
    if not pattern.fullmatch(target):
        raise _malformed(f"Tag 29 proxy {target!r} is not a valid {target_type}.")
    return target_type, target


def _parse_bill_payment(value: str) -> tuple[str, str, str | None]:
    """Tag 30: bill-payment AID, 15-digit biller ID, Ref1 and optional Ref2 (each 1-20 printable ASCII)."""
    sub = dict(_split_tlv(value, where="Tag 30"))
    _expect(sub, SUB_AID, BILL_PAYMENT_AID, "Tag 30 application ID")
    unknown = set(sub) - {SUB_AID, SUB_BILLER_ID, SUB_REF1, SUB_REF2}
    if unknown:
        raise _malformed(f"Tag 30 has unknown sub-fields {sorted(unknown)}.")
    biller_id = sub.get(SUB_BILLER_ID, "")
    if len(biller_id) != 15 or not _DIGITS.fullmatch(biller_id):
        raise _malformed(f"Biller ID {biller_id!r} is not 15 digits.")
    refs = [sub.get(SUB_REF1), sub.get(SUB_REF2)]
    for ref in refs:
        if ref is not None and not (0 < len(ref) <= REFERENCE_MAX and _PRINTABLE_ASCII.fullmatch(ref)):
            raise _malformed(f"Reference {ref!r} must be 1-20 printable characters.")
    if refs[0] is None:
        raise _malformed("Tag 30 has no Ref1 (sub-field 02).")
    return biller_id, refs[0], refs[1]


def parse_payload(payload: str) -> ParsedPayload:
    """Read a Thai QR payload after checking its TLV structure, CRC and Thai QR fields.

    Used to verify what we render and to read codes from elsewhere (e.g. a bank's own QR). Field
    order is free, as EMVCo allows. National ID check digits are *not* enforced here: a code that
    banks accept is reported as it is; use :func:`is_valid_thai_id` to judge its target.
    """
    _require_str(payload, "payload")
    if not payload.isascii() or not _PRINTABLE_ASCII.fullmatch(payload):
        raise _malformed("The payload must be printable ASCII.")
    items = _split_tlv(payload, where="Payload")
    if not items or items[0][0] != TAG_FORMAT or items[-1][0] != TAG_CRC:
        raise _malformed("The payload must start with field 00 and end with field 63.")
    _check_crc(payload)
    fields = dict(items)
    _expect(fields, TAG_FORMAT, "01", "Payload format indicator (00)")
    _expect(fields, TAG_CURRENCY, THB_NUMERIC, "Currency (53)")
    _expect(fields, TAG_COUNTRY, COUNTRY_TH, "Country (58)")
    initiation = fields.get(TAG_INITIATION, INITIATION_STATIC)
    if initiation not in (INITIATION_STATIC, INITIATION_DYNAMIC):
        raise _malformed(f"Point of initiation (01) must be 11 or 12, got {initiation!r}.")
    if (TAG_CREDIT_TRANSFER in fields) == (TAG_BILL_PAYMENT in fields):
        raise ThaiQRError(
            "The payload must hold exactly one of tag 29 (PromptPay) or tag 30 (bill payment).",
            message_th="QR นี้ไม่ใช่ QR พร้อมเพย์หรือ QR ชำระบิล",
            code="unsupported",
        )
    for tag, limit in ((TAG_MERCHANT_NAME, MERCHANT_NAME_MAX), (TAG_MERCHANT_CITY, MERCHANT_CITY_MAX)):
        if len(fields.get(tag, "")) > limit:
            raise _malformed(f"Field {tag} is longer than {limit} characters.")
    additional = dict(_split_tlv(fields.get(TAG_ADDITIONAL_DATA, ""), where="Tag 62"))
    amount_text = fields.get(TAG_AMOUNT)
    common = {
        "terminal_label": additional.get(SUB_TERMINAL_LABEL),
        "amount": _parse_amount(amount_text) if amount_text is not None else None,
        "currency": fields[TAG_CURRENCY],
        "country": fields[TAG_COUNTRY],
        "is_dynamic": initiation == INITIATION_DYNAMIC,
        "merchant_name": fields.get(TAG_MERCHANT_NAME),
        "merchant_city": fields.get(TAG_MERCHANT_CITY),
        "raw": fields,
    }
    if TAG_CREDIT_TRANSFER in fields:
        target_type, target = _parse_credit_transfer(fields[TAG_CREDIT_TRANSFER])
        return ParsedPayload(
            kind="promptpay", target_type=target_type, target=target, biller_id=None, ref1=None, ref2=None, **common
        )
    biller_id, ref1, ref2 = _parse_bill_payment(fields[TAG_BILL_PAYMENT])
    return ParsedPayload(
        kind="bill_payment", target_type=None, target=None, biller_id=biller_id, ref1=ref1, ref2=ref2, **common
    )


# --- Rendering -----------------------------------------------------------------------------------


def _qr_code(payload: str, *, box_size: int, border: int, image_factory: type) -> qrcode.QRCode:
    """Check the payload, then lay it out with error correction M (survives smudges on paper)."""
    parse_payload(payload)  # never draw a code that a bank app would reject
    if box_size < 1 or border < 0:
        raise ValueError("box_size must be >= 1 and border >= 0 (4 modules is the QR quiet zone).")
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=box_size,
        border=border,
        image_factory=image_factory,
    )
    code.add_data(payload)
    code.make(fit=True)
    return code


def render_png(payload: str, *, box_size: int = 8, border: int = 4) -> bytes:
    """The payload as a black-on-white PNG; ``box_size`` pixels per module, ``border`` modules of margin."""
    code = _qr_code(payload, box_size=box_size, border=border, image_factory=qrcode.image.pil.PilImage)
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    return buffer.getvalue()


def render_svg(payload: str, *, border: int = 4) -> str:
    """The payload as an SVG document (white background rect + one path), scalable for print and HTML.

    The viewBox counts one unit per module, so CSS can size it; the white background keeps it
    scannable on dark pages.
    """
    code = _qr_code(payload, box_size=10, border=border, image_factory=qrcode.image.svg.SvgPathFillImage)
    return code.make_image().to_string(encoding="unicode")


def consolidated_qr_payload(organization, ref1: str, amount: Decimal) -> str | None:
    """The payload that pays every payable invoice with `ref1` at once (Ref2 = CONSOLIDATED_REF2), or None when the
    LGO has no usable biller ID (see `Invoice.qr_payload`)."""
    from .constants import CONSOLIDATED_REF2

    if not organization.biller_id or amount <= 0:
        return None
    try:
        return bill_payment_payload(biller_id=organization.biller_id, ref1=ref1, ref2=CONSOLIDATED_REF2,
                                    amount=amount)
    except ThaiQRError:
        logger.exception("No consolidated Thai QR for organization %s", organization.pk)
        return None
