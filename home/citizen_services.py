"""How citizens find the services: the four ways in every LGO has (catalogue, tracking, fee payment, complaints),
for the main menu, the home page and search; and the synonyms search expands a query with.

Built from what every LGO has, not from the demo: the catalogue is the home page's live ServiceIndexPage child, the
complaint form is its live complaint-kind service, tracking and fee payment are URLs every site serves. Search
matches the features by keywords as well as pages, so "ชำระค่าขยะ" finds fee payment although no page has that title.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from organizations.constants import Module
from organizations.tenancy import current_organization

# Words citizens type for the same thing. Every LGO gets these; editors add their own (Snippets → ค้นหา: คำพ้อง).
DEFAULT_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("ไฟถนน", "ไฟฟ้าส่องสว่าง", "ไฟฟ้าสาธารณะ", "ไฟทาง", "โคมไฟ"),
    ("ค่าขยะ", "ค่าธรรมเนียมขยะ", "ค่าเก็บขยะ", "ค่าธรรมเนียมเก็บขยะ", "เก็บขนขยะ", "ขยะมูลฝอย"),
    ("ร้องเรียน", "ร้องทุกข์", "แจ้งเหตุ", "แจ้งซ่อม"),
    ("ถนนชำรุด", "ถนนเสีย", "ถนนพัง", "ทางเท้าชำรุด"),
    ("น้ำประปา", "ประปา", "น้ำไม่ไหล"),
    ("เบี้ยผู้สูงอายุ", "เบี้ยยังชีพ", "เบี้ยคนชรา"),
)


@dataclass(frozen=True)
class Feature:
    key: str
    title: str
    url: str
    description: str
    keywords: tuple[str, ...]


def _entry_pages(home: Page) -> dict[str, Page]:
    """The catalogue (a live ServiceIndexPage under the home page) and the complaint form (its first live
    complaint-kind service), in one query; remembered for the request, since the menu and the home page both ask."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    from core.requestmemo import memoized
    from eservices.models import ServiceIndexPage

    def compute() -> dict[str, Page]:
        index_type = ContentType.objects.get_for_model(ServiceIndexPage)
        pages = (Page.objects.live().public().descendant_of(home)
                 .filter(Q(depth=home.depth + 1, content_type=index_type) | Q(servicepage__service_kind="complaint"))
                 .only("id", "url_path", "path", "depth", "content_type_id").order_by("path"))
        found: dict[str, Page] = {}
        for page in pages:
            found.setdefault("catalogue" if page.content_type_id == index_type.pk else "complaint", page)
        return found

    return memoized(("home.entry_pages", home.pk), compute)


def catalogue_page(home: Page) -> Page | None:
    return _entry_pages(home).get("catalogue")


def features(request: HttpRequest, home: Page) -> list[Feature]:
    """The ways in, in menu order, in the active language (only those this LGO has)."""
    found: list[Feature] = []
    catalogue = catalogue_page(home)
    if catalogue is not None:
        found.append(Feature("catalogue", _("All services"), catalogue.get_url(request) or "",
                             _("Apply online for the services of this office."),
                             ("บริการ", "ยื่นคำขอ", "คำร้อง", "ออนไลน์", "e-service", "service", "apply")))
    found.append(Feature("track", _("Track a request"), reverse("eservices:track"),
                         _("See where your request is with its reference number."),
                         ("ติดตาม", "สถานะ", "ตรวจสอบคำขอ", "เลขที่คำขอ", "track", "status")))
    organization = current_organization(request)

    def uses(module: str) -> bool:
        return organization is None or organization.uses(module)

    if uses(Module.WASTE_FEES):
        found.append(Feature("pay", _("Pay fees"), reverse("wastefees:lookup"),
                             _("Look up and pay waste collection fees with a Thai QR code."),
                             ("ชำระ", "จ่าย", "ค่าธรรมเนียม", "ค่าขยะ", "ขยะ", "คิวอาร์", "pay", "fee")))
    complaint = _entry_pages(home).get("complaint")
    if complaint is not None and uses(Module.COMPLAINTS):
        found.append(Feature("complaint", _("Complaints"), complaint.get_url(request) or "",
                             _("Report a problem: roads, street lights, waste, water, nuisance."),
                             ("ร้องเรียน", "ร้องทุกข์", "แจ้งเหตุ", "แจ้งซ่อม", "ไฟฟ้าส่องสว่าง", "ถนนชำรุด",
                              "complaint", "report")))
    return found


def synonym_groups(organization) -> list[tuple[str, ...]]:
    """The platform's groups and the LGO's own."""
    from .models import SearchSynonym

    own = [] if organization is None else [
        row.word_list() for row in SearchSynonym.objects.for_organization(organization)
    ]
    return [*DEFAULT_SYNONYMS, *(group for group in own if group)]


def expand(query: str, organization) -> list[str]:
    """The query, then every word of each synonym group the query contains a word of (Thai has no spaces, so
    "ชำระค่าขยะ" contains "ค่าขยะ"), without repeats."""
    terms = [query]
    folded = query.casefold()
    for group in synonym_groups(organization):
        if any(word.casefold() in folded for word in group):
            terms += [word for word in group if word not in terms]
    return terms


def matching_features(feature_list: list[Feature], terms: list[str]) -> list[Feature]:
    """Features whose title or a keyword occurs in one of the terms (or the other way round)."""
    folded = [term.casefold() for term in terms]

    def hit(feature: Feature) -> bool:
        words = [feature.title.casefold(), *(k.casefold() for k in feature.keywords)]
        return any(word in term or term in word for word in words for term in folded if len(term) >= 2)

    return [feature for feature in feature_list if hit(feature)]
