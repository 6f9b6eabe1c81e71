"""Public (language-prefixed) URLs of eservices."""

urlpatterns: list = []
