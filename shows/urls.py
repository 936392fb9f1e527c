from django.urls import path

from shows import views

app_name = "shows"

urlpatterns = [
    path("<slug:slug>/", views.ShowDetailView.as_view(), name="detail"),
]
