"""Citizen views: the form wizard, confirmation, receipt, tracking and document verification."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from .models import IssuedDocument
from .selectors import public_timeline, submission_by_token


def track_detail(request: HttpRequest, token: str) -> HttpResponse:
    submission = submission_by_token(token)
    if submission is None:
        raise Http404
    return render(request, "eservices/track_detail.html",
                  {"submission": submission, "timeline": public_timeline(submission)})


def verify(request: HttpRequest, code: str) -> HttpResponse:
    document = IssuedDocument.objects.select_related("organization").filter(
        verification_code=code.strip().upper()).first()
    return render(request, "eservices/verify.html", {"document": document, "code": code},
                  status=200 if document else 404)
