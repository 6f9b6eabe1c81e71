"""Page types of an LGO's public website, its per-site settings and the transparency (ITA/OIT) disclosure pages.

Each page type reads: fields, panels, search fields, helpers, then the tree rules (`parent_page_types`,
`subpage_types`) that stop editors from building nonsense, e.g. a news item outside the news section.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import OrderedDict

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, Site
from wagtail.search import index

from core.pagecache import CacheablePageMixin, mark_cacheable, remember, site_version
from core.thai import be_year
from organizations.models import OrganizationOwned

from .blocks import RICH_TEXT_FEATURES, BodyBlock, DocumentItemBlock, LinkBlock, ServiceLinkBlock
from .constants import ANNOUNCEMENT_CATEGORIES, NEWS_PER_PAGE, PERSONNEL_GROUP_ORDER, NewsCategory, PersonnelGroup
from .forms import TransparencyIndexForm, TransparencyItemForm


def current_be_year() -> int:
    """This year in the Buddhist Era (Bangkok time), the default year of a new transparency index."""
    return be_year(timezone.localdate())


def _relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(hex_colour: str) -> float:
    """WCAG contrast ratio of white text on `hex_colour` (#rrggbb)."""
    return 1.05 / (_relative_luminance(hex_colour) + 0.05)


def validate_theme_colour(value: str) -> None:
    """The theme colour carries white text (header, buttons), so it must reach WCAG AA contrast 4.5:1 with white."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value or ""):
        raise ValidationError(_("Enter a colour as # followed by 6 hexadecimal digits, e.g. #1d4f91."))
    ratio = contrast_with_white(value)
    if ratio < 4.5:
        raise ValidationError(
            _("White text on this colour has a contrast of %(ratio).1f:1; choose a darker colour (at least 4.5:1).")
            % {"ratio": ratio}
        )


#: Map services whose embed pages the public site may frame (also in the CSP's frame-src).
MAP_EMBED_PREFIXES = (
    "https://www.google.com/maps/embed",
    "https://maps.google.com/maps?",
    "https://www.openstreetmap.org/export/embed.html",
)
_IFRAME_SRC = re.compile(r"""<iframe[^>]*\ssrc\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def map_embed_address(value: str) -> str:
    """The embed address in what an administrator pasted: Google Maps' "Embed a map" HTML, OpenStreetMap's
    "Share → HTML", or the bare address. Raises ValidationError (Thai) for anything else, since the address is put
    in a frame on every contact page."""
    import html

    text = (value or "").strip()
    if not text:
        return ""
    found = _IFRAME_SRC.search(text)
    address = html.unescape(found.group(1) if found else text).strip()
    if not address.startswith(MAP_EMBED_PREFIXES) or any(ch.isspace() for ch in address):
        raise ValidationError(_("Paste the map's embed code from Google Maps (Share → Embed a map) or "
                                "OpenStreetMap (Share → HTML), or its embed address."))
    return address


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Look and social links of one LGO's website. Contact details and office hours live on the Organization."""

    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("logo"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("Shown in the header next to the LGO's name; a square emblem works best."),
    )
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    line_oa_url = models.URLField(
        _("LINE Official Account"), blank=True, help_text=_("The add-friend link, e.g. https://lin.ee/abcdEFG.")
    )
    youtube_url = models.URLField(_("YouTube channel"), blank=True)
    theme_colour = models.CharField(
        _("theme colour"), max_length=7, default="#1d4f91", validators=[validate_theme_colour],
        help_text=_("Colour of the header and buttons, e.g. #1d4f91. It must be dark enough for white text."),
    )
    map_embed = models.TextField(
        _("map of the office"), blank=True, max_length=4000,
        help_text=_("Shown on the contact page. In Google Maps: Share → Embed a map → Copy HTML, then paste it "
                    "here (OpenStreetMap: Share → HTML)."),
    )

    panels = [
        FieldPanel("logo"),
        FieldPanel("theme_colour"),
        FieldPanel("map_embed"),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("line_oa_url"), FieldPanel("youtube_url")],
            heading=_("Social media"),
        ),
    ]

    class Meta:
        verbose_name = _("website settings")

    def clean(self) -> None:
        super().clean()
        try:
            self.map_embed = map_embed_address(self.map_embed)
        except ValidationError as exc:
            raise ValidationError({"map_embed": exc.messages}) from exc

    @property
    def social_links(self) -> list[tuple[str, str]]:
        pairs = [("Facebook", self.facebook_url), ("LINE", self.line_oa_url), ("YouTube", self.youtube_url)]
        return [(name, url) for name, url in pairs if url]


