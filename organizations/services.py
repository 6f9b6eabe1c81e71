"""Write paths for organizations: onboarding an LGO in one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from .models import Department, Organization

# The departments almost every Thai LGO has; an administrator renames or adds to them afterwards.
DEFAULT_DEPARTMENTS: tuple[tuple[str, str, str], ...] = (
    ("office", "สำนักปลัด", "Office of the Permanent Secretary"),
    ("finance", "กองคลัง", "Finance Division"),
    ("engineering", "กองช่าง", "Engineering Division"),
    ("health", "กองสาธารณสุขและสิ่งแวดล้อม", "Public Health and Environment Division"),
    ("education", "กองการศึกษา ศาสนาและวัฒนธรรม", "Education, Religion and Culture Division"),
    ("welfare", "กองสวัสดิการสังคม", "Social Welfare Division"),
)


@dataclass(frozen=True)
class NewOrganization:
    """What onboarding an LGO needs; the rest can be filled in the admin later."""

    code: str
    kind: str
    name_th: str
    dla_code: str
    province: str
    district: str
    hostname: str
    port: int = 80
    name_en: str = ""
    subdistrict: str = ""
    is_default_site: bool = False


def create_organization(data: NewOrganization, **extra_fields) -> Organization:
    """Create the LGO, its Wagtail site and home page and its default departments, all or nothing.

    Raises ValidationError (with a Thai message) for a duplicate code, DLA code or hostname/port, or invalid fields;
    in that case nothing is created.
    """
    from home.models import HomePage  # the page type that roots every LGO's tree

    with transaction.atomic():
        _remove_wagtail_placeholder()
        _check_free(data)
        root = Page.get_first_root_node()
        home = HomePage(title=data.name_th, slug=data.code.lower(), locale=Locale.get_default())
        root.add_child(instance=home)
        site = Site.objects.create(
            hostname=data.hostname, port=data.port, root_page=home, site_name=data.name_th,
            is_default_site=data.is_default_site,
        )
        organization = Organization(
            site=site, code=data.code, kind=data.kind, name_th=data.name_th, name_en=data.name_en,
            dla_code=data.dla_code, province=data.province, district=data.district,
            subdistrict=data.subdistrict, **extra_fields,
        )
        organization.full_clean(exclude=["site"])
        organization.save()
        Department.objects.bulk_create(
            Department(organization=organization, code=code, name_th=th, name_en=en, sort_order=index)
            for index, (code, th, en) in enumerate(DEFAULT_DEPARTMENTS)
        )
    return organization


def _remove_wagtail_placeholder() -> None:
    """Drop the "Welcome to Wagtail" site and page that Wagtail's own migrations create on a new database."""
    for site in Site.objects.select_related("root_page__content_type"):
        root_page = site.root_page
        if root_page.content_type.model_class() is Page and not hasattr(site, "organization"):
            site.delete()
            if not root_page.get_children().exists():
                root_page.delete()


def _check_free(data: NewOrganization) -> None:
    errors: dict[str, str] = {}
    if Organization.objects.filter(code=data.code).exists():
        errors["code"] = _("An LGO with the code %(code)s already exists.") % {"code": data.code}
    if Organization.objects.filter(dla_code=data.dla_code).exists():
        errors["dla_code"] = _("An LGO with the DLA code %(code)s already exists.") % {"code": data.dla_code}
    if Site.objects.filter(hostname=data.hostname, port=data.port).exists():
        errors["hostname"] = _("The address %(host)s:%(port)s already serves another website.") % {
            "host": data.hostname, "port": data.port,
        }
    if data.is_default_site and Site.objects.filter(is_default_site=True).exists():
        errors["is_default_site"] = _("Another website is already the default site.")
    if errors:
        raise ValidationError(errors)
