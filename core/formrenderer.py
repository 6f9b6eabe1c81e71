"""Django's form renderer, with the plain `<input>` written in Python instead of through three templates.

Every text, e-mail, number, date, checkbox or file input Django renders goes through `input.html`, which includes
`attrs.html` and loops over the attributes in the template language: about a millisecond per field, most of a short
form page's render (/track/, a wizard step). The markup here is the same string those templates produce (a test
compares them), and it is used only while the templates are Django's own: a project or app that overrides any of
them gets its template rendered as before.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

INPUT_TEMPLATE = "django/forms/widgets/input.html"
ATTRS_TEMPLATE = "django/forms/widgets/attrs.html"
INPUT_ALIASES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("checkbox", "color", "date", "datetime", "email", "file", "hidden", "number", "password", "search",
                 "tel", "text", "time", "url")
)
_STOCK_SOURCES = {
    INPUT_TEMPLATE: '<input type="{{ widget.type }}" name="{{ widget.name }}"{% if widget.value != None %} '
                    'value="{{ widget.value|stringformat:\'s\' }}"{% endif %}'
                    '{% include "django/forms/widgets/attrs.html" %}>',
    ATTRS_TEMPLATE: "{% for name, value in widget.attrs.items %}{% if value is not False %} {{ name }}"
                    "{% if value is not True %}=\"{{ value|stringformat:'s' }}\"{% endif %}{% endif %}{% endfor %}",
}
_ALIAS_SOURCE = '{% include "django/forms/widgets/input.html" %}'


class FormRenderer(DjangoTemplates):
    """FORM_RENDERER: Django's default renderer, with `<input>` widgets rendered without the template engine."""

    def __init__(self) -> None:
        super().__init__()
        self._stock: dict[str, bool] = {}

    def render(self, template_name: str, context: dict[str, Any], request=None) -> str:
        if (template_name == INPUT_TEMPLATE or template_name in INPUT_ALIASES) and self._is_stock(template_name):
            return render_input(context["widget"])
        return super().render(template_name, context, request=request)

    def _is_stock(self, template_name: str) -> bool:
        """Whether this template (and input.html and attrs.html under it) are Django's own, unchanged."""
        if template_name not in self._stock:
            names = {template_name, INPUT_TEMPLATE, ATTRS_TEMPLATE}
            self._stock[template_name] = all(
                self._source(name).strip() == _STOCK_SOURCES.get(name, _ALIAS_SOURCE) for name in names)
        return self._stock[template_name]

    def _source(self, template_name: str) -> str:
        return self.get_template(template_name).template.source


def render_input(widget: dict[str, Any]) -> SafeString:
    """What input.html and attrs.html render for this widget context."""
    parts = [f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"']
    if widget["value"] is not None:
        parts.append(f' value="{conditional_escape(str(widget["value"]))}"')
    for name, value in widget["attrs"].items():
        if value is False:
            continue
        parts.append(f" {conditional_escape(name)}")
        if value is not True:
            parts.append(f'="{conditional_escape(str(value))}"')
    parts.append(">")
    return mark_safe("".join(parts))  # noqa: S308 -- every part above is escaped