class HomePage(CacheablePageMixin, Page):
    """The front page of one LGO: what the LGO does for citizens, its services, its latest news and how to reach it.

    Contact details and office hours come from the LGO's Organization record, so they are typed once.
    """

    hero_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("hero image"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("A wide photo of the area; its description is used as alternative text."),
    )
    hero_heading = models.CharField(_("hero heading"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True, max_length=500)
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    highlighted_services = StreamField(
        [("service", ServiceLinkBlock())], verbose_name=_("highlighted services"), blank=True,
        help_text=_("The services citizens look for most, e.g. paying fees, filing a complaint, permits."),
    )
    quick_links = StreamField(
        [("link", LinkBlock())], verbose_name=_("quick links"), blank=True,
        help_text=_("Links shown on the home page below the news, e.g. the ITA page or government portals."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_heading"), FieldPanel("hero_text")],
                        heading=_("Hero")),
        FieldPanel("intro"),
        FieldPanel("highlighted_services"),
        FieldPanel("quick_links"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("hero_heading"), index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage", "home.NewsIndexPage", "home.PersonnelPage", "home.ContactPage",
        "home.TransparencyIndexPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    @classmethod
    def clean_subpage_models(cls):
        """Add the e-services catalogue when that app defines it (a string in subpage_types would fail without it)."""
        if cls._clean_subpage_models is None:
            models_list = list(super().clean_subpage_models())
            try:
                service_index = apps.get_model("eservices", "ServiceIndexPage")
            except LookupError:
                service_index = None
            if service_index is not None and service_index not in models_list:
                models_list.append(service_index)
            cls._clean_subpage_models = models_list
        return cls._clean_subpage_models

    def latest_news(self, limit: int = 6):
        """Newest public-relations news and activities under this home page (announcements are listed apart)."""
        return NewsPage.objects.listed_under(self).exclude(category__in=ANNOUNCEMENT_CATEGORIES)[:limit]

    def latest_announcements(self, limit: int = 5):
        """Newest announcements and procurement announcements, which citizens and bidders look for first."""
        return NewsPage.objects.listed_under(self).filter(category__in=ANNOUNCEMENT_CATEGORIES)[:limit]

    def news_index(self):
        return NewsIndexPage.objects.child_of(self).live().first()

    def services(self, request: HttpRequest, limit: int = 8) -> list[dict]:
        """The highlighted services; when the editor chose none, the first services of the e-services catalogue."""
        chosen = [
            {"title": block.value["title"], "description": block.value.get("description", ""),
             "url": block.value["page"].get_url(request) if block.value.get("page") else block.value["url"]}
            for block in self.highlighted_services
        ]
        if chosen:
            return chosen
        try:
            service_index = apps.get_model("eservices", "ServiceIndexPage")
        except LookupError:
            return []
        catalogue = self.get_children().live().type(service_index).first()
        if catalogue is None:
            return []
        services = catalogue.get_children().live().public().only("id", "title", "url_path", "search_description")
        return [{"title": p.title, "description": p.search_description, "url": p.get_url(request)}
                for p in services[:limit]]

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request)
        if site is None or getattr(request, "is_preview", False):  # previews show the draft, never a cached body
            context.update(self._computed_context(request))
        else:
            context.update(remember(site.pk, f"home:{self.pk}", lambda: self._computed_context(request)))
            # the template caches its rendered body under this version, so a publish re-renders it
            context["fragment_version"] = site_version(site.pk)
        return context

    def _computed_context(self, request: HttpRequest) -> dict:
        """What the home page computes from the tree; cached until the site's next publish."""
        from .citizen_services import catalogue_page

        news_index = self.news_index()
        catalogue = catalogue_page(self)
        return {
            "services": self.services(request),
            "all_services_url": catalogue.get_url(request) if catalogue else "",
            "latest_news": list(self.latest_news()),
            "latest_announcements": list(self.latest_announcements()),
            "news_index_url": news_index.get_url(request) if news_index else "",
        }


class StandardPage(CacheablePageMixin, Page):
    """An information page (history, vision, authority, privacy policy…) built from blocks; may hold sub-pages."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500,
                             help_text=_("One or two sentences shown under the title and in search results."))
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def child_pages(self):
        return self.get_children().live().public().in_menu().specific(defer=True)


class NewsPageManager(PageManager):
    def listed_under(self, ancestor: Page):
        """Live, public news under `ancestor`, newest first, with the image joined in (for lists and feeds)."""
        return (
            self.get_queryset().live().public().descendant_of(ancestor).select_related("image")
            .defer_streamfields().order_by("-date", "-first_published_at", "-pk")
        )


class NewsIndexPage(CacheablePageMixin, RoutablePageMixin, Page):
    """The news section: lists its news items 12 per page, filterable by category, with RSS and Atom feeds."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]

    class Meta:
        verbose_name = _("news index page")

    def news(self, category: str | None = None):
        queryset = NewsPage.objects.listed_under(self)
        if category:
            queryset = queryset.filter(category=category)
        return queryset

    def paginate(self, request: HttpRequest, category: str | None) -> PaginatorPage:
        paginator = Paginator(self.news(category), NEWS_PER_PAGE)
        return paginator.get_page(request.GET.get("page"))

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        category = request.GET.get("category")
        if category not in NewsCategory.values:
            category = None
        context["category"] = category
        context["categories"] = NewsCategory.choices
        # Counted and fetched only when the template renders the list: a render whose list is a kept fragment
        # (keyed by the page number asked for) asks the database nothing.
        context["news_page"] = SimpleLazyObject(lambda: self.paginate(request, category))
        number = request.GET.get("page", "")
        context["page_number"] = number if number.isdigit() else ""
        return context

    @path("rss/", name="rss")
    def rss(self, request: HttpRequest) -> HttpResponse:
        from .feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom(self, request: HttpRequest) -> HttpResponse:
        from .feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


class NewsPage(CacheablePageMixin, Page):
    """One news item, announcement, procurement announcement or activity report."""

    date = models.DateField(_("date"), default=timezone.localdate,
                            help_text=_("The date of the news or of the announcement (shown in the Buddhist Era)."))
    category = models.CharField(_("category"), max_length=20, choices=NewsCategory.choices,
                                default=NewsCategory.NEWS)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("Shown in lists and on top; give the image a description (alt text)."),
    )
    summary = models.TextField(_("summary"), blank=True, max_length=400,
                               help_text=_("Shown in lists, feeds and search results."))
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    attachments = StreamField([("document", DocumentItemBlock())], verbose_name=_("attachments"), blank=True)

    objects = NewsPageManager()

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        FieldPanel("image"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("attachments"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("category"),
    ]
    # The headless API (/api/v2/news/, filter with ?category=procurement).
    api_fields = [APIField("date"), APIField("category"), APIField("summary"), APIField("body"),
                  APIField("image"), APIField("attachments")]

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news page")
        verbose_name_plural = _("news pages")

    @property
    def published_datetime(self) -> dt.datetime:
        """The moment feeds announce: the news date at the hour it was first published (or 08:30 Bangkok)."""
        if self.first_published_at and timezone.localdate(self.first_published_at) == self.date:
            return self.first_published_at
        return timezone.make_aware(dt.datetime.combine(self.date, dt.time(8, 30)))


class PersonnelMember(Orderable):
    """One person on the personnel page: an executive, a council member or a permanent officer."""

    page = ParentalKey("home.PersonnelPage", on_delete=models.CASCADE, related_name="members")
    group = models.CharField(_("group"), max_length=20, choices=PersonnelGroup.choices,
                             default=PersonnelGroup.STAFF)
    section = models.CharField(
        _("section"), max_length=200, blank=True,
        help_text=_("The division or council district the person belongs to, e.g. กองคลัง; used to group people."),
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("photo"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("group"), FieldPanel("section")]),
        FieldRowPanel([FieldPanel("name"), FieldPanel("position")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("photo"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return f"{self.name} ({self.position})"


class PersonnelPage(CacheablePageMixin, Page):
    """Executives, council and permanent staff with photo, position and phone, grouped by section (ITA o2)."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro"), InlinePanel("members", label=_("People"))]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.RelatedFields("members", [index.SearchField("name"), index.SearchField("position")]),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("personnel page")

    def grouped_members(self) -> list[tuple[str, list[tuple[str, list[PersonnelMember]]]]]:
        """[(group label, [(section, [people…])…])…] in group order, then in the editor's order within each group."""
        people = sorted(
            self.members.select_related("photo").all(),
            key=lambda m: (PERSONNEL_GROUP_ORDER.get(m.group, 99), m.sort_order or 0),
        )
        groups: OrderedDict[str, OrderedDict[str, list[PersonnelMember]]] = OrderedDict()
        for person in people:
            groups.setdefault(person.get_group_display(), OrderedDict()).setdefault(person.section, []).append(person)
        return [(label, list(sections.items())) for label, sections in groups.items()]


class ContactPage(CacheablePageMixin, Page):
    """How to reach the LGO: address, phone, e-mail and office hours from the Organization, plus a map link."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    map_url = models.URLField(_("map link"), blank=True,
                              help_text=_("A Google Maps or OpenStreetMap link to the office."))
    body = StreamField(BodyBlock(), verbose_name=_("more information"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("map_url"), FieldPanel("body")]

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")


item_code_validator = RegexValidator(r"^o\d{1,3}$", _("Use a lower-case o followed by the item number, e.g. o12."))


class TransparencyIndexPage(CacheablePageMixin, RoutablePageMixin, Page):
    """One year's open-information (OIT) disclosures for the Integrity and Transparency Assessment (ITA).

    It lists every item with its full public address; the CSV and text exports are what the LGO pastes into the
    ITA system.
    """

    year = models.PositiveSmallIntegerField(
        _("year (B.E.)"), default=current_be_year, validators=[MinValueValidator(2560), MaxValueValidator(2700)],
        help_text=_("The assessment year in the Buddhist Era, e.g. 2569."),
    )
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    assessment_deadline = models.DateField(
        _("assessment deadline"), null=True, blank=True,
        help_text=_("The last day to disclose the items, as the NACC's ITA schedule for this year announces it."),
    )

    content_panels = [*Page.content_panels, FieldPanel("year"), FieldPanel("assessment_deadline"),
                      FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.FilterField("year")]

    base_form_class = TransparencyIndexForm
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.TransparencyItemPage"]

    class Meta:
        verbose_name = _("transparency (ITA) index page")

    def items(self) -> list[TransparencyItemPage]:
        """Live items in item-code order (o1, o2, … o10, not o1, o10, o2)."""
        items = TransparencyItemPage.objects.child_of(self).live().public().defer_streamfields()
        return sorted(items, key=lambda item: item.code_number)

    def item_rows(self, request: HttpRequest) -> list[tuple[str, str, str]]:
        return [(item.code, item.title, item.get_full_url(request)) for item in self.items()]

    @path("export/csv/", name="export_csv")
    def export_csv(self, request: HttpRequest) -> HttpResponse:
        from .transparency import csv_response

        return csv_response(self, self.item_rows(request))

    @path("export/text/", name="export_txt")
    def export_txt(self, request: HttpRequest) -> HttpResponse:
        from .transparency import text_response

        return text_response(self.item_rows(request))

    @path("statistics/", name="statistics")
    def statistics(self, request: HttpRequest) -> HttpResponse:
        """Service statistics of the year's fiscal year, counted from the LGO's real cases (ITA o16)."""
        from django.shortcuts import render

        from .transparency import service_statistics

        response = render(request, "home/service_statistics.html", {
            "page": self, "self": self, "rows": service_statistics(self), "fiscal_year": self.year})
        mark_cacheable(request)
        return response


class TransparencyItemPage(CacheablePageMixin, Page):
    """One disclosure item (o1 structure, o2 executives, …): what the item asks for and the files that prove it."""

    code = models.CharField(
        _("item code"), max_length=5, validators=[item_code_validator],
        help_text=_("The code in the ITA assessment form, e.g. o1 for the organization structure."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    files = StreamField([("document", DocumentItemBlock()), ("link", LinkBlock())], verbose_name=_("evidence"),
                        blank=True, help_text=_("Files and links the assessors should open."))

    content_panels = [*Page.content_panels, FieldPanel("code"), FieldPanel("body"), FieldPanel("files")]

    search_fields = [*Page.search_fields, index.SearchField("code"), index.SearchField("body")]
    # The headless API (/api/v2/ita/): the item code, its text and its evidence files and links.
    api_fields = [APIField("code"), APIField("year"), APIField("body"), APIField("files")]

    base_form_class = TransparencyItemForm
    parent_page_types = ["home.TransparencyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("transparency (ITA) item page")

    def save(self, *args, **kwargs):
        self.code = (self.code or "").strip().lower()
        return super().save(*args, **kwargs)

    @property
    def code_number(self) -> int:
        digits = re.sub(r"\D", "", self.code or "")
        return int(digits) if digits else 0

    @cached_property
    def year(self) -> int | None:
        """Inherited from the yearly index the item sits under."""
        parent = self.get_parent()
        return parent.specific.year if parent is not None and hasattr(parent.specific, "year") else None


class SearchSynonym(OrganizationOwned):
    """Words citizens type for the same thing ("ไฟถนน" and "ไฟฟ้าส่องสว่าง"): when a search contains one of them,
    the site also looks for the others. Each LGO's editors add their own; the platform's common groups
    (home.citizen_services.DEFAULT_SYNONYMS) always apply."""

    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organization"),
                                     on_delete=models.CASCADE, related_name="search_synonyms")
    words = models.TextField(
        _("words that mean the same"),
        help_text=_("One word or phrase per line, for example: ไฟถนน, ไฟฟ้าส่องสว่าง, โคมไฟ (one per line)."),
    )

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")

    def __str__(self) -> str:
        return ", ".join(self.word_list())

    def word_list(self) -> tuple[str, ...]:
        """The group's words, one per line or separated by commas, blanks and repeats dropped."""
        seen: dict[str, None] = {}
        for line in self.words.replace(",", "\n").splitlines():
            if line.strip():
                seen.setdefault(line.strip(), None)
        return tuple(seen)
