"""Public (language-prefixed) URLs of wastefees."""

urlpatterns: list = []
