from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("search/", views.search, name="search"),
    # The old per-container search URL: the site search, narrowed to the container.
    path("w/<container:container>/search/", views.container_search, name="container_search"),
]
