from django.urls import path  # noqa: F401  (patterns land with the views)

app_name = "universe"

urlpatterns: list = []
