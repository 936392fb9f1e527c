"""{% load seo %}: JSON-LD, breadcrumb data and pagination links for the public templates."""

from __future__ import annotations

from django import template

from starcity_site import seo

register = template.Library()


@register.simple_tag(name="json_ld")
@register.filter(name="json_ld")
def json_ld(data):
    """``{% json_ld data %}`` or ``{{ data|json_ld }}`` → a ``</script>``-safe ld+json script."""
    if not data:
        return ""
    return seo.json_ld_script(data)


@register.simple_tag(takes_context=True)
def breadcrumb_json_ld(context, crumbs):
    """BreadcrumbList JSON-LD for a trail of ``seo.Crumb`` (used by includes/breadcrumbs.html)."""
    if not crumbs:
        return ""
    request = context.get("request")
    return seo.json_ld_script(seo.breadcrumb_list(crumbs, request.path if request else ""))


@register.simple_tag(takes_context=True)
def page_href(context, number):
    """Link to page ``number`` of the current list, keeping other query parameters (e.g. ``q``).

    Page 1 is the bare URL, so it has one address (the canonical one) rather than two.
    """
    request = context["request"]
    query = request.GET.copy()
    query.pop("page", None)
    if int(number) > 1:
        query["page"] = number
    encoded = query.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path
