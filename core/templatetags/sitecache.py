"""`{% sitefragment "name" vary… %}…{% endsitefragment %}`: a rendered part of a page kept until its site's next
publish (the page cache's `remember`: the key carries the site's cache version and the language).

For what every render of a site repeats and no visitor changes: the footer, the header's logo, a news list page.
Never wrap anything personal or per request (a CSRF token, a form's values, the signed-in user, `aria-current` of
the page being shown unless that page is one of the `vary` values). Outside a site (no request, unknown host) the
content is simply rendered.
"""

from __future__ import annotations

import hashlib

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.pagecache import remember, site_id_for

register = template.Library()


class SiteFragmentNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: template.base.FilterExpression,
                 vary: list[template.base.FilterExpression]) -> None:
        self.nodelist = nodelist
        self.name = name
        self.vary = vary

    def render(self, context: template.Context) -> str:
        request = context.get("request")
        site_id = site_id_for(request) if request is not None else None
        if site_id is None:
            return self.nodelist.render(context)
        parts = "\x1f".join(str(value.resolve(context)) for value in self.vary)
        digest = hashlib.blake2b(parts.encode(), digest_size=12).hexdigest()
        name = f"fragment:{self.name.resolve(context)}:{get_language()}:{digest}"
        return mark_safe(remember(site_id, name, lambda: str(self.nodelist.render(context))))  # noqa: S308


@register.tag
def sitefragment(parser: template.base.Parser, token: template.base.Token) -> SiteFragmentNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("sitefragment needs a name: {% sitefragment \"footer\" %}")
    nodelist = parser.parse(("endsitefragment",))
    parser.delete_first_token()
    return SiteFragmentNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]])
