"""Write paths for organizations: onboarding an LGO and managing its officers' roles, each in one transaction."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from wagtail.models import Locale, Page, Site

from .constants import Role
from .models import (
    ChecklistMark,
    Department,
    Membership,
    Organization,
    PasswordChangeRequired,
    ProvinceAdministrator,
)
from .permissions import ensure_organization_groups, sync_user_groups
from .signals import organization_created
from .sitetree import default_services as site_tree_services
from .sitetree import site_tree

if TYPE_CHECKING:
    from django.contrib.auth.models import User

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
    with transaction.atomic():
        _remove_wagtail_placeholder()
        problems = organization_problems(data, **extra_fields)
        if problems:
            raise ValidationError(problems)
        organization = _unsaved_organization(data, **extra_fields)
        root = Page.get_first_root_node()
        home = site_tree().root_page_model(title=data.name_th, slug=data.code.lower(), locale=Locale.get_default())
        root.add_child(instance=home)
        organization.site = Site.objects.create(
            hostname=data.hostname, port=data.port, root_page=home, site_name=data.name_th,
            is_default_site=data.is_default_site,
        )
        organization.save()
        Department.objects.bulk_create(
            Department(organization=organization, code=code, name_th=th, name_en=en, sort_order=index)
            for index, (code, th, en) in enumerate(DEFAULT_DEPARTMENTS)
        )
        ensure_organization_groups(organization)
        organization_created.send(sender=Organization, organization=organization)
    return organization


def _unsaved_organization(data: NewOrganization, **extra_fields) -> Organization:
    return Organization(
        code=data.code, kind=data.kind, name_th=data.name_th, name_en=data.name_en, dla_code=data.dla_code,
        province=data.province, district=data.district, subdistrict=data.subdistrict, **extra_fields,
    )


def organization_problems(data: NewOrganization, *, admin_username: str = "", **extra_fields) -> dict[str, list[str]]:
    """Everything wrong with onboarding `data`, per field, in the active language; writes nothing.

    Duplicates (code, DLA code, host name), field formats (code, kind, DLA code, tax ID …) and, when given, a
    username that is invalid or taken are all reported at once, so an operator fixes them in one go.
    """
    errors: dict[str, list[str]] = {field: [message] for field, message in _conflicts(data).items()}
    try:
        _unsaved_organization(data, **extra_fields).full_clean(exclude=["site", "collection"], validate_unique=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, list(messages))
    if admin_username:
        try:
            _check_new_username(admin_username)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    return errors


def onboard_organization(
    data: NewOrganization,
    *,
    admin_username: str = "",
    admin_email: str = "",
    admin_password: str | None = None,
    admin_first_name: str = "",
    admin_last_name: str = "",
    default_services: bool = False,
    **extra_fields,
) -> Organization:
    """Everything `create_lgo` and the web onboarding screen do, all or nothing: the LGO (site, home page,
    departments, groups, workflow), the default pages (and ITA items) registered with `sitetree`, optionally the
    default e-services registered there, and optionally a first LGO administrator, who must replace the temporary
    password at first sign-in.

    Raises ValidationError with a Thai message (and creates nothing) on bad or duplicate input.
    """
    with transaction.atomic():
        problems = organization_problems(data, admin_username=admin_username, **extra_fields)
        if problems:
            raise ValidationError(problems)
        organization = create_organization(data, **extra_fields)
        add_default_services = site_tree_services()
        if default_services and add_default_services is not None:
            add_default_services(organization)  # first, so that the ITA items can link the services
        create_default_pages = site_tree().create_default_pages
        if create_default_pages is not None:
            create_default_pages(organization)
        if admin_username:
            create_officer(
                organization=organization, username=admin_username, email=admin_email, password=admin_password,
                first_name=admin_first_name, last_name=admin_last_name, roles=[Role.LGO_ADMIN],
                position=_("LGO administrator"), must_change_password=bool(admin_password),
            )
    return organization


def mark_checklist_step(*, organization: Organization, step: str, user=None) -> ChecklistMark:
    """Record that the LGO administrator confirmed one first-run checklist step (idempotent)."""
    with transaction.atomic():
        mark, _created = ChecklistMark.objects.get_or_create(organization=organization, step=step,
                                                             defaults={"done_by": user})
    return mark


def set_modules(*, organization: Organization, enabled: Iterable[str], user=None) -> Organization:
    """Switch the LGO's optional systems on or off (the rest of `Module` goes off) and tick the checklist step.

    The site's cached pages are purged by the Organization's save (its menu changes)."""
    from .constants import ChecklistStep, Module

    wanted = set(enabled)
    with transaction.atomic():
        organization.disabled_modules = [module for module in Module.values if module not in wanted]
        organization.save(update_fields=["disabled_modules"])
        mark_checklist_step(organization=organization, step=ChecklistStep.MODULES, user=user)
    return organization


def clear_password_change(*, user) -> None:
    """The account's owner chose their own password: the admin opens fully again."""
    PasswordChangeRequired.objects.filter(user=user).delete()


