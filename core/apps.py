from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Cross-cutting infrastructure every domain app shares: counters, audit log, Thai formats, PDFs, files."""

    name = "core"
    verbose_name = _("Core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import pagecache, siteroots, slugs, workflows
        from .dates import register_admin_date_fields

        pagecache.connect()
        register_admin_date_fields()
        slugs.install()
        siteroots.install()
        workflows.install()
