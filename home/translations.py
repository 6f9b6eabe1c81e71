"""Translation by PR staff, through the LGO's publishing workflow, with nothing untranslated going live.

wagtail-localize's "Translate this page" makes the English page as a draft (settings:
`WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False`) and editors fill in its strings in the translation editor.
Wagtail's translation editor can only *publish*, which an editor may not do and which would publish Thai text for every
string not yet translated. So:

- an editor sends a finished translation to the approvers from the "งานแปล" (translations) screen: the translated
  strings are saved as a draft revision and the page enters the LGO's workflow, as any page an editor submits;
  approvers approve it from their dashboard like every other page, which publishes that revision;
- publishing from the translation editor is refused while any string is untranslated (approvers and administrators
  included), so no English page goes live still in Thai.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import StringTranslation, Translation

from core.adminui import AdminScreen
from organizations import tenancy
from organizations.constants import Role
from organizations.permissions import site_roots

TRANSLATING_ROLES = (Role.PR_EDITOR, Role.PR_APPROVER, Role.LGO_ADMIN)


class TranslationState:
    """What the translations screen says of one translated page (labels in home's catalogue)."""

    INCOMPLETE = "incomplete"
    READY = "ready"
    AWAITING = "awaiting"
    NEEDS_CHANGES = "needs_changes"
    LIVE = "live"


@dataclass(frozen=True)
class TranslatedPage:
    page: Page
    translation: Translation
    total: int
    done: int
    state: str
    source_title: str

    @property
    def missing(self) -> int:
        return self.total - self.done


def translation_of(page: Page) -> Translation | None:
    """The enabled wagtail-localize translation that fills `page` (a page in another language than its source)."""
    return (
        Translation.objects.filter(source__object_id=page.translation_key, target_locale_id=page.locale_id,
                                   enabled=True)
        .select_related("source")
        .first()
    )


def missing_strings(translation: Translation) -> int:
    total, done = translation.get_progress()
    return total - done


def _state(page: Page, missing: int) -> str:
    workflow_state = page.current_workflow_state
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return TranslationState.NEEDS_CHANGES
    if workflow_state is not None:
        return TranslationState.AWAITING
    if missing:
        return TranslationState.INCOMPLETE
    if page.live and not page.has_unpublished_changes:
        return TranslationState.LIVE
    return TranslationState.READY


def translated_pages(organization) -> list[TranslatedPage]:
    """The LGO's pages in languages other than Thai that are filled by a translation, unfinished ones first."""
    default = Locale.get_default()
    roots = [root for root in site_roots(organization) if root.locale_id != default.pk]
    pages = Page.objects.none()
    for root in roots:
        pages |= Page.objects.descendant_of(root, inclusive=True)
    translations = {
        (t.source.object_id, t.target_locale_id): t
        for t in Translation.objects.filter(enabled=True, target_locale__in=[r.locale_id for r in roots])
        .select_related("source")
    }
    sources = dict(Page.objects.filter(locale=default, translation_key__in=[k for k, _ in translations])
                   .values_list("translation_key", "title"))
    rows = []
    for page in pages.order_by("path"):
        translation = translations.get((page.translation_key, page.locale_id))
        if translation is None:
            continue
        total, done = translation.get_progress()
        rows.append(TranslatedPage(page=page, translation=translation, total=total, done=done,
                                   state=_state(page, total - done),
                                   source_title=sources.get(page.translation_key, page.title)))
    order = [TranslationState.NEEDS_CHANGES, TranslationState.INCOMPLETE, TranslationState.READY,
             TranslationState.AWAITING, TranslationState.LIVE]
    return sorted(rows, key=lambda row: order.index(row.state))


def submit_for_approval(*, page: Page, user) -> WorkflowState:
    """Save the translation as a draft revision and send it into the page's workflow (or back, after changes).

    Refused (ValidationError, Thai message) while strings are untranslated or the page already waits for approval.
    """
    translation = translation_of(page)
    if translation is None:
        raise ValidationError(_("This page is not a translation."))
    missing = missing_strings(translation)
    if missing:
        raise ValidationError(_("%(n)s texts are not translated yet: translate them all first.") % {"n": missing})
    workflow = page.get_workflow()
    if workflow is None:
        raise ValidationError(_("This website has no publishing workflow."))
    with transaction.atomic():
        current = page.current_workflow_state
        if current is not None and current.status != WorkflowState.STATUS_NEEDS_CHANGES:
            raise ValidationError(_("This translation is already waiting for approval."))
        translation.save_target(user=user, publish=False)
        page = Page.objects.get(pk=page.pk).specific
        if current is not None:
            current.resume(user)
            return current
        return workflow.start(page, user)


# --- Admin ------------------------------------------------------------------------------------------------------

def _organization(request):
    try:
        organization = tenancy.active_organization(request)
    except PermissionDenied:
        return None
    if request.user.is_superuser or tenancy.has_role(request.user, organization, *TRANSLATING_ROLES):
        return organization
    return None


class TranslationsView(AdminScreen, TemplateView):
    template_name = "home/admin/translations.html"
    page_title = gettext_lazy("Translations")
    header_icon = "globe"

    def dispatch(self, request, *args, **kwargs):
        self.organization = _organization(request)
        if self.organization is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.organization.name_th

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = translated_pages(self.organization)
        return context


@require_POST
def submit_view(request, page_id: int):
    organization = _organization(request)
    if organization is None:
        raise PermissionDenied
    page = get_object_or_404(Page, pk=page_id).specific
    if not any(page.is_descendant_of(root) or page.pk == root.pk for root in site_roots(organization)):
        raise PermissionDenied
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    try:
        submit_for_approval(page=page, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("“%(title)s” was sent to the approvers.") % {"title": page.title})
    return redirect("home_translations")


class TranslationsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return _organization(request) is not None


@hooks.register("register_admin_urls")
def register_translation_urls():
    return [
        path("translations/", TranslationsView.as_view(), name="home_translations"),
        path("translations/<int:page_id>/submit/", submit_view, name="home_translation_submit"),
    ]


@hooks.register("register_admin_menu_item")
def register_translations_menu_item():
    return TranslationsMenuItem(gettext_lazy("Translations"), reverse("home_translations"), name="translations",
                                icon_name="globe", order=175)


@hooks.register("before_edit_page", order=-1)
def refuse_publishing_an_unfinished_translation(request, page):
    """The translation editor would publish Thai text for every string not yet translated: refuse until none is."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = translation_of(page)
    if translation is None:
        return None
    missing = missing_strings(translation)
    if not missing:
        return None
    messages.error(request, _("Not published: %(n)s texts are not translated yet.") % {"n": missing})
    return redirect(reverse("wagtailadmin_pages:edit", args=(page.pk,)))


def _comment_in_thai_dates(string_translation) -> str:
    """wagtail-localize's "Translated manually on {date}" with the date as Thai readers expect it.

    Its own `get_comment` formats with strftime ("4 December 2026"), which ignores the language: on a Thai screen the
    date reads as a BE date ("4 ธันวาคม 2569"), elsewhere as before.
    """
    from django.utils.translation import get_language

    from core.thai import thai_date

    if not (get_language() or "").startswith("th"):
        return _original_get_comment(string_translation)
    date = thai_date(string_translation.updated_at)
    if string_translation.tool_name:
        return _("Translated with {tool_name} on {date}").format(tool_name=string_translation.tool_name, date=date)
    if string_translation.translation_type == string_translation.TRANSLATION_TYPE_MACHINE:
        return _("Machine translated on {date}").format(date=date)
    return _("Translated manually on {date}").format(date=date)


_original_get_comment = StringTranslation.get_comment
StringTranslation.get_comment = _comment_in_thai_dates
