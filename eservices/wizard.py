"""The citizen wizard: django-formtools' `NamedUrlWizardView` over each draft's own form, kept in the `Draft` row.

formtools runs the steps: their order and the next and previous step (`get_form_list`, `get_next_step`,
`get_prev_step`), one URL per step with check-your-answers as its "done" step, and `render_done`, which revalidates
every shown step from the stored data before anything is filed and sends the citizen to the first step that fails.
What is our own is what formtools leaves to its users:

- **The steps come from the draft's snapshot**, not from a class: `get_form_list()` is built per request from the
  definition stored on the draft (so an editor publishing a new form while a citizen is half-way changes nothing
  for that citizen), and show-if rules leave hidden steps out of it as the answers change.
- **State is a database row**, not the session: `DraftStorage` (the view's `storage_name`) reads and writes the
  `Draft`, so an e-mailed signed link continues the request on another device; the session only names the draft.
  It keeps each step's posted data (which `render_done` rebinds to revalidate) and the cleaned answers that show-if
  rules, check-your-answers and the e-mail address of "save and come back later" read.
- **Files** go through formtools' `file_storage` hook into private storage, checked by content when posted (never
  a public temporary folder), and listed on the draft until the case is filed. An upload that passed its checks is
  kept even when another answer on the same step has an error.
- **No skipping**: a step opens only when every shown step before it is complete, so editing the URL cannot jump
  ahead (formtools alone would open any step of its list).
- **A filed draft stays closed**: Back to any wizard page, or a replayed POST, lands on the case's confirmation
  (its reference and the link to follow it), never on "start again".
- Links (back, redirects) are paths on the host the citizen is using, never the Site's stored host or port.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from formtools.wizard.storage.base import BaseStorage
from formtools.wizard.views import NamedUrlWizardView

from core import pagecache as site_cache
from core.files import private_storage

from . import services
from .constants import FilingChannel
from .forms import registry as field_types
from .forms.builder import StepForm, build_step_form
from .forms.definition import answer_rows, prune_answers, soft_missing, visible_steps
from .models import Draft, ServicePage
from .services import StoredFile, store_upload

SESSION_KEY = "eservices.drafts"
RESUME_SALT = "eservices.resume"
RESUME_DAYS = 7
CHECK_STEP = "check"  # formtools' "done" step: check your answers, then send
UPLOAD_PREFIX = "eservices/drafts"


def service_for_request(request: HttpRequest, service_id: int) -> ServicePage:
    """The live, public service taking online requests on this site's LGO; 404 otherwise (never another LGO's).

    Every step of a filing asks this, so the answer (the page with its LGO and site loaded, or None) is cached
    until the site's next publish, move, delete or view-restriction change: a filing then costs no page queries.
    """
    site_id = site_cache.site_id_for(request)
    service = site_cache.remember(site_id, f"eservices:service:{service_id}", lambda: _servable(site_id, service_id)) \
        if site_id is not None else None
    if service is None:
        raise Http404
    return service


def _servable(site_id: int, service_id: int) -> ServicePage | None:
    service = ServicePage.objects.live().filter(pk=service_id, online_filing=True).first()
    if service is None or service.get_view_restrictions().exists():
        return None
    organization = service.organization
    if organization is None or organization.site_id != site_id:
        return None
    organization.site  # noqa: B018 -- loaded now, cached with the page: e-mails and receipts link to the site
    return service


def service_path(request: HttpRequest, service: ServicePage) -> str:
    """The service page's path on the host serving this request (Wagtail's `page.url` is absolute, with the Site's
    stored host and port, as soon as the deployment has several sites)."""
    parts = service.get_url_parts(request)
    return parts[2] if parts and parts[2] else "/"


# --- The draft named by the session -----------------------------------------------------------------------------


def session_draft_id(request: HttpRequest, service_id: int) -> int | None:
    return request.session.get(SESSION_KEY, {}).get(str(service_id))


def current_draft(request: HttpRequest, service: ServicePage) -> Draft | None:
    """The session's unfinished draft for this service (a filed draft is never opened again)."""
    draft_id = session_draft_id(request, service.pk)
    if not draft_id:
        return None
    return Draft.objects.filter(pk=draft_id, service=service, submission__isnull=True).first()


def start_draft(request: HttpRequest, service: ServicePage, *, channel: str = FilingChannel.WEB,
                filed_by: Any = None) -> Draft:
    """The session's unfinished draft for this service, or a new one under the service's current definition.

    `channel` is how the citizen came (a poster's QR, a LINE link); an officer starting at the counter
    (`filed_by`) always gets a fresh counter draft, never a citizen's draft left in the same browser.
    """
    draft = current_draft(request, service)
    if draft is not None and (filed_by is not None or draft.filed_by_id is not None):
        draft = None  # counter work and the officer's own browsing never share a draft
    if draft is None:
        draft = Draft.objects.create(organization=service.organization, service=service,
                                     definition=service.form_definition(), channel=channel, filed_by=filed_by)
        remember(request, draft)
    return draft


