"""Public (language-prefixed) URLs of payments."""

urlpatterns: list = []