# --- Officers and their roles -------------------------------------------------------------------------------------

def _check_new_username(username: str) -> None:
    User = get_user_model()
    field = User._meta.get_field(User.USERNAME_FIELD)
    try:
        field.run_validators(username)
    except ValidationError as exc:
        raise ValidationError({"username": exc.messages}) from exc
    if User._default_manager.filter(**{f"{User.USERNAME_FIELD}__iexact": username}).exists():
        raise ValidationError({"username": _("The username %(username)s is already taken.") % {"username": username}})


def create_officer(
    *,
    organization: Organization,
    username: str,
    roles: Iterable[str],
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
    department: Department | None = None,
    position: str = "",
    must_change_password: bool = False,
) -> User:
    """Create a new user account and give it `roles` in `organization`, atomically.

    Without a password the account cannot log in until a password is set (for example by password reset). With
    `must_change_password` (a temporary password someone else knows) its first sign-in leads to the password screen.
    """
    roles = list(roles)
    if not roles:
        raise ValidationError({"role": _("Choose at least one role.")})
    with transaction.atomic():
        _check_new_username(username)
        UserModel = get_user_model()
        user = UserModel(username=username, email=email, first_name=first_name, last_name=last_name)
        if password:
            validate_password(password, user)
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        for role in roles:
            _add_membership(user=user, organization=organization, role=role, department=department,
                            position=position)
        sync_user_groups(user)
        if password and must_change_password:
            PasswordChangeRequired.objects.create(user=user)
    return user


def add_membership(
    *, user, organization: Organization, role: str, department: Department | None = None, position: str = ""
) -> Membership:
    """Give an existing user one more role in an LGO (and the Wagtail groups that go with it)."""
    with transaction.atomic():
        membership = _add_membership(user=user, organization=organization, role=role, department=department,
                                     position=position)
        sync_user_groups(user)
    return membership


def _add_membership(*, user, organization, role, department, position) -> Membership:
    if department is not None and department.organization_id != organization.pk:
        raise ValidationError({"department": _("The department belongs to another LGO.")})
    if Membership.objects.filter(user=user, organization=organization, role=role).exists():
        raise ValidationError({"role": _("%(user)s already holds this role in this LGO.") % {"user": user}})
    membership = Membership(user=user, organization=organization, role=role, department=department,
                            position=position)
    membership.full_clean()
    membership.save()
    return membership


def update_membership(*, membership: Membership, role: str, department: Department | None, position: str) -> Membership:
    """Change an officer's role, department or position and re-grant groups."""
    with transaction.atomic():
        if department is not None and department.organization_id != membership.organization_id:
            raise ValidationError({"department": _("The department belongs to another LGO.")})
        clash = Membership.objects.filter(
            user_id=membership.user_id, organization_id=membership.organization_id, role=role
        ).exclude(pk=membership.pk)
        if clash.exists():
            raise ValidationError({"role": _("%(user)s already holds this role in this LGO.") % {
                "user": membership.user}})
        if role != membership.role:
            _keep_an_administrator(membership)
        membership.role, membership.department, membership.position = role, department, position
        membership.full_clean()
        membership.save()
        sync_user_groups(membership.user)
    return membership


def remove_membership(*, membership: Membership) -> None:
    """Take one role away from an officer; their Wagtail groups follow at once."""
    with transaction.atomic():
        _keep_an_administrator(membership)
        user = membership.user
        membership.delete()
        sync_user_groups(user)


