"""Outreach in Wagtail: count marked arrivals at service pages, admin URLs and menu items, and a poster button on
each service page in the admin."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from eservices.channels import SOURCE_PARAM, channel_for
from eservices.constants import FilingChannel
from eservices.models import ServicePage

from . import admin_urls
from .admin_views import COUNTER_ROLES, FIGURE_ROLES, POSTER_ROLES, may
from .services import record_visit

#: Link-preview fetchers (LINE, Facebook, search engines) open shared links too; they are not citizens.
ROBOT_MARKERS = ("bot", "crawler", "spider", "facebookexternalhit", "preview", "python-requests", "curl/")


def _is_robot(user_agent: str) -> bool:
    agent = user_agent.lower()
    return not agent or any(marker in agent for marker in ROBOT_MARKERS)


@hooks.register("before_serve_page")
def count_marked_arrival(page, request, serve_args, serve_kwargs):
    """A citizen opened a service page by a marked link (poster QR, short link, LINE): one more visit this month.

    Such pages are never served from the page cache (the marker is an unknown query parameter to it), so each
    arrival reaches this hook once; robots and repeated HEAD checks are not counted.
    """
    if request.method != "GET" or not isinstance(page, ServicePage):
        return None
    user_agent = request.headers.get("User-Agent", "")
    channel = channel_for(request.GET.get(SOURCE_PARAM), user_agent)
    if channel != FilingChannel.WEB and not _is_robot(user_agent):
        record_visit(service=page, channel=channel)
    return None


@hooks.register("register_admin_urls")
def register_outreach_urls():
    return [path("outreach/", include(admin_urls, namespace="outreach_admin"))]


class RoleMenuItem(MenuItem):
    def __init__(self, *args, roles: frozenset[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.roles = roles

    def is_shown(self, request) -> bool:
        return may(request, self.roles)


@hooks.register("register_admin_menu_item")
def register_posters_menu_item():
    return RoleMenuItem(_("Posters and QR codes"), reverse("outreach_admin:posters"), name="outreach-posters",
                        icon_name="doc-full", order=170, roles=POSTER_ROLES)


@hooks.register("register_admin_menu_item")
def register_channels_menu_item():
    return RoleMenuItem(_("How citizens reach us"), reverse("outreach_admin:channels"), name="outreach-channels",
                        icon_name="site", order=171, roles=FIGURE_ROLES)


@hooks.register("register_admin_menu_item")
def register_counter_menu_item():
    return RoleMenuItem(_("File at the counter"), reverse("outreach_admin:counter"), name="outreach-counter",
                        icon_name="form", order=151, roles=COUNTER_ROLES)


@hooks.register("register_page_header_buttons")
def poster_buttons(page, user, view_name, next_url=None):
    """On a live service page in the admin: download its A4 poster, A5 poster and table cards."""
    from organizations import tenancy

    from .constants import PosterFormat

    service = page.specific_deferred
    if not isinstance(service, ServicePage) or not page.live or service.organization is None:
        return
    if not tenancy.roles(user, service.organization) & POSTER_ROLES:
        return
    for priority, (fmt, label) in enumerate(PosterFormat.choices, start=80):
        yield Button(label, reverse("outreach_admin:poster", kwargs={"key": f"service-{page.pk}", "fmt": fmt}),
                     icon_name="download", priority=priority)