def remember(request: HttpRequest, draft: Draft) -> None:
    drafts = dict(request.session.get(SESSION_KEY, {}))
    drafts[str(draft.service_id)] = draft.pk
    request.session[SESSION_KEY] = drafts


def step_url(service_id: int, key: str, *, back_to_check: bool = False) -> str:
    if key == CHECK_STEP:
        return reverse("eservices:check", kwargs={"service_id": service_id})
    url = reverse("eservices:step", kwargs={"service_id": service_id, "step": key})
    return f"{url}?return=check" if back_to_check else url


def shown_keys(draft: Draft) -> list[str]:
    """The keys of the steps this draft asks, in order (show-if rules applied to the answers so far)."""
    return [step["key"] for step in visible_steps(draft.definition, draft.answers)]


def first_incomplete(draft: Draft) -> str | None:
    return next((key for key in shown_keys(draft) if key not in draft.step_data), None)


def continue_url(draft: Draft) -> str:
    """The first step still to do, or check-your-answers when all are done."""
    return step_url(draft.service_id, first_incomplete(draft) or CHECK_STEP)


def file_counts(draft: Draft) -> dict[str, int]:
    return {key: len(items) for key, items in draft.files.items()}


def file_questions(draft: Draft) -> set[str]:
    return {spec["key"] for step in draft.definition["steps"] for spec in step["fields"]
            if field_types.get(spec["type"]).is_file}


def remove_file(draft: Draft, key: str, index: int) -> None:
    """Remove one uploaded file; a required upload question left empty makes its step incomplete again."""
    items = list(draft.files.get(key, []))
    if not 0 <= index < len(items):
        return
    private_storage().delete(items.pop(index)["path"])
    files, answers, step_data = dict(draft.files), dict(draft.answers), dict(draft.step_data)
    if items:
        files[key] = items
        answers[key] = [{"name": item["name"]} for item in items]
    else:
        files.pop(key, None)
        answers.pop(key, None)
        step_key = next((s["key"] for s in draft.definition["steps"] if any(f["key"] == key for f in s["fields"])),
                        None)
        step_data.pop(step_key, None)
    draft.files, draft.answers, draft.step_data = files, answers, step_data
    draft.save(update_fields=["files", "answers", "step_data", "updated_at"])


def stored_files(draft: Draft) -> list[StoredFile]:
    return [
        StoredFile(field_key=key, path=item["path"], name=item["name"], mime_type=item["mime"], size=item["size"])
        for key, items in draft.files.items()
        for item in items
    ]


# --- formtools storage in the Draft row -------------------------------------------------------------------------


class DraftStorage(BaseStorage):
    """formtools' wizard storage, kept in the `Draft` row the session names for this service (the prefix).

    Step data is what the citizen posted for each completed step (the step's own inputs only); files are the
    uploads saved through `file_storage` (private storage). Besides formtools' data the row holds the cleaned
    answers. Whatever the answers now hide (show-if) is dropped at once: answers, step data and files.
    Changes are written in one UPDATE when the response is ready (`update_response`).
    """

    def __init__(self, prefix: str, request: HttpRequest | None = None, file_storage: Storage | None = None) -> None:
        super().__init__(prefix, request, file_storage)
        self.init_data()  # formtools' in-memory part: the current step of this request and (unused) extra data
        draft_id = session_draft_id(request, int(prefix)) if request is not None else None
        self.draft: Draft | None = Draft.objects.filter(pk=draft_id, service_id=int(prefix)).first() \
            if draft_id else None
        self._changed = False

    def reset(self) -> None:
        """formtools resets after `done()`; a draft is never wiped: done() either shows check-your-answers (the
        draft stays) or files the case (the filed draft stays, closed, so Back shows the case)."""

    def get_step_data(self, step: str) -> Any:
        data = self.draft.step_data.get(step) if self.draft else None
        return MultiValueDict(data) if data is not None else None

    def set_step_data(self, step: str, cleaned_data: Any) -> None:
        self.draft.step_data = {**self.draft.step_data, step: cleaned_data}
        self._settle()

    def get_step_files(self, step: str) -> None:
        """Files are not rebound: they were checked by content when posted, and each upload question counts the
        files already stored for it (`existing`) when the step is revalidated."""
        return None

    def set_step_files(self, step: str, files: dict[str, list] | None) -> None:
        """Save each checked upload in private storage and list it under its question."""
        stored = {key: list(items) for key, items in self.draft.files.items()}
        answers = dict(self.draft.answers)
        for key, uploads in (files or {}).items():
            for upload in uploads:
                saved = store_upload(upload, prefix=UPLOAD_PREFIX, storage=self.file_storage)
                stored.setdefault(key, []).append(
                    {"path": saved.path, "name": saved.name, "mime": saved.mime_type, "size": saved.size})
            if stored.get(key):
                answers[key] = [{"name": item["name"]} for item in stored[key]]
        if files and any(files.values()):
            self.draft.files, self.draft.answers = stored, answers
            self._settle()

    def set_answers(self, answers: dict[str, Any]) -> None:
        """Store a valid step's cleaned answers (file questions are answered by `set_step_files`)."""
        self.draft.answers = {**self.draft.answers, **answers}
        self._settle()

    def _settle(self) -> None:
        """Drop what the answers now hide: an edited answer can hide questions and whole steps."""
        draft = self.draft
        kept = prune_answers(draft.definition, draft.answers)
        shown = {step["key"] for step in visible_steps(draft.definition, kept)}
        draft.answers = kept
        draft.step_data = {key: data for key, data in draft.step_data.items() if key in shown}
        for key in [key for key in draft.files if key not in kept]:
            for item in draft.files[key]:
                (self.file_storage or private_storage()).delete(item["path"])
        draft.files = {key: items for key, items in draft.files.items() if key in kept}
        self._changed = True

    def close(self, submission: Any) -> None:
        """The case is filed: the draft is closed for good (Back shows the case, the resume link stops working).

        The session still names the draft, which is how Back finds the case; leaving it untouched also saves a
        session write on every filing."""
        self.draft.submission = submission
        self.draft.save(update_fields=["submission", "updated_at"])

    def update_response(self, response: HttpResponse) -> None:
        if self._changed:
            self.draft.save(update_fields=["answers", "step_data", "files", "updated_at"])
            self._changed = False


