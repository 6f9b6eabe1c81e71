"""The page tree every new LGO gets: a lawful, usable Thai website (with an English version) from the first minute.

`create_default_pages(organization)` is called by `create_lgo` and by the demo; it is idempotent: pages are found
by slug under the LGO's home page and only missing ones are created, so editors' changes are never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from core.thai import ce_year
from organizations.constants import OrganizationKind

from .models import (
    ContactPage,
    HomePage,
    NewsIndexPage,
    PersonnelPage,
    StandardPage,
    TransparencyIndexPage,
    current_be_year,
)

ENGLISH = "en"

_LAWS = {
    OrganizationKind.PAO: "พระราชบัญญัติองค์การบริหารส่วนจังหวัด พ.ศ. 2540",
    OrganizationKind.SAO: "พระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. 2537",
}
_MUNICIPAL_LAW = "พระราชบัญญัติเทศบาล พ.ศ. 2496"
_DECENTRALISATION_LAW = "พระราชบัญญัติกำหนดแผนและขั้นตอนการกระจายอำนาจให้แก่องค์กรปกครองส่วนท้องถิ่น พ.ศ. 2542"


@dataclass
class PageSpec:
    """One default page: its type, slug, Thai and English content, and children."""

    model: type[Page]
    slug: str
    title: str
    title_en: str
    fields: dict[str, Any] = field(default_factory=dict)
    fields_en: dict[str, Any] = field(default_factory=dict)
    in_menu: bool = False
    children: list[PageSpec] = field(default_factory=list)


def paragraphs(*texts: str) -> RichText:
    """Rich text of plain paragraphs (default pages and the demo write their copy this way)."""
    return RichText("".join(f"<p>{text}</p>" for text in texts))


def _body(*parts: tuple[str, Any]) -> list[tuple[str, Any]]:
    return [(kind, paragraphs(value) if kind == "paragraph" else value) for kind, value in parts]


def _h(text: str) -> tuple[str, dict]:
    return ("heading", {"text": text, "level": "h2"})


def _contact_line(org) -> str:
    parts = [org.name_th]
    if org.address:
        parts.append(org.address.replace("\n", " "))
    if org.phone:
        parts.append(f"โทรศัพท์ {org.phone}")
    if org.email:
        parts.append(f"อีเมล {org.email}")
    return " ".join(parts)


def default_tree(org) -> list[PageSpec]:
    """The default children of an LGO's home page, written from the organization's own data."""
    law = _LAWS.get(org.kind, _MUNICIPAL_LAW)
    place = f"อำเภอ{org.district} จังหวัด{org.province}"
    year = current_be_year()
    dpo = _contact_line(org)
    about = PageSpec(
        StandardPage, "about", "เกี่ยวกับเรา", "About us", in_menu=True,
        fields={"intro": f"ข้อมูลพื้นฐาน ประวัติ วิสัยทัศน์ อำนาจหน้าที่ และโครงสร้างของ{org.name_th}"},
        fields_en={"intro": f"Background, history, vision, duties and structure of {org.name_en or org.name_th}."},
        children=[
            PageSpec(StandardPage, "history", "ประวัติความเป็นมา", "History", fields={
                "intro": f"ความเป็นมาของ{org.name_th} {place}",
                "body": _body(("paragraph",
                               f"{org.name_th}เป็นองค์กรปกครองส่วนท้องถิ่นใน{place} จัดตั้งขึ้นตาม{law} "
                               "มีหน้าที่จัดทำบริการสาธารณะเพื่อประโยชน์ของประชาชนในท้องถิ่น "
                               "โดยมีสภาท้องถิ่นที่มาจากการเลือกตั้งและผู้บริหารท้องถิ่นที่ประชาชนเลือกตั้งโดยตรง")),
            }, fields_en={
                "intro": "How the organization came to be.",
                "body": _body(("paragraph",
                               f"{org.name_en or org.name_th} is a local government organization in "
                               f"{org.district}, {org.province}, serving the people of its area with an elected "
                               "council and an elected executive.")),
            }),
            PageSpec(StandardPage, "vision", "วิสัยทัศน์และพันธกิจ", "Vision and mission", fields={
                "intro": "ทิศทางการพัฒนาท้องถิ่นตามแผนพัฒนาท้องถิ่น",
                "body": _body(
                    _h("วิสัยทัศน์"),
                    ("paragraph", "ชุมชนน่าอยู่ ประชาชนมีคุณภาพชีวิตที่ดี เศรษฐกิจมั่นคง "
                                  "บริหารจัดการด้วยหลักธรรมาภิบาลและเทคโนโลยีดิจิทัล"),
                    _h("พันธกิจ"),
                    ("paragraph", "1. พัฒนาโครงสร้างพื้นฐานและการคมนาคมให้ได้มาตรฐาน<br>"
                                  "2. ส่งเสริมสุขภาพ การศึกษา และสวัสดิการสังคมของประชาชนทุกช่วงวัย<br>"
                                  "3. อนุรักษ์ทรัพยากรธรรมชาติและจัดการสิ่งแวดล้อมอย่างยั่งยืน<br>"
                                  "4. ให้บริการประชาชนที่สะดวก รวดเร็ว โปร่งใส ผ่านช่องทางออนไลน์"),
                ),
            }, fields_en={
                "intro": "Where the local development plan takes the area.",
                "body": _body(
                    _h("Vision"),
                    ("paragraph", "A liveable community with a good quality of life and a stable economy, "
                                  "governed transparently with digital services."),
                    _h("Mission"),
                    ("paragraph", "Infrastructure to standard; health, education and welfare for every age; "
                                  "sustainable environment; convenient, fast and transparent online services."),
                ),
            }),
            PageSpec(StandardPage, "authority", "อำนาจหน้าที่", "Duties and powers", fields={
                "intro": f"อำนาจหน้าที่ตาม{law}และ{_DECENTRALISATION_LAW}",
                "body": _body(("paragraph",
                               f"{org.name_th}มีอำนาจหน้าที่ในการจัดระบบบริการสาธารณะเพื่อประโยชน์ของประชาชน"
                               f"ในท้องถิ่นตาม{law} และ{_DECENTRALISATION_LAW} ได้แก่ การจัดให้มีและบำรุงรักษาทางบก "
                               "ทางน้ำ และทางระบายน้ำ การรักษาความสะอาดและการกำจัดมูลฝอย การป้องกันและระงับโรคติดต่อ "
                               "การป้องกันและบรรเทาสาธารณภัย การส่งเสริมการศึกษา ศาสนา และวัฒนธรรม "
                               "การส่งเสริมการพัฒนาสตรี เด็ก เยาวชน ผู้สูงอายุ และผู้พิการ "
                               "และการบำรุงรักษาศิลปะ จารีตประเพณี และภูมิปัญญาท้องถิ่น")),
            }, fields_en={
                "intro": "Duties under the law that establishes the organization and the Decentralisation Act 1999.",
                "body": _body(("paragraph",
                               "Roads, waterways and drainage; cleanliness and waste collection; disease prevention; "
                               "disaster prevention and relief; education, religion and culture; support for women, "
                               "children, youth, older people and people with disabilities; local traditions.")),
            }),
            PageSpec(StandardPage, "structure", "โครงสร้างองค์กร", "Organization structure", fields={
                "intro": "โครงสร้างส่วนราชการและการแบ่งงาน",
                "body": _body(("paragraph",
                               f"{org.name_th}แบ่งส่วนราชการเป็น สำนักปลัด กองคลัง กองช่าง "
                               "กองสาธารณสุขและสิ่งแวดล้อม กองการศึกษา ศาสนาและวัฒนธรรม และกองสวัสดิการสังคม "
                               "โดยมีปลัดเป็นผู้บังคับบัญชาพนักงานและลูกจ้าง รองจากผู้บริหารท้องถิ่น")),
            }, fields_en={
                "intro": "Divisions and who leads them.",
                "body": _body(("paragraph",
                               "Office of the Permanent Secretary, Finance, Engineering, Public Health and "
                               "Environment, Education, Religion and Culture, and Social Welfare divisions, led by "
                               "the Permanent Secretary under the elected executive.")),
            }),
        ],
    )
    return [
        about,
        PageSpec(NewsIndexPage, "news", "ข่าวสารและประกาศ", "News and announcements", in_menu=True,
                 fields={"intro": "ข่าวประชาสัมพันธ์ ประกาศ ประกาศจัดซื้อจัดจ้าง และกิจกรรม"},
                 fields_en={"intro": "News, announcements, procurement announcements and activities."}),
        PageSpec(PersonnelPage, "personnel", "บุคลากร", "Executives and staff", in_menu=True,
                 fields={"intro": "ผู้บริหาร สมาชิกสภา และพนักงานส่วนท้องถิ่น พร้อมช่องทางติดต่อ"},
                 fields_en={"intro": "Executives, council members and staff, with how to reach them."}),
        PageSpec(TransparencyIndexPage, f"ita-{year}", f"การเปิดเผยข้อมูลสาธารณะ (ITA) ปี {year}",
                 f"Open information (ITA) {ce_year(year)}", in_menu=True,
                 fields={"year": year, "intro": paragraphs(
                     "รายการข้อมูลที่เปิดเผยต่อสาธารณะตามแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) "
                     "ของการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)")},
                 fields_en={"year": year, "intro": paragraphs(
                     "The open-information items of the Integrity and Transparency Assessment (ITA).")}),
        PageSpec(ContactPage, "contact", "ติดต่อเรา", "Contact us", in_menu=True,
                 fields={"intro": paragraphs("ติดต่อสอบถาม ขอรับบริการ หรือแจ้งเรื่องร้องเรียนได้ในวันและเวลาราชการ")},
                 fields_en={"intro": paragraphs("Ask a question, request a service or make a complaint during office "
                                        "hours.")}),
        PageSpec(StandardPage, "privacy", "นโยบายคุ้มครองข้อมูลส่วนบุคคล", "Privacy notice", fields={
            "intro": f"{org.name_th}เก็บ ใช้ และเปิดเผยข้อมูลส่วนบุคคลเท่าที่จำเป็นตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล "
                     "พ.ศ. 2562",
            "body": _body(
                _h("ผู้ควบคุมข้อมูลส่วนบุคคล"),
                ("paragraph", f"{org.name_th} {place} เป็นผู้ควบคุมข้อมูลส่วนบุคคลที่ท่านให้ไว้เมื่อใช้บริการ "
                              "ยื่นคำขอ ชำระค่าธรรมเนียม หรือแจ้งเรื่องร้องเรียน"),
                _h("ข้อมูลที่เก็บและวัตถุประสงค์"),
                ("paragraph", "ชื่อ-นามสกุล เลขประจำตัวประชาชน ที่อยู่ หมายเลขโทรศัพท์ อีเมล "
                              "และเอกสารประกอบคำขอ เพื่อพิจารณาคำขอ ออกใบอนุญาตหรือใบเสร็จ ติดต่อกลับ "
                              "และจัดทำสถิติการให้บริการ"),
                _h("ฐานทางกฎหมาย"),
                ("paragraph", "การปฏิบัติหน้าที่ในการดำเนินภารกิจเพื่อประโยชน์สาธารณะหรือการใช้อำนาจรัฐ "
                              "(มาตรา 24 (4)) และการปฏิบัติตามกฎหมาย (มาตรา 24 (6)) ไม่ใช่ความยินยอม "
                              "เว้นแต่ข้อมูลอ่อนไหวซึ่งจะขอความยินยอมโดยชัดแจ้งเป็นรายกรณี"),
                _h("ระยะเวลาเก็บรักษา"),
                ("paragraph", "เก็บไว้ตามระยะเวลาที่ระเบียบงานสารบรรณและกฎหมายเฉพาะกำหนดสำหรับเอกสารแต่ละประเภท "
                              "เมื่อพ้นกำหนดจะทำลายหรือทำให้ไม่สามารถระบุตัวบุคคลได้"),
                _h("สิทธิของเจ้าของข้อมูล"),
                ("paragraph", "ท่านมีสิทธิขอเข้าถึงและขอรับสำเนา ขอแก้ไขให้ถูกต้อง ขอให้ลบหรือระงับการใช้ "
                              "คัดค้านการประมวลผล และร้องเรียนต่อสำนักงานคณะกรรมการคุ้มครองข้อมูลส่วนบุคคล "
                              "ภายใต้ข้อยกเว้นที่กฎหมายกำหนด"),
                _h("เจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล"),
                ("paragraph", f"ติดต่อเจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล (DPO) ได้ที่ {dpo}"),
            ),
        }, fields_en={
            "intro": "What personal data we keep, why, for how long, and your rights under the PDPA 2019.",
            "body": _body(
                _h("Lawful basis"),
                ("paragraph", "Public task (section 24(4)) and legal obligation (section 24(6)), not consent, "
                              "except for sensitive data where explicit consent is asked case by case."),
                _h("Retention"),
                ("paragraph", "Kept for the periods the records regulations and specific laws set, then destroyed "
                              "or anonymised."),
                _h("Your rights"),
                ("paragraph", "Access, copy, correction, erasure or restriction, objection, and complaint to the "
                              "Personal Data Protection Committee, within the exceptions of the law."),
                _h("Data protection officer"),
                ("paragraph", f"Contact the data protection officer at: {dpo}"),
            ),
        }),
    ]


def english_locale() -> Locale:
    locale, _ = Locale.objects.get_or_create(language_code=ENGLISH)
    return locale


def _apply(page: Page, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(page, name, value)


def _live(page: Page) -> Page:
    """Mark live for a single save (no revision yet: the first admin edit makes one); keeps onboarding fast."""
    now = timezone.now()
    page.live = True
    page.first_published_at = page.last_published_at = now
    return page


def _ensure(parent: Page, spec: PageSpec, created: list[Page]) -> Page:
    existing = parent.get_children().filter(slug=spec.slug).first()
    if existing is not None:
        return existing.specific
    page = spec.model(title=spec.title, slug=spec.slug, show_in_menus=spec.in_menu, locale_id=parent.locale_id)
    _apply(page, spec.fields)
    parent.add_child(instance=_live(page))
    created.append(page)
    return page


def translate(page: Page, title: str, fields: dict[str, Any], locale: Locale | None = None) -> Page:
    """The live English (or `locale`) translation of `page`, created with the given content when missing.

    The parent must already be translated (the default tree is walked top-down); a home page's translation goes
    under the tree root, as Wagtail expects for a site's other-language home.
    """
    locale = locale or english_locale()
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    parent = page.get_parent()
    target_parent = parent if parent.is_root() else parent.get_translation(locale)
    translation = page.specific_class(
        title=title, slug=page.slug, locale=locale, translation_key=page.translation_key,
        show_in_menus=page.show_in_menus,
    )
    _apply(translation, fields)
    if parent.is_root():
        translation.slug = f"{page.slug}-{locale.language_code}"
    target_parent.add_child(instance=_live(translation))
    return translation


def _walk(parent: Page, specs: list[PageSpec], created: list[Page]) -> None:
    for spec in specs:
        page = _ensure(parent, spec, created)
        translate(page, spec.title_en, spec.fields_en)
        _walk(page, spec.children, created)


def create_default_pages(organization) -> list[Page]:
    """Give `organization`'s home page the default content and tree, in Thai and English; returns pages created."""
    created: list[Page] = []
    with transaction.atomic():
        home = organization.site.root_page.specific
        if isinstance(home, HomePage) and not home.hero_heading:
            home.hero_heading = organization.name_th
            home.hero_text = (f"บริการประชาชน{organization.name_th} ยื่นคำขอ ชำระค่าธรรมเนียม "
                              "และติดตามเรื่องได้ทางออนไลน์ตลอด 24 ชั่วโมง")
            home.save()
        translate(home, organization.name_en or organization.name_th, {
            "hero_heading": organization.name_en or organization.name_th,
            "hero_text": "Online services, news and announcements of your local government.",
        })
        # The English home is a tree of its own: the LGO's roles and workflow must cover it too (translations).
        from organizations.permissions import ensure_organization_groups

        ensure_organization_groups(organization)
        _walk(home, default_tree(organization), created)
        from eservices.library.services import ensure_catalogue

        ensure_catalogue(organization)  # /e-service/ exists on every LGO, even before it offers a service
        year_index = TransparencyIndexPage.objects.child_of(home).filter(year=current_be_year()).first()
        if year_index is not None:
            from .ita import create_items

            created += create_items(organization, year_index)
    return created
