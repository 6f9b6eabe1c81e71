"""Demo website content for the demo LGOs: news with photos, executives and staff, the ITA/OIT item tree, English.

Idempotent: pages are found by slug, images by title, people only added to an empty personnel page, so a second
run adds nothing. Photos are drawn with Pillow (landscapes and portraits in soft colours), so no file is shipped.
"""

from __future__ import annotations

import datetime as dt
import io
import random

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from core.demo import DemoContext
from core.thai import be_year
from organizations.constants import OrganizationKind

from .constants import NewsCategory, PersonnelGroup
from .defaults import create_default_pages, english_locale, paragraphs, translate
from .ita import ITA_ITEMS
from .models import (
    HomePage,
    NewsIndexPage,
    NewsPage,
    PersonnelMember,
    PersonnelPage,
    SiteSettings,
    TransparencyIndexPage,
    TransparencyItemPage,
)

NEWS_COUNT_FIRST_LGO = 54
NEWS_COUNT_OTHER_LGO = 14
ENGLISH_NEWS = 6

# (category, title, summary, paragraphs)
NEWS_TEMPLATES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (NewsCategory.NEWS, "ประชาสัมพันธ์การชำระภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี {year}",
     "เจ้าของที่ดินและสิ่งปลูกสร้างโปรดชำระภาษีภายในเดือนเมษายน เพื่อหลีกเลี่ยงเบี้ยปรับและเงินเพิ่ม",
     ("ขอเชิญชวนเจ้าของที่ดินและสิ่งปลูกสร้างชำระภาษีประจำปีได้ที่กองคลัง ในวันและเวลาราชการ "
      "หรือชำระผ่านระบบบริการออนไลน์ด้วย QR พร้อมเพย์",
      "ผู้ที่ชำระเกินกำหนดจะต้องเสียเบี้ยปรับและเงินเพิ่มตามพระราชบัญญัติภาษีที่ดินและสิ่งปลูกสร้าง พ.ศ. 2562")),
    (NewsCategory.ACTIVITY, "กิจกรรมจิตอาสาพัฒนาคูคลองและทางระบายน้ำ หมู่ที่ {moo}",
     "คณะผู้บริหาร พนักงาน และประชาชนร่วมกันขุดลอกทางระบายน้ำเพื่อป้องกันน้ำท่วมขังในฤดูฝน",
     ("ผู้เข้าร่วมกว่า 120 คน ร่วมเก็บขยะ ตัดหญ้า และขุดลอกทางระบายน้ำยาว 1.5 กิโลเมตร",
      "ขอขอบคุณประชาชนทุกท่านที่สละเวลามาร่วมกิจกรรมเพื่อชุมชนของเรา")),
    (NewsCategory.ANNOUNCEMENT, "ประกาศรับสมัครบุคคลเพื่อสรรหาและเลือกสรรเป็นพนักงานจ้าง ครั้งที่ {n}/{year}",
     "รับสมัครพนักงานจ้างทั่วไปและพนักงานจ้างตามภารกิจ ยื่นใบสมัครได้ที่สำนักปลัด",
     ("ผู้สนใจยื่นใบสมัครด้วยตนเองได้ที่งานการเจ้าหน้าที่ สำนักปลัด ระหว่างวันที่ 1–15 ของเดือนถัดไป",
      "ประกาศรายชื่อผู้มีสิทธิเข้ารับการประเมินสมรรถนะทางเว็บไซต์และบอร์ดประชาสัมพันธ์")),
    (NewsCategory.PROCUREMENT, "ประกาศผู้ชนะการเสนอราคา โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ {moo}",
     "ประกาศผู้ชนะการเสนอราคาโดยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
     ("ตามที่ได้ประกวดราคาจ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก ขนาดกว้าง 5 เมตร ยาว 420 เมตร หนา 0.15 เมตร "
      "โดยวิธีประกวดราคาอิเล็กทรอนิกส์ บัดนี้ได้ผู้ชนะการเสนอราคาแล้ว",
      "รายละเอียดเพิ่มเติมสามารถสอบถามได้ที่งานพัสดุ กองคลัง ในวันและเวลาราชการ")),
    (NewsCategory.NEWS, "ขอเชิญร่วมประชุมประชาคมเพื่อจัดทำแผนพัฒนาท้องถิ่น ปี {year}",
     "ร่วมเสนอปัญหาและความต้องการของหมู่บ้าน เพื่อบรรจุในแผนพัฒนาท้องถิ่น",
     ("การประชุมประชาคมจัดขึ้นทุกหมู่บ้าน ณ ศาลาอเนกประสงค์ของหมู่บ้าน เวลา 09.00 น. เป็นต้นไป",
      "ข้อเสนอของท่านจะถูกนำไปจัดลำดับความสำคัญและบรรจุในแผนพัฒนาท้องถิ่น")),
    (NewsCategory.ACTIVITY, "โครงการตรวจสุขภาพผู้สูงอายุเชิงรุกและคัดกรองโรคเบาหวาน",
     "เจ้าหน้าที่สาธารณสุขและ อสม. ออกให้บริการตรวจสุขภาพผู้สูงอายุถึงบ้าน",
     ("ให้บริการวัดความดันโลหิต ตรวจระดับน้ำตาลในเลือด และให้คำแนะนำด้านโภชนาการแก่ผู้สูงอายุ 350 ราย",
      "ผู้ที่มีความเสี่ยงได้รับการส่งต่อไปยังโรงพยาบาลส่งเสริมสุขภาพตำบลเพื่อติดตามต่อเนื่อง")),
    (NewsCategory.ANNOUNCEMENT, "ประกาศการจ่ายเบี้ยยังชีพผู้สูงอายุและคนพิการ ประจำเดือน",
     "เบี้ยยังชีพจะโอนเข้าบัญชีธนาคารของผู้มีสิทธิภายในวันที่ 10 ของเดือน",
     ("ผู้มีสิทธิที่ยังไม่ได้แจ้งบัญชีธนาคาร โปรดติดต่อกองสวัสดิการสังคมพร้อมสำเนาบัญชีเงินฝาก",
      "ผู้ที่จะมีอายุครบ 60 ปีในปีงบประมาณถัดไป ลงทะเบียนล่วงหน้าได้ตั้งแต่วันนี้")),
    (NewsCategory.PROCUREMENT, "ประกาศแผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ {year}",
     "เผยแพร่แผนการจัดซื้อจัดจ้างตามพระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560",
     ("แผนการจัดซื้อจัดจ้างประกอบด้วยโครงการก่อสร้าง 12 โครงการ และการจัดซื้อครุภัณฑ์ 8 รายการ",
      "ประชาชนสามารถตรวจสอบแผนได้ที่ระบบการจัดซื้อจัดจ้างภาครัฐและที่ทำการ")),
    (NewsCategory.NEWS, "แจ้งกำหนดการเก็บขยะมูลฝอยช่วงวันหยุดยาว",
     "รถเก็บขยะจะออกให้บริการตามปกติ ยกเว้นวันหยุดนักขัตฤกษ์ซึ่งจะเลื่อนไปวันถัดไป",
     ("โปรดคัดแยกขยะอินทรีย์ ขยะรีไซเคิล และขยะอันตรายก่อนนำออกมาวางหน้าบ้าน",
      "ชำระค่าธรรมเนียมเก็บขนขยะผ่านระบบออนไลน์ได้ตลอด 24 ชั่วโมง")),
    (NewsCategory.ACTIVITY, "ประเพณีลอยกระทงและการประกวดกระทงจากวัสดุธรรมชาติ",
     "ร่วมสืบสานประเพณีลอยกระทงอย่างรักษ์สิ่งแวดล้อม ณ สระน้ำสาธารณะประจำตำบล",
     ("กิจกรรมประกอบด้วยการประกวดกระทงจากวัสดุธรรมชาติ การแสดงของเยาวชน และตลาดนัดสินค้าชุมชน",
      "ขอความร่วมมืองดใช้โฟมและพลาสติก เพื่อรักษาแหล่งน้ำของชุมชน")),
    (NewsCategory.NEWS, "ขอเชิญชวนฉีดวัคซีนป้องกันโรคพิษสุนัขบ้าให้สุนัขและแมว",
     "บริการฉีดวัคซีนฟรีและขึ้นทะเบียนสัตว์เลี้ยงตามหมู่บ้าน",
     ("เจ้าหน้าที่จะออกให้บริการตามตารางนัดหมายของแต่ละหมู่บ้าน โปรดนำสัตว์เลี้ยงใส่สายจูงหรือกรงมาด้วย",
      "การขึ้นทะเบียนสัตว์เลี้ยงช่วยให้ติดตามเจ้าของได้เมื่อสัตว์พลัดหลง")),
    (NewsCategory.ANNOUNCEMENT, "ประกาศขยายเวลาการยื่นแบบแสดงรายการภาษีป้าย",
     "ขยายเวลายื่นแบบแสดงรายการภาษีป้าย (ภ.ป.1) ถึงสิ้นเดือนมิถุนายน",
     ("ผู้ประกอบการที่มีป้ายแสดงชื่อ ยี่ห้อ หรือเครื่องหมายการค้า โปรดยื่นแบบ ภ.ป.1 ที่กองคลัง",
      "สามารถขอรับแบบหรือยื่นแบบผ่านระบบบริการออนไลน์ได้")),
)

