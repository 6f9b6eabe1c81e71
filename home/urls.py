"""Public (language-prefixed) URLs of the website beyond the page tree."""

urlpatterns: list = []
