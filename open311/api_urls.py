"""/open311/v2/… on every LGO's host (not language-prefixed: API clients use the spec's paths)."""

from django.urls import re_path

from . import views

FMT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    re_path(rf"^open311/v2/discovery{FMT}", views.discovery, name="open311_discovery"),
    re_path(rf"^open311/v2/services{FMT}", views.services, name="open311_services"),
    re_path(rf"^open311/v2/services/(?P<code>[^/]+?){FMT}", views.service_definition, name="open311_service"),
    re_path(rf"^open311/v2/requests{FMT}", views.requests, name="open311_requests"),
    re_path(rf"^open311/v2/requests/(?P<request_id>[^/]+?){FMT}", views.request_detail, name="open311_request"),
    re_path(rf"^open311/v2/tokens/(?P<token>[^/]+?){FMT}", views.token, name="open311_token"),
    re_path(r"^open311/v2/(?P<rest>.*)$", views.unknown),
]
