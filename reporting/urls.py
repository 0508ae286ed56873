from django.urls import path

from . import views

app_name = "reporting"

R = "w/<container:container>/reports/"

urlpatterns = [
    path(R, views.series_list, name="series_list"),
    path(R + "<int:pk>/", views.series_board, name="series_board"),
    path(R + "<int:pk>/edit/", views.series_edit, name="series_edit"),
    path(R + "<int:pk>/csv/", views.series_csv, name="series_csv"),
    path(R + "item/<int:pk>/write/", views.report_write, name="report_write"),
    path(R + "item/<int:pk>/upload/", views.report_upload, name="report_upload"),
    path(R + "item/<int:pk>/submit/", views.report_submit, name="report_submit"),
]
