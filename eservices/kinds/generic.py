"""The generic kind: the editor builds the form on the service page."""

from django.utils.translation import gettext_lazy as _

from .base import ServiceKind
from .registry import GENERIC, register


class GenericKind(ServiceKind):
    key = GENERIC
    label = _("Form built by the editor")


register(GenericKind())
