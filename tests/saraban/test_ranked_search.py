"""Whole words first, read a rank group at a time: any page of the results is exactly the slice that ranking in
one query (every candidate read and sorted) gives, for one word and for several, across group boundaries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Case, IntegerField, Value, When

from saraban.selectors import RankedSearch, SearchQuery, search_documents

SUBJECTS = [  # (subject, day): "ลูก" whole or inside "ปลูก"; "ทางการ" whole or inside "แนวทางการ"
    ("ขอรับเงินช่วยเหลือค่าเล่าเรียนลูกของพนักงาน แจ้งทางการจังหวัด", 1),
    ("ขออนุญาตก่อสร้างสิ่งปลูกสร้างชั่วคราว แนวทางการจัดเก็บภาษี", 2),
    ("ค่าเล่าเรียนลูกพนักงานจ้าง แนวทางการเบิกจ่าย", 3),
    ("ปลูกต้นไม้วันแม่ แจ้งทางการอำเภอ", 4),
    ("ลูกเสือชาวบ้าน แจ้งทางการจังหวัด", 5),
    ("สิ่งปลูกสร้างริมทาง แนวทางการรื้อถอน", 6),
    ("ลูกจ้างชั่วคราว แนวทางการจ้าง", 7),
    ("เรื่องอื่นที่ไม่เกี่ยวข้อง", 8),
]


def _one_query(results: RankedSearch):
    """The ordering the search had before: rank in SQL, then newest first (reads every candidate)."""
    rank = sum((Case(When(search_words__contains=phrase, then=Value(1)), default=Value(0),
                     output_field=IntegerField()) for phrase in results.phrases), Value(0))
    return list(results.documents.annotate(whole_words=rank).order_by("-whole_words", "-dated", "-pk"))


@pytest.mark.parametrize("text", ["ลูก", "ลูก ทางการ"])
def test_every_slice_equals_ranking_in_one_query(lgo, clerk, incoming, text):
    for subject, day in SUBJECTS:
        incoming(subject=subject, dated=dt.date(2026, 11, day))
    results = search_documents(clerk, lgo, SearchQuery(text=text))
    assert isinstance(results, RankedSearch)
    expected = _one_query(results)
    assert len(expected) >= 4 and "เรื่องอื่น" not in " ".join(d.subject for d in expected)
    # the whole-word documents come first and a document where the word is only inside comes after them
    assert "ลูก" in expected[0].search_words
    for start in range(len(expected) + 1):
        for stop in (start, start + 1, start + 2, start + 3, len(expected) + 5):
            assert [d.pk for d in results[start:stop]] == [d.pk for d in expected[start:stop]], (start, stop)
    assert [d.pk for d in results[2:None]] == [d.pk for d in expected[2:]]
    assert [d.pk for d in results] == [d.pk for d in expected]
