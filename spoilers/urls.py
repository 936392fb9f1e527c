from django.urls import path

from spoilers import views

app_name = "spoilers"

urlpatterns = [
    path("", views.ProgressView.as_view(), name="progress"),
]
