"""Admin forms for an LGO's profile, departments, officers and holidays.

Each form limits its choices to the LGOs the signed-in user administers (`tenancy.managed_organizations`), checks
duplicates itself so that the officer gets a clear Thai message instead of a database error, and saves through the
service functions so that groups and permissions follow at once.
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.images.widgets import AdminImageChooser

from core.dates import BEDateField, BEDateInput

from . import services
from .models import Department, Holiday, Membership, Organization
from .tenancy import managed_organizations


class ScopedOrganizationMixin:
    """Offer only the user's own LGOs in the organization field, preselected when there is just one."""

    organization_required = True

    def _scope_organization_field(self) -> None:
        field = self.fields.get("organization")
        if field is None:
            return
        field.queryset = managed_organizations(self.for_user).order_by("name_th")
        field.required = self.organization_required
        if not self.instance.pk and field.queryset.count() == 1:
            field.initial = field.queryset.first().pk

    def _scope_department_field(self) -> None:
        field = self.fields.get("department")
        if field is not None:
            field.queryset = Department.objects.filter(
                organization__in=managed_organizations(self.for_user)
            ).select_related("organization")


class ThaiDuplicateMessagesMixin:
    """Skip the model's generic "… already exists" constraint errors: the form's clean() reports them in Thai."""

    def _post_clean(self) -> None:
        full_clean = self.instance.full_clean
        self.instance.full_clean = lambda **kwargs: full_clean(**{**kwargs, "validate_constraints": False})
        try:
            super()._post_clean()
        finally:
            del self.instance.full_clean


#: The Garuda image: PNG or JPEG (checked by content), at most 2 MB, tall enough to print sharp at 3 cm.
GARUDA_TYPES = ("image/png", "image/jpeg")
GARUDA_MAX_BYTES = 2 * 1024 * 1024
GARUDA_MIN_HEIGHT_PX = 300


class GarudaInput(forms.ClearableFileInput):
    """A file input that shows the stored Garuda inline: the file is private, so there is no URL to link to."""

    template_name = "organizations/widgets/garuda_input.html"

    def get_context(self, name, value, attrs):
        from core.pdf import image_data_uri

        context = super().get_context(name, value, attrs)
        context["widget"]["preview"] = ""
        if value and getattr(value, "name", "") and not hasattr(value, "content_type"):
            try:
                with value.storage.open(value.name, "rb") as handle:
                    content = handle.read()
            except OSError:
                return context
            context["widget"]["preview"] = image_data_uri(content)
        return context


class OrganizationForm(ThaiDuplicateMessagesMixin, WagtailAdminModelForm):
    """The LGO's public profile; code, DLA code and website are set once by `create_lgo`.

    A biller ID another LGO holds is refused by `Organization.clean` in Thai (the unique constraint behind it would
    only say "constraint violated")."""

    class Meta:
        model = Organization
        fields = [
            "name_th", "name_en", "kind", "subdistrict", "district", "province", "address", "postcode", "phone",
            "email", "office_hours", "office_opens", "office_closes", "tax_id", "biller_id", "document_prefix", "logo",
            "garuda",
        ]
        # The logo through the chooser (with its upload tab), not a list of every image's title: an administrator
        # uploads the emblem right here during the first-run checklist.
        widgets = {"garuda": GarudaInput, "logo": AdminImageChooser}

    def clean_garuda(self):
        """Check a new Garuda by its content (type, size, pixels) and give it a name that reveals nothing."""
        upload = self.cleaned_data.get("garuda")
        if not upload or not hasattr(upload, "content_type"):
            return upload  # unchanged, or cleared
        from PIL import Image, UnidentifiedImageError

        from core.files import check_upload

        checked = check_upload(upload, allowed_types=GARUDA_TYPES, max_bytes=GARUDA_MAX_BYTES)
        try:
            with Image.open(upload) as image:
                image.verify()
                height = image.height
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise ValidationError(_("This image cannot be read; please upload another PNG or JPEG file."),
                                  code="garuda_unreadable") from error
        finally:
            upload.seek(0)
        if height < GARUDA_MIN_HEIGHT_PX:
            raise ValidationError(
                _("The image is %(height)s pixels high; at least %(minimum)s are needed to print sharp at 3 cm."),
                code="garuda_too_small", params={"height": height, "minimum": GARUDA_MIN_HEIGHT_PX},
            )
        upload.name = f"{uuid.uuid4().hex}.{checked.extension}"
        return upload


