from django.urls import path

from . import views

app_name = "documents"

DOCS = "w/<container:container>/docs/"
DOC = DOCS + "<int:pk>/"

urlpatterns = [
    path(DOCS, views.folder_list, name="folder_list"),
    path(DOCS + "f/<int:pk>/", views.folder_detail, name="folder_detail"),
    path(DOCS + "folders/new/", views.folder_create, name="folder_create"),
    path(DOCS + "f/<int:pk>/rename/", views.folder_rename, name="folder_rename"),
    path(DOCS + "f/<int:pk>/delete/", views.folder_delete, name="folder_delete"),
    path(DOCS + "upload/", views.document_upload, name="document_upload"),
    path(DOCS + "import/", views.mail_import, name="mail_import"),
    path(DOCS + "trash/", views.trash_list, name="trash_list"),
    path(DOCS + "trash/<int:pk>/restore/", views.trash_restore, name="trash_restore"),
    path(DOCS + "trash/<int:pk>/purge/", views.trash_purge, name="trash_purge"),
    path(DOC, views.document_detail, name="document_detail"),
    path(DOC + "edit/", views.document_edit, name="document_edit"),
    path(DOC + "move/", views.document_move, name="document_move"),
    path(DOC + "lock/", views.document_lock, name="document_lock"),
    path(DOC + "unlock/", views.document_unlock, name="document_unlock"),
    path(DOC + "delete/", views.document_delete, name="document_delete"),
    path(DOC + "watch/", views.document_watch, name="document_watch"),
    path(DOC + "unwatch/", views.document_unwatch, name="document_unwatch"),
    path(DOC + "downloads/", views.document_downloads, name="document_downloads"),
    path(DOC + "versions/", views.version_list, name="version_list"),
    path(DOC + "versions/new/", views.version_upload, name="version_upload"),
    path(DOC + "versions/diff/", views.version_diff, name="version_diff"),
    path(DOC + "versions/<int:number>/restore/", views.version_restore, name="version_restore"),
    path(DOC + "versions/<int:number>/preview/", views.version_preview, name="version_preview"),
    path(DOC + "review/", views.review_send, name="review_send"),
    path(DOC + "review/<int:review_id>/decide/", views.review_decide, name="review_decide"),
    path(DOC + "review/<int:review_id>/withdraw/", views.review_withdraw, name="review_withdraw"),
    # Container-free links that stay valid wherever the document is filed.
    path("d/<int:pk>/", views.document_permalink, name="document_permalink"),
    path(
        "d/<int:pk>/approved/",
        views.document_approved_permalink,
        name="document_approved_permalink",
    ),
    path("d/<int:pk>/v/<int:number>/", views.version_download, name="version_download"),
]
