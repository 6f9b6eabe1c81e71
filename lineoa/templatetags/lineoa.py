from django import template

from ..links import follow_url

register = template.Library()


@register.simple_tag
def line_follow_url(submission) -> str:
    """The "receive updates on LINE" link of a case, or "" when the LGO has no LINE Official Account set up."""
    return follow_url(submission)
