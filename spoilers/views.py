"""The progress setting (``/progress/``)."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView

from spoilers.progress import COOKIE_MAX_AGE, COOKIE_NAME, cookie_value, normalise
from starcity_site.reading import ReaderProgressMixin


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
class ProgressView(ReaderProgressMixin, TemplateView):
    """GET: the setting on a page of its own. POST: set or clear the cookie, then go back.

    No CSRF token: public pages carry none so they can be cached; the origin check stands in.
    """

    template_name = "spoilers/progress.html"
    http_method_names = ["get", "post", "head"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
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
