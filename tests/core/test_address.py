"""core.thai.address_parts: each level of a Thai address printed once, in parts that stay on one line."""

from __future__ import annotations

import pytest

from core.thai import address_parts

FIELDS = {"subdistrict": "หนองแก้ว", "district": "เมืองเชียงราย", "province": "เชียงราย", "postcode": "57000"}


@pytest.mark.parametrize(
    "address",
    [
        "99 หมู่ 3 ถนนพหลโยธิน ตำบลหนองแก้ว อำเภอเมืองเชียงราย จังหวัดเชียงราย",
        "99 หมู่ 3 ถนนพหลโยธิน ตำบล หนองแก้ว อำเภอ เมืองเชียงราย จังหวัด เชียงราย 57000",
        "99 ม. 3 ถ.พหลโยธิน ต.หนองแก้ว อ.เมืองเชียงราย จ.เชียงราย",
    ],
)
def test_levels_already_in_the_address_are_not_repeated(address):
    parts = address_parts(address, **FIELDS)
    text = " ".join(parts)
    for name in ("หนองแก้ว", "เชียงราย 57000", "57000"):
        assert text.count(name) == 1, (name, parts)
    assert "หมู่ 3" in parts or "ม. 3" in parts  # a label stays with its value


def test_levels_missing_from_the_address_come_from_the_fields():
    assert address_parts("99 หมู่ 3 ถนนพหลโยธิน", **FIELDS) == [
        "99", "หมู่ 3", "ถนนพหลโยธิน", "ตำบลหนองแก้ว", "อำเภอเมืองเชียงราย", "จังหวัดเชียงราย", "57000"
    ]


def test_same_name_for_subdistrict_and_district():
    """ตำบลดอยสะเก็ด อำเภอดอยสะเก็ด: the district's name inside the address does not hide a missing ตำบล."""
    parts = address_parts("1 หมู่ 1 อำเภอดอยสะเก็ด", subdistrict="ดอยสะเก็ด", district="ดอยสะเก็ด", province="เชียงใหม่")
    assert parts == ["1", "หมู่ 1", "อำเภอดอยสะเก็ด", "ตำบลดอยสะเก็ด", "จังหวัดเชียงใหม่"]


def test_labels_typed_apart_stay_with_their_value():
    assert address_parts("ตำบล หนองแก้ว") == ["ตำบล หนองแก้ว"]