def is_last_administrator(membership: Membership, *, lock: bool = False) -> bool:
    """True when `membership` is the only LGO-administrator role left in its LGO (lock: inside a transaction)."""
    if membership.role != Role.LGO_ADMIN:
        return False
    others = Membership.objects.for_organization(membership.organization_id).filter(role=Role.LGO_ADMIN)
    if lock:
        others = others.select_for_update()
    return not others.exclude(pk=membership.pk).exists()


LAST_ADMINISTRATOR_MESSAGE = gettext_noop(
    "An LGO must keep at least one administrator: add another administrator first."
)


def _keep_an_administrator(membership: Membership) -> None:
    """An LGO must keep at least one administrator, or nobody could manage its officers any more."""
    if is_last_administrator(membership, lock=True):
        raise ValidationError(_(LAST_ADMINISTRATOR_MESSAGE))


def _placeholder_site_ids() -> list[int]:
    """Wagtail's own "Welcome" site (a plain Page as root, no LGO), which onboarding removes."""
    return [site.pk for site in Site.objects.filter(organization__isnull=True).select_related("root_page__content_type")
            if site.root_page.content_type.model_class() is Page]


def _remove_wagtail_placeholder() -> None:
    """Drop the "Welcome to Wagtail" site and page that Wagtail's own migrations create on a new database."""
    for site in Site.objects.filter(pk__in=_placeholder_site_ids()).select_related("root_page"):
        root_page = site.root_page
        site.delete()
        if not root_page.get_children().exists():
            root_page.delete()


_HOSTNAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")


def _conflicts(data: NewOrganization) -> dict[str, str]:
    """Refuse a code, DLA code or address another LGO already uses (one message per field)."""
    errors: dict[str, str] = {}
    if not _HOSTNAME.match(data.hostname or ""):
        errors["hostname"] = _("“%(host)s” is not a valid host name (use lower-case letters, digits, dots and "
                               "hyphens, e.g. www.nongkaew.go.th).") % {"host": data.hostname}
    if not 1 <= int(data.port) <= 65535:
        errors["port"] = _("The port must be between 1 and 65535.")
    if Organization.objects.filter(code=data.code).exists():
        errors["code"] = _("An LGO with the code %(code)s already exists.") % {"code": data.code}
    if Organization.objects.filter(dla_code=data.dla_code).exists():
        errors["dla_code"] = _("An LGO with the DLA code %(code)s already exists.") % {"code": data.dla_code}
    sites = Site.objects.exclude(pk__in=_placeholder_site_ids())  # Wagtail's welcome site goes with the first LGO
    if sites.filter(hostname=data.hostname).exists():
        # Also on another port: two LGOs on one host name would depend on the port people type.
        errors["hostname"] = _("The host name %(host)s already serves another website.") % {"host": data.hostname}
    if data.is_default_site and sites.filter(is_default_site=True).exists():
        errors["is_default_site"] = _("Another website is already the default site.")
    return errors


PROVINCE_ADMINISTRATORS_GROUP = "Province administrators"


def appoint_province_administrator(*, user, province: str) -> ProvinceAdministrator:
    """Bind `user` to `province` as its province administrator (replacing an earlier province), atomically.

    The user joins a group that may open the Wagtail admin and nothing else: what they see there is decided by
    `tenancy.administered_province`, not by model permissions.
    """
    from django.contrib.auth.models import Group, Permission

    province = province.strip()
    if not province:
        raise ValidationError({"province": _("Enter the province.")})
    with transaction.atomic():
        appointment, _created = ProvinceAdministrator.objects.update_or_create(user=user,
                                                                              defaults={"province": province})
        group, created = Group.objects.get_or_create(name=PROVINCE_ADMINISTRATORS_GROUP)
        if created:
            group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin",
                                                         codename="access_admin"))
        user.groups.add(group)
    return appointment


def dismiss_province_administrator(*, user) -> None:
    """End the role: the binding goes and, with it, the admin access the role gave."""
    from django.contrib.auth.models import Group

    with transaction.atomic():
        ProvinceAdministrator.objects.filter(user=user).delete()
        user.groups.remove(*Group.objects.filter(name=PROVINCE_ADMINISTRATORS_GROUP))
