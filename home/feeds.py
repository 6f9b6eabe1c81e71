"""RSS 2.0 and Atom feeds of a news section, served at `<news index URL>rss/` and `<news index URL>atom/`."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_ITEMS = 30


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index) -> None:
        super().__init__()
        self.index = index
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return self.index

    def title(self, obj) -> str:
        site_name = obj.get_site().site_name if obj.get_site() else ""
        return f"{obj.title} – {site_name}" if site_name else obj.title

    def link(self, obj) -> str:
        return obj.get_full_url(self.request)

    def description(self, obj) -> str:
        return obj.intro or obj.title

    def feed_url(self, obj) -> str:
        return self.request.build_absolute_uri()

    def items(self, obj):
        return obj.news()[:FEED_ITEMS]

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.summary or item.search_description or item.title

    def item_link(self, item) -> str:
        return item.get_full_url(self.request)

    def item_guid(self, item) -> str:
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.published_datetime

    def item_updateddate(self, item):
        return item.last_published_at or item.published_datetime

    def item_categories(self, item) -> list[str]:
        return [str(item.get_category_display())]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj) -> str:
        return self.description(obj)
