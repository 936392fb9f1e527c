"""The admin's form media with the request's CSP nonce, for the editor's inline import map."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def media_with_csp_nonce(context, media):
    """``media`` as it renders, carrying ``request.csp_nonce`` when it has an import map.

    Only django-js-asset's media (the rich-text editor's) has ``with_nonce``; other change forms
    render as before and never ask for a nonce, so their CSP header stays nonce-free.
    """
    request = context.get("request")
    if request is not None and hasattr(media, "with_nonce") and hasattr(request, "csp_nonce"):
        return media.with_nonce(str(request.csp_nonce))
    return media
