from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("people/", views.PersonListView.as_view(), name="index"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person"),
    path("characters/<slug:slug>/", views.CharacterDetailView.as_view(), name="character"),
    # A show's credits: people's page at the show's address (shows does not import people).
    path("shows/<slug:slug>/cast/", views.ShowCastView.as_view(), name="show_cast"),
]
