"""Admin assets every screen needs (the Thai-aware slug field, core.slugs) and the operators' screen of scheduled
jobs and background workers (superusers only)."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import ScheduledJobsView


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.is_superuser


@hooks.register("register_admin_urls")
def register_jobs_url():
    return [path("ops/jobs/", ScheduledJobsView.as_view(), name="core_scheduled_jobs")]


@hooks.register("register_admin_menu_item")
def register_jobs_menu_item():
    return SuperuserMenuItem(_("Scheduled jobs"), reverse("core_scheduled_jobs"), name="scheduled-jobs",
                             icon_name="time", order=830)


@hooks.register("insert_global_admin_js")
def thai_slug_script() -> str:
    return format_html('<script src="{}"></script>', static("core/js/thai-slug.js"))


@hooks.register("before_create_page")
def retry_on_own_autosaved_draft(request, parent_page, page_class):
    """A second "create" of the page the editor's own autosave already created saves into that draft instead.

    Wagtail's autosave creates the new page as a draft on the first change, then turns the form into an edit form.
    When that switch does not happen (the tab lost its connection, the editor pressed save while the autosave was on
    its way, or reloaded the create form), the next save of the same form is a second "create" with the same slug,
    refused with "The slug … is already in use", and every retry is refused the same way. A never-published draft
    of the same type, under the same parent, with that slug, owned by this editor, is that same page: the request is
    handed to the edit view of that draft, which keeps what was typed and saves it as a new revision.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.admin.views.pages.edit import EditView

    slug = request.POST.get("slug", "").strip() if request.method == "POST" else ""
    if not slug or not request.user.is_authenticated:
        return None
    draft = (
        parent_page.get_children()
        .filter(slug=slug, live=False, first_published_at__isnull=True, owner=request.user,
                content_type=ContentType.objects.get_for_model(page_class))
        .first()
    )
    if draft is None:
        return None
    return EditView.as_view()(request, page_id=draft.pk)