ENGLISH_TITLES = (
    "Land and building tax payment reminder", "Volunteer drainage clean-up", "Recruitment of contract staff",
    "Procurement result: reinforced concrete road", "Community forum for the local development plan",
    "Mobile health check for older people",
)

PALETTES = ((34, 102, 68), (29, 79, 145), (140, 70, 30), (90, 60, 130), (20, 110, 120), (150, 40, 60))


def _landscape(seed: int, size: tuple[int, int] = (1280, 720)) -> bytes:
    """A soft landscape (sky, hills, fields, sun) in one of the palettes: recognisable, light, varied."""
    rnd = random.Random(seed)
    width, height = size
    base = PALETTES[seed % len(PALETTES)]
    image = PILImage.new("RGB", size, (200, 225, 240))
    draw = ImageDraw.Draw(image)
    for y in range(height // 2):
        shade = 255 - int(60 * y / (height / 2))
        draw.line([(0, y), (width, y)], fill=(shade - 40, shade - 15, 255))
    sun_x, sun_y = rnd.randint(100, width - 100), rnd.randint(60, height // 3)
    draw.ellipse([sun_x - 50, sun_y - 50, sun_x + 50, sun_y + 50], fill=(255, 214, 102))
    for layer in range(3):
        colour = tuple(min(255, c + 40 * (2 - layer)) for c in base)
        points = [(0, height)]
        for x in range(0, width + 80, 80):
            points.append((x, int(height * (0.45 + 0.12 * layer) + rnd.randint(-40, 40))))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    for row in range(6):
        y = int(height * 0.8) + row * 22
        draw.line([(0, y), (width, y - 40)], fill=tuple(max(0, c - 30) for c in base), width=3)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def _portrait(seed: int) -> bytes:
    """A simple head-and-shoulders silhouette on a tinted background (no real person is depicted)."""
    rnd = random.Random(seed)
    image = PILImage.new("RGB", (320, 400), tuple(rnd.randint(190, 235) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    shirt = PALETTES[seed % len(PALETTES)]
    draw.ellipse([40, 250, 280, 520], fill=shirt)
    draw.ellipse([105, 90, 215, 230], fill=(224, 182, 150))
    draw.pieslice([100, 80, 220, 200], 180, 360, fill=(40, 30, 30))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _collection(organization) -> Collection:
    try:
        from organizations.permissions import ensure_collection
    except ImportError:
        return Collection.get_first_root_node()
    return ensure_collection(organization)


def _image(organization, title: str, description: str, data: bytes):
    Image = get_image_model()
    collection = _collection(organization)
    existing = Image.objects.filter(title=title, collection=collection).first()
    if existing is not None:
        return existing
    return Image.objects.create(
        title=title, description=description, collection=collection,
        file=ImageFile(io.BytesIO(data), name=f"demo-{abs(hash(title)) % 10**8}.jpg"),
    )


def _home_of(organization) -> HomePage:
    return organization.site.root_page.specific


def _child(parent: Page, model, slug: str | None = None):
    queryset = model.objects.child_of(parent)
    return (queryset.filter(slug=slug) if slug else queryset).first()


def load(ctx: DemoContext) -> None:
    for index, organization in enumerate(ctx.organizations):
        create_default_pages(organization)
        _settings(organization)
        _home(organization, seed=index)
        news_count = NEWS_COUNT_FIRST_LGO if index == 0 else NEWS_COUNT_OTHER_LGO
        _news(organization, news_count, seed=index)
        _personnel(organization)
        _transparency(organization)
        ctx.say(f"  website: {organization.name_th} – {news_count} news items, personnel, ITA items, English pages")


def _settings(organization) -> None:
    site_settings = SiteSettings.for_site(organization.site)
    if site_settings.facebook_url:
        return
    slug = organization.code.lower()
    site_settings.facebook_url = f"https://www.facebook.com/{slug}.official"
    site_settings.line_oa_url = f"https://lin.ee/{slug}Official"
    site_settings.youtube_url = f"https://www.youtube.com/@{slug}channel"
    if organization.kind == OrganizationKind.SAO:
        site_settings.theme_colour = "#00563f"
    site_settings.save()


def _home(organization, seed: int) -> None:
    home = _home_of(organization)
    if home.hero_image_id:
        return
    home.hero_image = _image(organization, f"{organization.name_th} – ภาพมุมกว้างของพื้นที่",
                             f"ทิวทัศน์ทุ่งนาและภูเขาใน{organization.name_th}", _landscape(1000 + seed, (1600, 700)))
    home.intro = paragraphs(
        f"{organization.name_th}ให้บริการประชาชนทั้งที่สำนักงานและทางออนไลน์ ยื่นคำขอ ชำระค่าธรรมเนียม "
        "แจ้งเรื่องร้องเรียน และติดตามผลได้ด้วยตนเอง"
    )
    links = [("ITA", _child(home, TransparencyIndexPage)), ("privacy", _child(home, Page, "privacy"))]
    home.quick_links = [
        ("link", {"title": "ศูนย์ดำรงธรรม", "page": None, "url": "https://www.damrongdhama.moi.go.th/"}),
        ("link", {"title": "กรมส่งเสริมการปกครองท้องถิ่น", "page": None, "url": "https://www.dla.go.th/"}),
        ("link", {"title": "ระบบการจัดซื้อจัดจ้างภาครัฐ", "page": None, "url": "https://www.gprocurement.go.th/"}),
        *[("link", {"title": page.title, "page": page, "url": ""}) for _, page in links if page is not None],
    ]
    home.save_revision().publish()
    english = home.get_translation_or_none(english_locale())
    if english is not None:
        english = english.specific
        english.hero_image = home.hero_image
        english.intro = paragraphs("Apply, pay fees, report problems and track your case online or at the office.")
        english.save_revision().publish()


def _news(organization, count: int, seed: int) -> None:
    home = _home_of(organization)
    index = _child(home, NewsIndexPage, "news")
    if index is None:
        return
    rnd = random.Random(seed)
    today = timezone.localdate()
    year = be_year(today)
    created: list[NewsPage] = []
    for n in range(count):
        slug = f"news-{n + 1:03d}"
        if NewsPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        category, title, summary, texts = NEWS_TEMPLATES[n % len(NEWS_TEMPLATES)]
        title = title.format(year=year, moo=rnd.randint(1, 12), n=n // len(NEWS_TEMPLATES) + 1)
        date = today - dt.timedelta(days=int(n * 3.4) + rnd.randint(0, 2))
        image = None
        if category in (NewsCategory.NEWS, NewsCategory.ACTIVITY):
            image = _image(organization, f"{organization.code} ภาพข่าว {n + 1}", f"ภาพประกอบ: {title}",
                           _landscape(seed * 1000 + n))
        body = [("paragraph", paragraphs(*texts))]
        if category == NewsCategory.PROCUREMENT:
            body.append(("table", {
                "caption": "สรุปผลการเสนอราคา",
                "columns": [{"type": "text", "heading": "ผู้เสนอราคา"}, {"type": "number", "heading": "ราคาที่เสนอ (บาท)"}],
                "rows": [{"values": ["ห้างหุ้นส่วนจำกัด ทรัพย์รุ่งเรืองก่อสร้าง", "1248000.00"]},
                         {"values": ["บริษัท เชียงรายโยธา จำกัด", "1265500.00"]}],
            }))
        page = NewsPage(title=title, slug=slug, date=date, category=category, image=image, summary=summary,
                        body=body, search_description=summary)
        index.add_child(instance=page)
        revision = page.save_revision()
        revision.publish()
        when = timezone.make_aware(dt.datetime.combine(date, dt.time(9, rnd.randint(0, 59))))
        NewsPage.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
        created.append(page)
    for page, title in zip(sorted(created, key=lambda p: p.date, reverse=True)[:ENGLISH_NEWS], ENGLISH_TITLES,
                           strict=False):
        translate(page, title, {
            "date": page.date, "category": page.category, "image": page.image,
            "summary": f"{title}. Details in Thai on the Thai page.",
            "body": [("paragraph", paragraphs(f"{title}. Please see the Thai version for the full text."))],
        })


EXECUTIVES = {
    "municipality": (("นายสมศักดิ์ แก้วมณี", "นายกเทศมนตรี", "Mayor"),
                     ("นางสาวพรทิพย์ ใจงาม", "รองนายกเทศมนตรี", "Deputy Mayor"),
                     ("นายวิชัย ทองคำ", "รองนายกเทศมนตรี", "Deputy Mayor"),
                     ("นายประเสริฐ บุญมา", "เลขานุการนายกเทศมนตรี", "Secretary to the Mayor")),
    "sao": (("นายบุญเลิศ ศรีสุข", "นายกองค์การบริหารส่วนตำบล", "Chief Executive"),
            ("นางมาลี คำแสน", "รองนายกองค์การบริหารส่วนตำบล", "Deputy Chief Executive"),
            ("นายสุรชัย อินต๊ะ", "รองนายกองค์การบริหารส่วนตำบล", "Deputy Chief Executive"),
            ("นายอำนาจ ปัญญาดี", "เลขานุการนายกองค์การบริหารส่วนตำบล", "Secretary to the Chief Executive")),
}
COUNCIL = (("นายเกษม วงศ์ใหญ่", "ประธานสภา", "เขต 1"), ("นางบัวผัน สุขเกษม", "รองประธานสภา", "เขต 2"),
           ("นายธนากร มั่นคง", "เลขานุการสภา", "เขต 1"), ("นายชาตรี คำปัน", "สมาชิกสภา", "เขต 1"),
           ("นางสุดา ใจบุญ", "สมาชิกสภา", "เขต 2"), ("นายอนุชา ปิงเมือง", "สมาชิกสภา", "เขต 2"))
STAFF = (("นางสาววรรณา ศรีวงศ์", "ปลัด", "Permanent Secretary", "สำนักปลัด", "053 123 401"),
         ("นายกิตติ พรหมมา", "รองปลัด", "Deputy Permanent Secretary", "สำนักปลัด", "053 123 402"),
         ("นางรัชนี ยอดดี", "หัวหน้าสำนักปลัด", "Head of the Office", "สำนักปลัด", "053 123 403"),
         ("นางสาวนภา แสงทอง", "ผู้อำนวยการกองคลัง", "Director of Finance", "กองคลัง", "053 123 410"),
         ("นายพงศกร ดวงดี", "นักวิชาการเงินและบัญชี", "Finance officer", "กองคลัง", "053 123 411"),
         ("นายสมบัติ ก้อนคำ", "ผู้อำนวยการกองช่าง", "Director of Engineering", "กองช่าง", "053 123 420"),
         ("นายณัฐพล ศรีเมือง", "นายช่างโยธา", "Civil engineering technician", "กองช่าง", "053 123 421"),
         ("นางจันทร์เพ็ญ ชัยมงคล", "ผู้อำนวยการกองสาธารณสุขและสิ่งแวดล้อม", "Director of Public Health",
          "กองสาธารณสุขและสิ่งแวดล้อม", "053 123 430"),
         ("นางสาวอรอุมา ทิพย์เนตร", "ผู้อำนวยการกองการศึกษา ศาสนาและวัฒนธรรม", "Director of Education",
          "กองการศึกษา ศาสนาและวัฒนธรรม", "053 123 440"),
         ("นายมานพ อุดมศักดิ์", "ผู้อำนวยการกองสวัสดิการสังคม", "Director of Social Welfare", "กองสวัสดิการสังคม",
          "053 123 450"))


def _personnel(organization) -> None:
    page = _child(_home_of(organization), PersonnelPage, "personnel")
    if page is None or page.members.exists():
        return
    kind = "sao" if organization.kind == OrganizationKind.SAO else "municipality"
    english = page.get_translation_or_none(english_locale())
    rows: list[tuple[str, str, str, str, str, str]] = []
    for name, position, position_en in EXECUTIVES[kind]:
        rows.append((PersonnelGroup.EXECUTIVE, "", name, position, position_en, organization.phone))
    council_word = "สภาเทศบาล" if kind == "municipality" else "สภาองค์การบริหารส่วนตำบล"
    for name, position, district in COUNCIL:
        rows.append((PersonnelGroup.COUNCIL, f"{council_word} {district}", name,
                     position.replace("สภา", council_word, 1), "Council member", ""))
    for name, position, position_en, section, phone in STAFF:
        if kind == "sao" and position == "ปลัด":
            position = "ปลัดองค์การบริหารส่วนตำบล"
        rows.append((PersonnelGroup.STAFF, section, name, position, position_en, phone))
    for order, (group, section, name, position, position_en, phone) in enumerate(rows):
        photo = _image(organization, f"{organization.code} รูปบุคลากร {name}", f"รูปถ่าย {name} {position}",
                       _portrait(order + len(organization.code)))
        PersonnelMember.objects.create(page=page, group=group, section=section, name=name, position=position,
                                       phone=phone, photo=photo, sort_order=order)
        if english is not None:
            PersonnelMember.objects.create(page=english, group=group, section=section, name=name,
                                           position=position_en, phone=phone, photo=photo, sort_order=order)
    page.save_revision().publish()


def _transparency(organization) -> None:
    home = _home_of(organization)
    index = TransparencyIndexPage.objects.child_of(home).order_by("-year").first()
    if index is None:
        return
    pages = {p.slug: p for p in home.get_descendants().filter(depth__lte=home.depth + 2).live()}
    social = SiteSettings.for_site(organization.site).social_links
    existing = set(TransparencyItemPage.objects.child_of(index).values_list("code", flat=True))
    for code, title, text, evidence_slug in [(i.code, i.title, i.text, i.evidence) for i in ITA_ITEMS]:
        if code in existing:
            continue
        files = []
        if evidence_slug and evidence_slug in pages:
            files.append(("link", {"title": pages[evidence_slug].title, "page": pages[evidence_slug], "url": ""}))
        if code == "o9":
            files.extend(("link", {"title": name, "page": None, "url": url}) for name, url in social)
        body = [("paragraph", paragraphs(f"{text} ของ{organization.name_th} ประจำปี {index.year}"))]
        page = TransparencyItemPage(title=title, slug=code, code=code, body=body, files=files,
                                    search_description=text)
        index.add_child(instance=page)
        page.save_revision().publish()
