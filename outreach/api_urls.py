"""Unprefixed public URLs of outreach: short links (printed on posters, so never language-prefixed) and share cards."""

from django.urls import path

from . import views

app_name = "outreach"

urlpatterns = [
    path("s/<str:code>/", views.short_link, name="short_link"),
    path("share-card/<int:page_id>.png", views.share_card, name="share_card"),
]
