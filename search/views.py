"""The search page: one GET form, results grouped by type (see ``search.engine``)."""

from __future__ import annotations

from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from django.views.generic import TemplateView

from search import engine
from search.query import MAX_LENGTH, parse
from starcity_site.reading import ReaderProgressMixin


# Results go into the page cache like any page (an edit still shows at once), but only for two
# minutes: when an episode airs, fans search the same few names, while every distinct ?q= is a
# new entry, so the short life bounds what a flood of made-up queries can store.
@method_decorator(cache_control(s_maxage=120), name="dispatch")
class SearchView(ReaderProgressMixin, TemplateView):
    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = parse(self.request.GET.get("q"))
        groups = engine.search(query, self.progress, self.request.GET.get("page")) if query else []
        context.update(
            query=query,
            max_length=MAX_LENGTH,
            groups=[group for group in groups if group.hits],
            total=sum(len(group.hits) for group in groups if group.kind.key != "articles")
            + sum(group.page.paginator.count for group in groups if group.page),
            articles_page=next((group.page for group in groups if group.page), None),
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # Result pages are thin, endless and duplicate the real pages: keep them out of indexes.
        response["X-Robots-Tag"] = "noindex"
        return response
