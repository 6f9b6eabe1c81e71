"""Demo complaints: for each demo LGO its map settings and an area boundary, and reports in every state (new,
accepted, being fixed, fixed and rated, fixed then reopened, not our authority, outside the area, merged, cancelled),
with photos before and after, filed and moved through `services` like real ones.

Idempotent: reports are only created for an LGO that has none.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from core import notifications
from core.demo import DemoContext

from . import services
from .models import Category, ComplaintSettings, Report

#: Map centres of the demo LGOs (by code); anything else gets หนองแก้ว's.
CENTRES = {"NKW": (Decimal("19.9105"), Decimal("99.8406")), "DSK": (Decimal("18.8722"), Decimal("99.1289"))}


def _photo(colour: tuple[int, int, int], mark: str) -> SimpleUploadedFile:
    image = Image.new("RGB", (1200, 900), colour)
    draw = ImageDraw.Draw(image)
    if mark == "light":
        draw.rectangle((560, 200, 600, 880), fill=(80, 80, 80))
        draw.ellipse((520, 140, 680, 240), fill=(40, 40, 40))
    elif mark == "fixed":
        draw.rectangle((560, 200, 600, 880), fill=(80, 80, 80))
        draw.ellipse((520, 140, 680, 240), fill=(255, 230, 90))
    else:
        draw.ellipse((300, 500, 900, 800), fill=(60, 50, 40))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return SimpleUploadedFile(f"{mark}.jpg", out.getvalue(), content_type="image/jpeg")


def load(ctx: DemoContext) -> None:
    for organization in ctx.organizations:
        if Report.objects.for_organization(organization).exists():
            continue
        lat, lon = CENTRES.get(organization.code, CENTRES["NKW"])
        d = Decimal("0.03")
        ComplaintSettings.objects.get_or_create(organization=organization, defaults={
            "map_latitude": lat, "map_longitude": lon,
            "boundary": [[float(lon - d), float(lat - d)], [float(lon + d), float(lat - d)],
                         [float(lon + d), float(lat + d)], [float(lon - d), float(lat + d)]],
        })
        admin = ctx.users.get(f"{organization.code.lower()}-admin")
        with notifications.muted():
            _reports(organization, admin, lat, lon)
        ctx.say(f"สร้างเรื่องร้องเรียนตัวอย่างของ {organization.name_th}")


def _reports(organization, admin, lat: Decimal, lon: Decimal) -> None:
    topics = {c.code: c for c in Category.objects.for_organization(organization)}
    now = timezone.now()
    counter = {"n": 0}

    def file(code: str, text: str, *, days_ago: float, dlat: str = "0", dlon: str = "0", **kwargs) -> Report:
        counter["n"] += 1
        values = {"name": "นางสมศรี มีสุข", "phone": "0812345678", "email": "somsri@example.com",
                  "address": "หน้าวัด หมู่ 3", "village": 3}
        values.update(kwargs)
        return services.file_report(
            organization=organization, category=topics[code], description=text,
            idempotency_key=f"demo-{organization.code}-{counter['n']}",
            latitude=lat + Decimal(dlat), longitude=lon + Decimal(dlon), now=now - dt.timedelta(days=days_ago),
            **values)

    new = file("lights", "ไฟถนนดับ 3 ต้น ตั้งแต่หน้าวัดถึงสามแยก มืดมากตอนกลางคืน", days_ago=0.2, dlat="0.001",
         photos=[_photo((20, 20, 60), "light")])
    accepted = file("garbage", "ขยะไม่ได้เก็บมา 5 วัน ส่งกลิ่นเหม็น", days_ago=2, dlat="-0.004", dlon="0.003",
                    photos=[_photo((90, 110, 60), "garbage")], address="ซอย 4 ใกล้ตลาดสด")
    services.accept(report=accepted, actor=admin, note="รับเรื่องแล้ว จะจัดรถเก็บขยะเข้าพื้นที่")
    working = file("roads", "หลุมบ่อกลางถนน รถจักรยานยนต์ล้มแล้ว 2 คัน", days_ago=9, dlon="-0.006",
                   photos=[_photo((120, 120, 120), "hole")], address="ถนนสายหลัก กม. 2", village=5)
    services.start_work(report=working, actor=admin, note="กองช่างนัดซ่อมผิวถนน")
    fixed = file("lights", "โคมไฟหน้าโรงเรียนดับ", days_ago=6, dlat="0.006", dlon="0.002",
                 photos=[_photo((20, 20, 60), "light")], address="หน้าโรงเรียนบ้านหนองแก้ว")
    services.mark_done(report=fixed, actor=admin, note="เปลี่ยนหลอด LED แล้ว", photos=[_photo((20, 20, 60), "fixed")])
    services.rate(report=fixed, rating=5, comment="แก้ไขรวดเร็ว ขอบคุณครับ")
    reopened = file("water", "ท่อประปาแตก น้ำไหลนองถนน", days_ago=12, dlat="-0.002", dlon="-0.002",
                    photos=[_photo((60, 90, 140), "pipe")])
    services.mark_done(report=reopened, actor=admin, note="ซ่อมท่อแล้ว")
    services.reopen(report=reopened, note="ยังรั่วอยู่ตรงข้อต่อ")
    not_ours = file("other", "สายโทรศัพท์ขาดห้อยลงมาเกะกะ", days_ago=4, dlat="0.003", dlon="-0.004")
    services.reject_not_ours(report=not_ours, actor=admin,
                             note="สายสื่อสารเป็นความรับผิดชอบของผู้ให้บริการ โทร 1177 หรือ กสทช. 1200")
    file("flooding", "น้ำท่วมขังถนนหน้าบ้าน", days_ago=3, dlat="0.2", dlon="0.2", address="นอกเขตเทศบาล")
    duplicate = file("lights", "ไฟดับหน้าวัด มืดมาก", days_ago=0.1, dlat="0.0012", email="boonma@example.com",
                     name="นายบุญมา ใจดี", phone="0891112222")
    services.merge(report=duplicate, into=new, actor=admin)
    cancelled = file("animals", "สุนัขจรจัดไล่กัดเด็ก", days_ago=1, dlon="0.005")
    services.cancel_by_citizen(report=cancelled, note="เจ้าของมารับสุนัขกลับแล้ว")
    file("corruption", "มีการเรียกรับเงินเพื่อเร่งออกใบอนุญาต", days_ago=1.5, anonymous=True, name="", phone="",
         email="", address="", village=None)