# --- The view -----------------------------------------------------------------------------------------------------


class CitizenWizard(NamedUrlWizardView):
    """Steps at /e-service/<id>/apply/step/<key>/, check-your-answers (formtools' done step) at …/apply/check/.

    The step in the URL names the form posted, so the citizen's browser sends no formtools management form.
    """

    storage_name = "eservices.wizard.DraftStorage"
    template_name = "eservices/wizard/step.html"
    url_name = "eservices:step"
    done_step_name = CHECK_STEP

    @classmethod
    def get_initkwargs(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """No class-wide form list: every draft brings its own steps (`get_form_list`)."""
        return {"form_list": OrderedDict(), "initial_dict": {}, "instance_dict": {}, "condition_dict": {},
                "url_name": cls.url_name, "done_step_name": cls.done_step_name, **kwargs}

    @property
    def file_storage(self) -> Storage:
        return private_storage()

    # --- Request handling ---

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.service = service_for_request(request, kwargs["service_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_prefix(self, request: HttpRequest, *args: Any, **kwargs: Any) -> str:
        return str(self.service.pk)  # the session names one draft per service

    @property
    def draft(self) -> Draft:
        return self.storage.draft

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if (closed := self._closed()) is not None:
            return closed
        step = kwargs["step"]
        if step == self.done_step_name:
            return super().get(request, *args, **kwargs)  # formtools: render_done revalidates every step
        if not self._can_open(step):
            return redirect(continue_url(self.draft))
        self.storage.current_step = step
        return self.render(self.get_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if (closed := self._closed()) is not None:
            return closed
        step = kwargs["step"]
        if step == self.done_step_name:
            return self.render_done(None, **kwargs)  # formtools revalidates every step, then `done` files the case
        if not self._can_open(step):
            return redirect(continue_url(self.draft))
        self.storage.current_step = step
        form = self.get_form(data=request.POST, files=request.FILES)
        valid = form.is_valid()
        # Uploads that passed their own checks are kept even when another answer on the step has an error.
        self.storage.set_step_files(step, self.process_step_files(form))
        if valid:
            self.storage.set_answers(form.answers())
            self.storage.set_step_data(step, self.process_step(form))
            return self.render_next_step(form)
        if "save" in request.POST and not form.has_changed():
            return redirect("eservices:save", service_id=self.service.pk)
        return self.render(form, kept_files=[item.name for items in form.uploads().values() for item in items])

    def _closed(self) -> HttpResponse | None:
        """No draft (the session ended), or a filed one: Back, or a replayed POST, lands on the case's confirmation
        (reference, receipt, link to follow the case) instead of inviting a second filing."""
        draft = self.draft
        if draft is None:
            messages.info(self.request, _("Your session has ended. Start again, or use the link we e-mailed you."))
            return redirect(service_path(self.request, self.service))
        if draft.submission_id is None:
            return None
        submission = draft.submission
        messages.info(self.request, _("This request has already been sent, reference %(reference)s. It cannot be "
                                      "sent again.") % {"reference": submission.reference})
        return redirect("eservices:confirmation", token=submission.tracking_token)

    def _can_open(self, step: str) -> bool:
        """A step opens only when it is shown and every shown step before it is complete (no skipping)."""
        for key in self.get_form_list():
            if key == step:
                return True
            if self.storage.get_step_data(key) is None:
                return False
        return False

    # --- formtools hooks ---

    def get_form_list(self) -> OrderedDict[str, type[StepForm]]:
        """This draft's steps that its answers so far show (a step hidden by an earlier answer is left out)."""
        return OrderedDict((key, StepForm) for key in shown_keys(self.draft))

    def get_step_url(self, step: str) -> str:
        return step_url(self.service.pk, step)

    def get_form(self, step: str | None = None, data: Any = None, files: Any = None) -> StepForm:
        step = step or self.steps.current
        spec = next(s for s in self.draft.definition["steps"] if s["key"] == step)
        return build_step_form(spec, self.draft.definition, self.draft.answers, data=data, files=files,
                               existing_files=file_counts(self.draft))

    def process_step(self, form: StepForm) -> dict[str, list[str]]:
        return form.own_data()

    def process_step_files(self, form: StepForm) -> dict[str, list]:
        return form.uploads()

    def render_next_step(self, form: StepForm, **kwargs: Any) -> HttpResponseRedirect:
        if "save" in self.request.POST:
            return redirect("eservices:save", service_id=self.service.pk)
        if self.request.GET.get("return") == "check" and first_incomplete(self.draft) is None:
            return redirect(self.get_step_url(CHECK_STEP))
        following = self.get_next_step()
        return redirect(self.get_step_url(following) if following else continue_url(self.draft))

    def render(self, form: StepForm | None = None, **kwargs: Any) -> HttpResponse:
        response = super().render(form, **kwargs)
        if form is not None and form.is_bound and form.errors:
            response.status_code = 400
        return response

    def get_context_data(self, form: StepForm, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        back_to_check = self.request.GET.get("return") == "check"
        previous = self.get_prev_step(step)
        context.update({
            "service": self.service,
            "organization": self.service.organization,
            "draft": self.draft,
            "step": next(s for s in self.draft.definition["steps"] if s["key"] == step),
            "step_number": self.steps.step1,
            "step_count": self.steps.count,
            "back_url": (self.get_step_url(CHECK_STEP) if back_to_check else
                         self.get_step_url(previous) if previous else service_path(self.request, self.service)),
            "uploaded": {key: self.draft.files.get(key, []) for key in form.specs if key in self.draft.files},
            "back_to_check": back_to_check,
        })
        return context

    def done(self, form_list: list[StepForm], **kwargs: Any) -> HttpResponse:
        """Every shown step revalidated: GET shows check-your-answers, POST files the case from those answers."""
        answers: dict[str, Any] = {}
        for form in form_list:
            answers.update(form.answers())
        draft = self.draft
        error = ""
        if self.request.method == "POST":
            try:
                submission = services.submit(
                    service=self.service, answers=answers, files=stored_files(draft),
                    idempotency_key=services.idempotency_key(f"draft-{draft.pk}", draft.answers),
                    definition=draft.definition, language=(get_language() or "th")[:2],
                    channel=draft.channel, filed_by=draft.filed_by,
                )
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                self.storage.close(submission)
                return redirect("eservices:confirmation", token=submission.tracking_token)
        shown = {**draft.answers, **answers}
        context = {
            "service": self.service,
            "organization": self.service.organization,
            "sections": answer_rows(draft.definition, shown),
            "warnings": soft_missing(draft.definition, shown),
            "back_url": self.get_step_url(self.steps.last),
            "error": error,
            "draft": draft,
        }
        return render(self.request, "eservices/wizard/check.html", context, status=400 if error else 200)


# --- Save and resume --------------------------------------------------------------------------------------------


def resume_token(draft: Draft) -> str:
    return signing.TimestampSigner(salt=RESUME_SALT).sign(str(draft.pk))


def draft_from_resume_token(token: str, *, now: dt.datetime | None = None) -> Draft | None:
    """The draft behind a resume link; None when the signature is bad, the draft was submitted, or nobody has
    touched it for `RESUME_DAYS` days (the link expires after inactivity, not after a fixed time)."""
    try:
        draft_id = signing.TimestampSigner(salt=RESUME_SALT).unsign(token)
    except signing.BadSignature:
        return None
    draft = Draft.objects.filter(pk=draft_id).select_related("service").first()
    if draft is None or draft.submission_id is not None:
        return None
    if draft.updated_at < (now or timezone.now()) - dt.timedelta(days=RESUME_DAYS):
        return None
    return draft
