from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("w/<container:container>/jobs/", views.job_list, name="job_list"),
    path("w/<container:container>/jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("w/<container:container>/jobs/<int:pk>/retry/", views.job_retry, name="job_retry"),
    path(
        "w/<container:container>/jobs/<int:pk>/download/",
        views.job_download,
        name="job_download",
    ),
]
