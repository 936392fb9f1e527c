"""Public show, season and episode pages."""

from django.views.generic import DetailView

from shows.models import Show


class ShowDetailView(DetailView):
    template_name = "shows/show_detail.html"
    context_object_name = "show"

    def get_queryset(self):
        return Show.objects.with_related()
