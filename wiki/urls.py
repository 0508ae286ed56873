"""Wiki URLs. Pages live at ``wiki/<path>/``; every action lives under ``wiki/-/``.
A page path segment must start with a letter or digit (see paths.PagePathConverter),
so no page can ever be mistaken for an action, whatever it is called."""

from django.urls import path, register_converter

from . import signoff_views, views
from .paths import PagePathConverter

register_converter(PagePathConverter, "pagepath")

app_name = "wiki"

W = "w/<container:container>/wiki/"

urlpatterns = [
    path(W, views.page_list, name="page_list"),
    path(f"{W}-/new/", views.page_create, name="page_create"),
    path(f"{W}-/preview/", views.page_preview, name="page_preview"),
    path(f"{W}-/changes/", views.page_recent_changes, name="page_recent_changes"),
    path(f"{W}-/trash/", views.page_trash, name="page_trash"),
    path(f"{W}-/trash/<int:page_id>/restore/", views.page_restore, name="page_restore"),
    path(f"{W}-/edit/<pagepath:page_path>/", views.page_edit, name="page_edit"),
    path(f"{W}-/history/<pagepath:page_path>/", views.page_history, name="page_history"),
    path(
        f"{W}-/revision/<int:revision>/<pagepath:page_path>/",
        views.page_revision,
        name="page_revision",
    ),
    path(f"{W}-/diff/<pagepath:page_path>/", views.page_diff, name="page_diff"),
    path(
        f"{W}-/revert/<int:revision>/<pagepath:page_path>/",
        views.page_revert,
        name="page_revert",
    ),
    path(f"{W}-/move/<pagepath:page_path>/", views.page_move, name="page_move"),
    path(f"{W}-/delete/<pagepath:page_path>/", views.page_delete, name="page_delete"),
    path(f"{W}-/protect/<pagepath:page_path>/", views.page_protect, name="page_protect"),
    path(f"{W}-/watch/<pagepath:page_path>/", views.page_watch, name="page_watch"),
    path(f"{W}-/unwatch/<pagepath:page_path>/", views.page_unwatch, name="page_unwatch"),
    path(
        f"{W}-/links-here/<pagepath:page_path>/",
        views.page_links_here,
        name="page_links_here",
    ),
    path(f"{W}-/signatories/", signoff_views.signatory_roles, name="signatory_roles"),
    path(f"{W}-/signoff/<pagepath:page_path>/", signoff_views.page_signoff, name="page_signoff"),
    path(
        f"{W}-/signoff-request/<pagepath:page_path>/",
        signoff_views.signoff_request,
        name="signoff_request",
    ),
    path(f"{W}-/sign/<pagepath:page_path>/", signoff_views.page_sign, name="page_sign"),
    path(f"{W}-/signoff-csv/<pagepath:page_path>/", signoff_views.signoff_csv, name="signoff_csv"),
    path(f"{W}<pagepath:page_path>/", views.page_detail, name="page_detail"),
]
