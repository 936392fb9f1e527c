from django.urls import path

from shows import views

app_name = "shows"

urlpatterns = [
    path("", views.ShowListView.as_view(), name="index"),
    path("<slug:slug>/", views.ShowDetailView.as_view(), name="detail"),
    path("<slug:slug>/seasons/<int:number>/", views.SeasonDetailView.as_view(), name="season"),
    path(
        "<slug:slug>/seasons/<int:number>/episodes/<int:episode>/",
        views.EpisodeDetailView.as_view(),
        name="episode",
    ),
]
