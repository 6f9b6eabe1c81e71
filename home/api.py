"""The headless content API: Wagtail's API v2 at `/api/v2/` on each LGO's own host name.

Every endpoint answers for the LGO whose site serves the request and nobody else: live, public pages of its tree
(both languages: `?locale=th|en`), images and documents of its media collection (documents in collections
restricted to signed-in users are left out). Wagtail's own `?site=` parameter would let any host list another
LGO's tree, so the scoping here ignores it. Beside pages, images and documents: the e-service catalogue with its
citizen-manual fields (`/api/v2/services/`), news with categories (`/api/v2/news/?category=…`) and the ITA items
(`/api/v2/ita/`).
"""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction, Page

from eservices.models import ServicePage
from organizations.tenancy import current_organization

from .models import NewsPage, TransparencyItemPage


def lgo_pages(request) -> QuerySet[Page]:
    """Live pages without view restrictions under the request's LGO site root and its translations."""
    organization = current_organization(request)
    if organization is None or organization.site is None:
        return Page.objects.none()
    root = organization.site.root_page
    public = Page.objects.live().public()
    scoped = public.descendant_of(root, inclusive=True)
    for translation in root.get_translations():
        scoped |= public.descendant_of(translation, inclusive=True)
    return scoped


def lgo_collections(request) -> QuerySet[Collection]:
    """The request's LGO media collection and its children, without those restricted to signed-in users."""
    organization = current_organization(request)
    if organization is None or organization.collection is None:
        return Collection.objects.none()
    restricted = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    collections = Collection.objects.descendant_of(organization.collection, inclusive=True)
    for path in restricted:
        collections = collections.exclude(path__startswith=path)
    return collections


class LGOPagesAPIViewSet(PagesAPIViewSet):
    #: `?site=` would pick another LGO's tree: refused as an unknown parameter (400), never obeyed.
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"site"}

    def get_base_queryset(self):
        return lgo_pages(self.request)


class TypedPagesAPIViewSet(LGOPagesAPIViewSet):
    """An endpoint for one page type: `?type=` makes no sense on it and is refused."""

    known_query_parameters = LGOPagesAPIViewSet.known_query_parameters - {"type"}
    ordering = ("-first_published_at", "-pk")

    def get_queryset(self):
        queryset = self.model.objects.filter(pk__in=self.get_base_queryset().values_list("pk", flat=True))
        return queryset if "order" in self.request.GET else queryset.order_by(*self.ordering)


class ServicesAPIViewSet(TypedPagesAPIViewSet):
    """The e-service catalogue: each service's citizen manual (steps, documents, fee, time limit, department)."""

    name = "services"
    model = ServicePage
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "summary", "category", "time_limit_days",
                              "fee_point", "fee_amount", "online_filing"]
    ordering = ("path",)


class NewsAPIViewSet(TypedPagesAPIViewSet):
    """News, announcements and procurement notices, newest first; `?category=` filters by category."""

    name = "news"
    model = NewsPage
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "date", "category", "summary"]
    ordering = ("-date", "-pk")


class ITAAPIViewSet(TypedPagesAPIViewSet):
    """The transparency (ITA/OIT) items with their codes and evidence."""

    name = "ita"
    model = TransparencyItemPage
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "code"]
    ordering = ("path",)


class LGOImagesAPIViewSet(ImagesAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().filter(collection__in=lgo_collections(self.request))


class LGODocumentsAPIViewSet(DocumentsAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().filter(collection__in=lgo_collections(self.request))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", LGOPagesAPIViewSet)
api_router.register_endpoint("images", LGOImagesAPIViewSet)
api_router.register_endpoint("documents", LGODocumentsAPIViewSet)
api_router.register_endpoint("services", ServicesAPIViewSet)
api_router.register_endpoint("news", NewsAPIViewSet)
api_router.register_endpoint("ita", ITAAPIViewSet)
