"""Thai national public holidays for government offices, kept as data and seeded idempotently.

Solar-calendar holidays are fixed by law. Buddhist holidays follow the lunar calendar and substitute days
(วันหยุดชดเชย) and special holidays are decided by the cabinet each year, so those rows carry a note asking the
administrator to check them against the cabinet announcement; they stay editable in the admin (Holidays). The Royal
Ploughing Ceremony day is set by the Bureau of the Royal Household each year and is added by the administrator.
Labour Day is not a holiday for government offices and is therefore not listed.
"""

from __future__ import annotations

import datetime as dt

VERIFY_NOTE = "วันตามปฏิทินจันทรคติหรือวันหยุดชดเชย: โปรดตรวจสอบกับประกาศคณะรัฐมนตรี"

# (ISO date, name, needs checking against the cabinet announcement)
NATIONAL_HOLIDAYS: tuple[tuple[str, str, bool], ...] = (
    # 2026 (พ.ศ. 2569)
    ("2026-01-01", "วันขึ้นปีใหม่", False),
    ("2026-03-03", "วันมาฆบูชา", True),
    ("2026-04-06", "วันพระบาทสมเด็จพระพุทธยอดฟ้าจุฬาโลกมหาราชและวันที่ระลึกมหาจักรีบรมราชวงศ์", False),
    ("2026-04-13", "วันสงกรานต์", False),
    ("2026-04-14", "วันสงกรานต์", False),
    ("2026-04-15", "วันสงกรานต์", False),
    ("2026-05-04", "วันฉัตรมงคล", False),
    ("2026-05-31", "วันวิสาขบูชา", True),
    ("2026-06-01", "วันหยุดชดเชยวันวิสาขบูชา", True),
    ("2026-06-03", "วันเฉลิมพระชนมพรรษาสมเด็จพระนางเจ้าสุทิดา พัชรสุธาพิมลลักษณ พระบรมราชินี", False),
    ("2026-07-28", "วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระเจ้าอยู่หัว", False),
    ("2026-07-29", "วันอาสาฬหบูชา", True),
    ("2026-07-30", "วันเข้าพรรษา", True),
    ("2026-08-12", "วันเฉลิมพระชนมพรรษาสมเด็จพระบรมราชชนนีพันปีหลวง และวันแม่แห่งชาติ", False),
    ("2026-10-13", "วันนวมินทรมหาราช", False),
    ("2026-10-23", "วันปิยมหาราช", False),
    ("2026-12-05", "วันคล้ายวันพระบรมราชสมภพ รัชกาลที่ 9 วันชาติ และวันพ่อแห่งชาติ", False),
    ("2026-12-07", "วันหยุดชดเชยวันพ่อแห่งชาติ", True),
    ("2026-12-10", "วันรัฐธรรมนูญ", False),
    ("2026-12-31", "วันสิ้นปี", False),
    # 2027 (พ.ศ. 2570)
    ("2027-01-01", "วันขึ้นปีใหม่", False),
    ("2027-02-20", "วันมาฆบูชา", True),
    ("2027-02-22", "วันหยุดชดเชยวันมาฆบูชา", True),
    ("2027-04-06", "วันพระบาทสมเด็จพระพุทธยอดฟ้าจุฬาโลกมหาราชและวันที่ระลึกมหาจักรีบรมราชวงศ์", False),
    ("2027-04-13", "วันสงกรานต์", False),
    ("2027-04-14", "วันสงกรานต์", False),
    ("2027-04-15", "วันสงกรานต์", False),
    ("2027-05-04", "วันฉัตรมงคล", False),
    ("2027-05-20", "วันวิสาขบูชา", True),
    ("2027-06-03", "วันเฉลิมพระชนมพรรษาสมเด็จพระนางเจ้าสุทิดา พัชรสุธาพิมลลักษณ พระบรมราชินี", False),
    ("2027-07-18", "วันอาสาฬหบูชา", True),
    ("2027-07-19", "วันเข้าพรรษา", True),
    ("2027-07-20", "วันหยุดชดเชยวันอาสาฬหบูชา", True),
    ("2027-07-28", "วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระเจ้าอยู่หัว", False),
    ("2027-08-12", "วันเฉลิมพระชนมพรรษาสมเด็จพระบรมราชชนนีพันปีหลวง และวันแม่แห่งชาติ", False),
    ("2027-10-13", "วันนวมินทรมหาราช", False),
    ("2027-10-23", "วันปิยมหาราช", False),
    ("2027-10-25", "วันหยุดชดเชยวันปิยมหาราช", True),
    ("2027-12-05", "วันคล้ายวันพระบรมราชสมภพ รัชกาลที่ 9 วันชาติ และวันพ่อแห่งชาติ", False),
    ("2027-12-06", "วันหยุดชดเชยวันพ่อแห่งชาติ", True),
    ("2027-12-10", "วันรัฐธรรมนูญ", False),
    ("2027-12-31", "วันสิ้นปี", False),
)


def seed_national_holidays(holiday_model=None) -> int:
    """Add the listed national holidays of every year that has none yet; returns how many rows were added.

    A year that already has national holidays is left exactly as the administrators keep it: a lunar holiday they
    moved to the date the cabinet announced, or a day they deleted, is not brought back. Takes the model as an
    argument so that the data migration can pass its historical model.
    """
    if holiday_model is None:
        from .models import Holiday as holiday_model
    seeded_years = set(holiday_model.objects.filter(organization__isnull=True).values_list("date__year", flat=True))
    new_rows = [
        holiday_model(organization=None, date=day, name=name, note=VERIFY_NOTE if verify else "")
        for day, name, verify in ((dt.date.fromisoformat(iso), name, verify) for iso, name, verify in NATIONAL_HOLIDAYS)
        if day.year not in seeded_years
    ]
    holiday_model.objects.bulk_create(new_rows)
    if new_rows:
        from .calendar import forget_holidays

        forget_holidays()  # bulk_create sends no signals
    return len(new_rows)
