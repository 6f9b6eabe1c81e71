"""Citizen pages: report, follow, the status page with its timeline, and the public board and map.

Views are thin: forms clean, `services` writes, `selectors` read. Every page works without JavaScript."""

from __future__ import annotations

import contextlib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.files import serve_private_file

from . import services
from .forms import CancelForm, RateForm, ReopenForm
from .models import Report, ReportPhoto
from .selectors import photos_by_kind, report_for_token, settings_for, timeline


def _report_or_404(request: HttpRequest, token: str) -> Report:
    report = report_for_token(request, token)
    if report is None:
        raise Http404
    return report


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def status(request: HttpRequest, token: str, forms: dict | None = None) -> HttpResponse:
    """The reporter's page (the tracking token is the unguessable link): timeline, photos before and after, and
    what the reporter may do now (rate or reopen when fixed, cancel while open)."""
    report = _report_or_404(request, token)
    forms = forms or {}
    context = {
        "report": report, "events": timeline(report), "photos": photos_by_kind(report),
        "rate_form": forms.get("rate") or RateForm(), "reopen_form": forms.get("reopen") or ReopenForm(),
        "cancel_form": forms.get("cancel") or CancelForm(), "can_reopen": services.can_reopen(report),
    }
    return render(request, "complaints/status.html", context, status=400 if forms else 200)


