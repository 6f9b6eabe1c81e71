"""The form runner behind the citizen wizard: which step comes next, what is complete, where drafts and files live.

The wizard walks the *snapshot* definition stored on the draft (not the live page), so an editor publishing a new
form while a citizen is half-way changes nothing for that citizen. Steps must be completed in order: a step can only
be opened when every visible step before it is complete, so skipping steps by editing the URL is refused. Uploads go
to private storage at once (never a public temp folder) and are listed on the draft until the case is filed.

Why not django-formtools' WizardView: its steps are a form list fixed per view class and its state lives in the
session or a cookie. Here the steps come from each draft's own snapshot, show-if rules add and remove steps as
answers change, and a citizen must be able to continue on another device from an e-mailed link, so the state has
to be a database row (`Draft`) that outlives the session. The runner below is the small part of a wizard that
those needs leave; forms, validation and rendering are plain Django forms.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import signing
from django.http import Http404, HttpRequest
from django.utils import timezone

from core import pagecache as site_cache
from core.files import private_storage

from .forms import registry as field_types
from .forms.builder import StepForm
from .forms.definition import prune_answers, visible_steps
from .models import Draft, ServicePage
from .services import StoredFile, store_upload

SESSION_KEY = "eservices.drafts"
RESUME_SALT = "eservices.resume"
RESUME_DAYS = 7


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


def current_draft(request: HttpRequest, service: ServicePage) -> Draft | None:
    draft_id = request.session.get(SESSION_KEY, {}).get(str(service.pk))
    if not draft_id:
        return None
    return Draft.objects.filter(pk=draft_id, service=service, submission__isnull=True).first()


def start_draft(request: HttpRequest, service: ServicePage) -> Draft:
    """The session's unfinished draft for this service, or a new one under the service's current definition."""
    draft = current_draft(request, service)
    if draft is None:
        draft = Draft.objects.create(organization=service.organization, service=service,
                                     definition=service.form_definition())
        remember(request, draft)
    return draft


def remember(request: HttpRequest, draft: Draft) -> None:
    drafts = dict(request.session.get(SESSION_KEY, {}))
    drafts[str(draft.service_id)] = draft.pk
    request.session[SESSION_KEY] = drafts


def steps(draft: Draft) -> list[dict[str, Any]]:
    return visible_steps(draft.definition, draft.answers)


def get_step(draft: Draft, key: str) -> dict[str, Any] | None:
    return next((s for s in steps(draft) if s["key"] == key), None)


def first_incomplete(draft: Draft) -> str | None:
    done = set(draft.completed_steps)
    return next((s["key"] for s in steps(draft) if s["key"] not in done), None)


def can_open(draft: Draft, key: str) -> bool:
    """A step opens only when it is shown and every shown step before it is complete (no skipping)."""
    done = set(draft.completed_steps)
    for step in steps(draft):
        if step["key"] == key:
            return True
        if step["key"] not in done:
            return False
    return False


def is_complete(draft: Draft) -> bool:
    return first_incomplete(draft) is None and bool(steps(draft))


def neighbour(draft: Draft, key: str, offset: int) -> str | None:
    keys = [s["key"] for s in steps(draft)]
    if key not in keys:
        return None
    index = keys.index(key) + offset
    return keys[index] if 0 <= index < len(keys) else None


def file_counts(draft: Draft) -> dict[str, int]:
    return {key: len(items) for key, items in draft.files.items()}


def save_step(draft: Draft, step: dict[str, Any], form: StepForm) -> None:
    """Store a valid step: its answers, its new uploads (private storage), and mark it complete.

    Answers and files of questions that an edited answer now hides are dropped with the steps they belonged to.
    """
    answers = {k: v for k, v in draft.answers.items() if k not in form.specs}
    answers.update(form.answers())
    files = {k: list(v) for k, v in draft.files.items()}
    for key, uploads in form.uploads().items():
        for upload in uploads:
            stored = store_upload(upload, prefix="eservices/drafts")
            files.setdefault(key, []).append(
                {"path": stored.path, "name": stored.name, "mime": stored.mime_type, "size": stored.size})
        if files.get(key):
            answers[key] = [{"name": item["name"]} for item in files[key]]
    kept = prune_answers(draft.definition, answers)
    shown = {s["key"] for s in visible_steps(draft.definition, kept)}
    draft.answers = kept
    draft.completed_steps = [k for k in dict.fromkeys([*draft.completed_steps, step["key"]]) if k in shown]
    for key in [k for k in files if k not in kept]:
        _delete_files(files.pop(key))
    draft.files = files
    draft.save(update_fields=["answers", "completed_steps", "files", "updated_at"])


def remove_file(draft: Draft, key: str, index: int) -> None:
    """Remove one uploaded file; a required upload question left empty makes its step incomplete again."""
    items = list(draft.files.get(key, []))
    if not 0 <= index < len(items):
        return
    _delete_files([items.pop(index)])
    files = dict(draft.files)
    answers = dict(draft.answers)
    if items:
        files[key] = items
        answers[key] = [{"name": item["name"]} for item in items]
    else:
        files.pop(key, None)
        answers.pop(key, None)
        step_key = next((s["key"] for s in draft.definition["steps"]
                         if any(f["key"] == key for f in s["fields"])), None)
        draft.completed_steps = [k for k in draft.completed_steps if k != step_key]
    draft.files, draft.answers = files, answers
    draft.save(update_fields=["files", "answers", "completed_steps", "updated_at"])


def _delete_files(items: list[dict[str, Any]]) -> None:
    storage = private_storage()
    for item in items:
        storage.delete(item["path"])


def stored_files(draft: Draft) -> list[StoredFile]:
    return [
        StoredFile(field_key=key, path=item["path"], name=item["name"], mime_type=item["mime"], size=item["size"])
        for key, items in draft.files.items()
        for item in items
    ]


def file_questions(draft: Draft) -> set[str]:
    return {spec["key"] for step in draft.definition["steps"] for spec in step["fields"]
            if field_types.get(spec["type"]).is_file}


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
