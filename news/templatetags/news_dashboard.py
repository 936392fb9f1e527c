"""``{% news_dashboard as sections %}``: the admin front page's lists (news.dashboard) for the
person logged in. A tag, so the admin site itself stays Django's own."""

from __future__ import annotations

from django import template

from news.dashboard import dashboard

register = template.Library()


@register.simple_tag(takes_context=True)
def news_dashboard(context):
    request = context.get("request")
    return dashboard(request.user) if request is not None else []
