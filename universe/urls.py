from django.urls import path

from universe import views

app_name = "universe"

urlpatterns = [
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("timeline/<slug:slug>/", views.EventDetailView.as_view(), name="event"),
    path("glossary/", views.GlossaryView.as_view(), name="glossary"),
    path("history/<slug:slug>/", views.FigureDetailView.as_view(), name="figure"),
]
