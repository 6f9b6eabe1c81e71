"""Public (language-prefixed) URLs of saraban."""

urlpatterns: list = []
