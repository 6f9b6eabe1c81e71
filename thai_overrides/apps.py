from django.apps import AppConfig


class ThaiOverridesConfig(AppConfig):
    name = "thai_overrides"
    verbose_name = "Thai catalogue for Wagtail and Django"
