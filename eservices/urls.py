"""Citizen URLs of eservices (language-prefixed: Thai at /…, English at /en/…)."""

from django.urls import path

from . import views

app_name = "eservices"

urlpatterns = [
    path("e-service/<int:service_id>/apply/", views.start, name="start"),
    path("e-service/<int:service_id>/apply/step/<str:step>/", views.step, name="step"),
    path("e-service/<int:service_id>/apply/check/", views.step, {"step": "check"}, name="check"),
    path("e-service/<int:service_id>/apply/save/", views.save_for_later, name="save"),
    path("e-service/<int:service_id>/apply/remove-file/", views.remove_file, name="remove_file"),
    path("e-service/resume/<str:signed>/", views.resume, name="resume"),
    path("e-service/done/<str:token>/", views.confirmation, name="confirmation"),
    path("track/", views.track, name="track"),
    path("track/<str:token>/", views.track_detail, name="track_detail"),
    path("track/<str:token>/receipt.pdf", views.receipt, name="receipt"),
    path("track/<str:token>/answer/", views.answer_information, name="answer"),
    path("track/<str:token>/followup/", views.followup, name="followup"),
    path("track/<str:token>/files/<int:attachment_id>/", views.citizen_file, name="citizen_file"),
    path("track/<str:token>/documents/<int:document_id>/", views.citizen_document, name="citizen_document"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("registers/<str:kind_key>/", views.register, name="register"),
]