class DepartmentForm(ThaiDuplicateMessagesMixin, ScopedOrganizationMixin, WagtailAdminModelForm):
    class Meta:
        model = Department
        fields = ["organization", "name_th", "name_en", "code", "email", "phone", "sort_order"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._scope_organization_field()

    def clean(self):
        cleaned = super().clean()
        organization, code = cleaned.get("organization"), cleaned.get("code")
        if organization and code:
            clash = Department.objects.for_organization(organization).filter(code=code).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("code", _("This LGO already has a department with the code “%(code)s”.") % {
                    "code": code})
        return cleaned


class HolidayForm(ThaiDuplicateMessagesMixin, ScopedOrganizationMixin, WagtailAdminModelForm):
    """An LGO's own closure day; superusers may also leave the LGO empty to add a national holiday."""

    class Meta:
        model = Holiday
        fields = ["organization", "date", "name", "note"]
        # This Meta does not inherit WagtailAdminModelForm's, so Wagtail's field overrides do not reach it: name the
        # shared Buddhist Era field and picker here (a holiday typed 15/02/2570 was saved as the year 2570).
        field_classes = {"date": BEDateField}
        widgets = {"date": BEDateInput}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organization_required = not getattr(self.for_user, "is_superuser", False)
        self._scope_organization_field()
        if not self.organization_required:
            self.fields["organization"].empty_label = _("— National public holiday —")

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("date")
        if day:
            clash = Holiday.objects.filter(organization=cleaned.get("organization"), date=day)
            if clash.exclude(pk=self.instance.pk).exists():
                self.add_error("date", _("There is already a holiday on this date."))
        return cleaned


class NewOfficerForm(ScopedOrganizationMixin, WagtailAdminModelForm):
    """Add an officer: a new account (or one already working for this administrator's LGOs) plus a role."""

    username = forms.CharField(
        label=_("Username"), max_length=150,
        help_text=_("Letters, digits and @/./+/-/_ only. An existing officer of your LGO gets the extra role."),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    password = forms.CharField(
        label=_("Initial password"), required=False, strip=False, widget=forms.PasswordInput(render_value=True),
        help_text=_("Required for a new account; give it to the officer privately and ask them to change it."),
    )

    class Meta:
        model = Membership
        fields = ["organization", "role", "department", "position"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._scope_organization_field()
        self._scope_department_field()
        self.existing_user = None

    def clean(self):
        cleaned = super().clean()
        username = (cleaned.get("username") or "").strip()
        organization = cleaned.get("organization")
        User = get_user_model()
        self.existing_user = User._default_manager.filter(username__iexact=username).first() if username else None
        if self.existing_user is not None:
            self._clean_existing_user(cleaned, organization)
        elif username:
            self._clean_new_user(cleaned, username)
        department = cleaned.get("department")
        if department and organization and department.organization_id != organization.pk:
            self.add_error("department", _("The department belongs to another LGO."))
        return cleaned

    def _clean_existing_user(self, cleaned, organization) -> None:
        user = self.existing_user
        own_staff = Membership.objects.filter(user=user, organization__in=managed_organizations(self.for_user))
        if not (getattr(self.for_user, "is_superuser", False) or own_staff.exists()):
            # Do not reveal or take over accounts of other LGOs.
            self.add_error("username", _("This username is already taken. Choose another one."))
            return
        role = cleaned.get("role")
        if organization and role and Membership.objects.filter(user=user, organization=organization,
                                                               role=role).exists():
            self.add_error("role", _("%(user)s already holds this role in this LGO.") % {"user": user.username})

    def _clean_new_user(self, cleaned, username: str) -> None:
        User = get_user_model()
        try:
            User._meta.get_field("username").run_validators(username)
        except ValidationError as exc:
            self.add_error("username", exc)
        password = cleaned.get("password")
        if not password:
            self.add_error("password", _("Enter an initial password for the new account."))
            return
        try:
            validate_password(password, User(username=username, email=cleaned.get("email") or "",
                                             first_name=cleaned.get("first_name") or "",
                                             last_name=cleaned.get("last_name") or ""))
        except ValidationError as exc:
            self.add_error("password", exc)

    def _post_clean(self) -> None:
        # The membership's user is set on save; the model's own checks run inside the service.
        pass

    def save(self, commit: bool = True) -> Membership:
        data = self.cleaned_data
        if self.existing_user is not None:
            self.instance = services.add_membership(
                user=self.existing_user, organization=data["organization"], role=data["role"],
                department=data.get("department"), position=data.get("position") or "",
            )
        else:
            user = services.create_officer(
                organization=data["organization"], username=data["username"].strip(), roles=[data["role"]],
                email=data.get("email") or "", first_name=data.get("first_name") or "",
                last_name=data.get("last_name") or "", password=data["password"],
                department=data.get("department"), position=data.get("position") or "", must_change_password=True,
            )
            self.instance = Membership.objects.get(user=user, organization=data["organization"], role=data["role"])
        return self.instance

    def save_m2m(self) -> None:
        return


class MembershipForm(ScopedOrganizationMixin, WagtailAdminModelForm):
    """Change an officer's role, department or position in one LGO."""

    class Meta:
        model = Membership
        fields = ["role", "department", "position"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.for_organization(self.instance.organization_id)

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        clash = Membership.objects.filter(
            user_id=self.instance.user_id, organization_id=self.instance.organization_id, role=role
        ).exclude(pk=self.instance.pk)
        if role and clash.exists():
            self.add_error("role", _("%(user)s already holds this role in this LGO.") % {
                "user": self.instance.user.username})
        original = Membership.objects.filter(pk=self.instance.pk).first()
        if role and original and role != original.role and services.is_last_administrator(original):
            self.add_error("role", _(services.LAST_ADMINISTRATOR_MESSAGE))
        return cleaned

    def save(self, commit: bool = True) -> Membership:
        data = self.cleaned_data
        original = Membership.objects.get(pk=self.instance.pk)
        self.instance = services.update_membership(
            membership=original, role=data["role"], department=data.get("department"),
            position=data.get("position") or "",
        )
        return self.instance

    def save_m2m(self) -> None:
        return