def _citizen_action(request: HttpRequest, token: str, name: str, form_class, act) -> HttpResponse:
    report = _report_or_404(request, token)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(report, form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return redirect("complaints:status", token=token)
    return status(request, token, forms={name: form})


@require_POST
def rate(request: HttpRequest, token: str) -> HttpResponse:
    def act(report, data):
        services.rate(report=report, rating=data["rating"], comment=data["comment"])
        messages.success(request, _("Thank you for rating our work."))
    return _citizen_action(request, token, "rate", RateForm, act)


@require_POST
def reopen(request: HttpRequest, token: str) -> HttpResponse:
    def act(report, data):
        services.reopen(report=report, note=data["note"])
        messages.success(request, _("The report is open again. We will get back to it."))
    return _citizen_action(request, token, "reopen", ReopenForm, act)


@require_POST
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    def act(report, data):
        services.cancel_by_citizen(report=report, note=data["note"])
        messages.success(request, _("Your report is cancelled."))
    return _citizen_action(request, token, "cancel", CancelForm, act)


def photo(request: HttpRequest, photo_id: int) -> HttpResponse:
    """A cleaned photo (no EXIF) of a report the public may see, on the LGO serving the request."""
    item = get_object_or_404(ReportPhoto.objects.select_related("report"), pk=photo_id,
                             report__in=Report.objects.for_request(request).public())
    response = serve_private_file(item.image.name, download_name=f"{item.report.reference}-{item.pk}.jpg",
                                  mime_type="image/jpeg", inline=True)
    response["Cache-Control"] = "public, max-age=3600"
    return response


# --- Reporting ----------------------------------------------------------------------------------------------------

PENDING_SALT = "complaints.pending-photos"


def _organization(request: HttpRequest):
    from organizations.tenancy import current_organization

    organization = current_organization(request)
    if organization is None:
        raise Http404
    return organization


def _store_pending(photos) -> list[str]:
    """Cleaned photos kept privately while the citizen looks at the "already reported?" hint, so they need not be
    chosen again; the names travel signed in the form."""
    from django.core.files.base import ContentFile

    from core.files import private_storage, private_upload_path

    storage = private_storage()
    return [storage.save(private_upload_path("complaints/pending", "jpg"), ContentFile(p.content)) for p in photos]


def _load_pending(signed: str) -> list:
    from django.core import signing
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.files import private_storage

    if not signed:
        return []
    try:
        names = signing.loads(signed, salt=PENDING_SALT, max_age=86400)
    except signing.BadSignature:
        return []
    storage = private_storage()
    files = []
    for name in names:
        if isinstance(name, str) and name.startswith("complaints/pending/") and storage.exists(name):
            with storage.open(name, "rb") as handle:
                files.append(SimpleUploadedFile("photo.jpg", handle.read(), content_type="image/jpeg"))
    return files


def _drop_pending(signed: str) -> None:
    from django.core import signing

    from core.files import private_storage

    try:
        names = signing.loads(signed, salt=PENDING_SALT, max_age=86400) if signed else []
    except signing.BadSignature:
        return
    for name in names:
        if isinstance(name, str) and name.startswith("complaints/pending/"):
            private_storage().delete(name)


def report(request: HttpRequest) -> HttpResponse:
    """Report a problem: one page, then (only if open reports of the same topic are nearby) "already reported?"."""
    import uuid

    from django.core import signing

    from .forms import ReportForm
    from .models import Category
    from .selectors import nearby_open

    organization = _organization(request)
    categories = list(Category.objects.for_organization(organization).active().order_by("sort_order", "name_th"))
    settings = settings_for(organization)
    if request.method != "POST":
        form = ReportForm(categories=categories, initial={"confirmed": "", "pending": "",
                                                          "nonce": uuid.uuid4().hex})
        return _report_page(request, form, settings)
    form = ReportForm(request.POST, request.FILES, categories=categories)
    if not form.is_valid():
        return _report_page(request, form, settings, status=400)
    data = form.cleaned_data
    category = form.categories[data["category"]]
    try:
        cleaned = services.clean_photos(data["photos"])
    except ValidationError as exc:
        _add_errors(form, exc)
        return _report_page(request, form, settings, status=400)
    latitude, longitude = data["latitude"], data["longitude"]
    if not latitude:  # the photo knows where it was taken
        gps = next(((p.latitude, p.longitude) for p in cleaned if p.latitude is not None), None)
        if gps:
            latitude, longitude = str(gps[0]), str(gps[1])
    pending = data["pending"]
    if cleaned:
        names = _store_pending(cleaned)
        with contextlib.suppress(signing.BadSignature):
            names = [*signing.loads(pending, salt=PENDING_SALT, max_age=86400), *names] if pending else names
        pending = signing.dumps(names, salt=PENDING_SALT)
    if not data["confirmed"]:
        try:
            nearby = nearby_open(organization, category=category, latitude=latitude or None,
                                 longitude=longitude or None)
        except (TypeError, ValueError):
            nearby = []
        if nearby:
            return render(request, "complaints/nearby.html", {
                "form": form, "data": {**data, "latitude": latitude, "longitude": longitude, "pending": pending,
                                       "village": data["village"] or ""},
                "category": category, "nearby": nearby, "follow_form": None, "settings": settings,
            })
    try:
        filed = services.file_report(
            organization=organization, category=category, description=data["description"],
            idempotency_key=f"web:{request.POST.get('nonce') or uuid.uuid4().hex}", latitude=latitude or None,
            longitude=longitude or None, address=data["address"], village=data["village"],
            photos=_load_pending(pending), name=data["name"], email=data["email"] or "", phone=data["phone"],
            anonymous=data["anonymous"], language=request.LANGUAGE_CODE or "th",
        )
    except ValidationError as exc:
        _add_errors(form, exc)
        form.data = form.data.copy()
        form.data["pending"] = pending
        return _report_page(request, form, settings, status=400)
    _drop_pending(pending)
    messages.success(request, _("Thank you. Your report %(reference)s has been received. Keep this page's address "
                                "to follow it.") % {"reference": filed.reference})
    return redirect("complaints:status", token=filed.submission.tracking_token)


def _report_page(request: HttpRequest, form, settings, status: int = 200) -> HttpResponse:
    return render(request, "complaints/report.html", {"form": form, "settings": settings}, status=status)


@require_POST
def follow(request: HttpRequest, report_id: int) -> HttpResponse:
    """"Already reported? Follow it instead": the citizen's e-mail joins the report's followers."""
    from .forms import FollowForm

    target = get_object_or_404(Report.objects.for_request(request).public(), pk=report_id)
    form = FollowForm(request.POST)
    if form.is_valid():
        try:
            services.add_follower(report=target, email=form.cleaned_data["email"],
                                  language=request.LANGUAGE_CODE or "th")
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            _drop_pending(request.POST.get("pending", ""))
            messages.success(request, _("You now follow report %(reference)s: we will e-mail you its progress.")
                             % {"reference": target.reference})
            return redirect("complaints:detail", report_id=target.pk)
    return detail(request, report_id, follow_form=form)


# --- The public board ---------------------------------------------------------------------------------------------


def board(request: HttpRequest) -> HttpResponse:
    """Recent and open reports of this LGO as a list (and a map when tiles are configured), with statistics per
    topic. No names, no contact, places rounded unless the LGO publishes exact points."""
    from .models import Category
    from .selectors import board as board_reports
    from .selectors import public_point, topic_statistics

    organization = _organization(request)
    settings = settings_for(organization)
    category, state = request.GET.get("category", ""), request.GET.get("state", "")
    reports = list(board_reports(organization, category=category, state=state))
    for item in reports:
        item.point = public_point(item, settings)
    return render(request, "complaints/board.html", {
        "organization": organization, "settings": settings, "reports": reports,
        "categories": Category.objects.for_organization(organization).active().order_by("sort_order", "name_th"),
        "category": category, "state": state, "statistics": topic_statistics(organization),
        "points": [{"id": r.pk, "lat": str(r.point[0]), "lon": str(r.point[1]), "status": r.status,
                    "label": r.get_status_display(), "topic": r.category.name,
                    "url": r.get_public_url()} for r in reports if r.point],
    })


def detail(request: HttpRequest, report_id: int, follow_form=None) -> HttpResponse:
    """One report as the public sees it: topic, description, rounded place, photos, public timeline."""
    from .forms import FollowForm
    from .selectors import public_point

    item = get_object_or_404(Report.objects.for_request(request).public().select_related("category", "submission"),
                             pk=report_id)
    settings = settings_for(item.organization_id)
    return render(request, "complaints/detail.html", {
        "report": item, "point": public_point(item, settings), "events": timeline(item),
        "photos": photos_by_kind(item), "follow_form": follow_form or FollowForm(),
    }, status=400 if follow_form is not None else 200)
