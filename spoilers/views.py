"""The progress setting (``/progress/``) and the mixin public views use to mask spoilers."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView

from spoilers.masking import mask
from spoilers.progress import COOKIE_MAX_AGE, COOKIE_NAME, cookie_value, normalise
from spoilers.request import get_progress, wants_reveal


class SpoilerContextMixin:
    """Masks the context objects named in ``spoiler_context`` for the reader's progress.

    Masks just before rendering, so lists a subclass adds after ``super().get_context_data()``
    are covered too. Adds ``progress`` (spoilers.progress.Progress) and ``reveal`` to the
    context. Objects named
    in ``spoiler_reveal`` (the page's own article) are shown in full when the reader asked for
    it with ``?reveal=1``; everything else on the page (related boxes, lists) stays masked.
    """

    spoiler_context: tuple[str, ...] = (
        "object",
        "object_list",
        "page_obj",
        "article",
        "articles",
        "latest",
        "featured",
        "related",
        "previous_article",
        "next_article",
        "more_articles",
        "latest_news",
        "results",
        "characters",
        "episodes",
    )
    spoiler_reveal: tuple[str, ...] = ("object", "article")

    def get_context_data(self, **kwargs):
        if getattr(self, "object", None) is not None:
            # Before the rest of the context (page meta, breadcrumbs) is built from it.
            mask(self.object, get_progress(self.request), reveal="object" in self.spoiler_reveal and self._reveal())
        context = super().get_context_data(**kwargs)
        context["progress"] = get_progress(self.request)
        context["reveal"] = self._reveal()
        return context

    def render_to_response(self, context, **response_kwargs):
        # Here rather than in get_context_data: subclasses add their lists after super() returns.
        progress, reveal = get_progress(self.request), self._reveal()
        for name in self.spoiler_context:
            if name in context:
                mask(context[name], progress, reveal=reveal and name in self.spoiler_reveal)
        return super().render_to_response(context, **response_kwargs)

    def _reveal(self) -> bool:
        return wants_reveal(self.request)


def _same_site(request: HttpRequest) -> bool:
    """Refuse a change made from another site: a forged form could otherwise spoil a fan.

    Browsers send ``Sec-Fetch-Site`` and ``Origin`` with every form POST; a client sending
    neither (curl, tests) is not a browser another site could drive.
    """
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "same-site", "none"):
        return False
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        return urlsplit(origin).netloc == request.get_host()
    return origin != "null"


@method_decorator(csrf_exempt, name="dispatch")
class ProgressView(TemplateView):
    """GET: the setting on a page of its own. POST: set or clear the cookie, then go back.

    No CSRF token: public pages carry none so they can be cached; the origin check stands in.
    """

    template_name = "spoilers/progress.html"
    http_method_names = ["get", "post", "head"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["progress"] = get_progress(self.request)
        context["progress_page"] = True
        context["next"] = self._next() if "next" in self.request.GET else ""
        # Feed readers send no cookie: the reader's own feed names the progress in its URL.
        value = cookie_value(context["progress"].token)
        context["feed_query"] = f"?{urlencode({'progress': value})}" if value else ""
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _same_site(request):
            return self.render_to_response(self.get_context_data(refused=True), status=403)
        token = "d" if request.POST.get("clear") else normalise(request.POST.get("progress"))
        response = HttpResponseRedirect(self._next(request.POST.get("next")), status=303)
        value = cookie_value(token)
        if value is None:
            response.delete_cookie(COOKIE_NAME, samesite="Lax")
        else:
            response.set_cookie(
                COOKIE_NAME, value, max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=True, secure=request.is_secure()
            )
        return response

    def _next(self, candidate: str | None = None) -> str:
        candidate = candidate if candidate is not None else self.request.GET.get("next", "")
        allowed = url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
        # Only a path on this site: never an absolute URL, even to ourselves.
        if allowed and candidate.startswith("/") and not candidate.startswith("//"):
            return candidate
        return reverse("spoilers:progress")
