"""My desk (to read, to act, sent by me), stalled routings and search."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import log_access
from core.models import AuditAction

from ..forms import SearchForm
from ..selectors import (
    SearchQuery,
    desk_sent,
    desk_to_act,
    desk_to_read,
    search_documents,
    stalled_routings,
)
from .common import PAGE_SIZE, officer_view, page, paginate

DESK_TABS = {
    "read": (gettext_lazy("To read"), desk_to_read),
    "act": (gettext_lazy("To act on"), desk_to_act),
    "sent": (gettext_lazy("Sent by me"), desk_sent),
}


@officer_view
def desk(request: HttpRequest, organization, tab: str = "read") -> HttpResponse:
    if tab not in DESK_TABS:
        raise Http404
    selector = DESK_TABS[tab][1]
    return page(request, "saraban/routing_list.html", {
        "organization": organization, "title": _("My desk"), "tab": tab,
        "tabs": [(key, value[0]) for key, value in DESK_TABS.items()],
        "page_obj": paginate(request, selector(request.user, organization)),
    })


@officer_view
def stalled(request: HttpRequest, organization) -> HttpResponse:
    return page(request, "saraban/routing_list.html", {
        "organization": organization, "title": _("Stalled"),
        "intro": _("Routed but not read within the urgency's limit, or not done by the due date."),
        "page_obj": paginate(request, stalled_routings(request.user, organization)),
    })


@dataclass
class SearchPage:
    """One page of results without COUNT(*): a common Thai word can match tens of thousands of letters, and
    counting them all costs more than finding the newest fifty. The total is exact when it fits on the page."""

    rows: list
    number: int
    has_next: bool

    def __iter__(self):
        return iter(self.rows)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def at_least(self) -> int:
        """How many results there are at least: exact when not has_next."""
        return (self.number - 1) * PAGE_SIZE + len(self.rows)


def search_page(documents, page_param: str | None) -> SearchPage:
    try:
        number = max(1, int(page_param or 1))
    except ValueError:
        number = 1
    offset = (number - 1) * PAGE_SIZE
    rows = list(documents[offset: offset + PAGE_SIZE + 1])
    return SearchPage(rows=rows[:PAGE_SIZE], number=number, has_next=len(rows) > PAGE_SIZE)


@officer_view
def search(request: HttpRequest, organization) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid():
        query = SearchQuery(**{key: value for key, value in form.cleaned_data.items() if key != "q"},
                            text=form.cleaned_data["q"])
        if not query.is_empty:
            results = search_page(search_documents(request.user, organization, query), request.GET.get("p"))
            log_access(actor=request.user, organization=organization, action=AuditAction.SEARCH,
                       object_type="saraban.document", detail=request.GET.urlencode()[:500], request=request)
    return page(request, "saraban/search.html", {
        "organization": organization, "title": _("Search correspondence"), "form": form, "results": results,
    })
