"""Admin assets every screen needs: the Thai-aware slug field (core.slugs)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def thai_slug_script() -> str:
    return format_html('<script src="{}"></script>', static("core/js/thai-slug.js"))
