from django.urls import path

from . import views

app_name = "microblog"

urlpatterns = [
    path("w/<container:container>/stream/", views.post_list, name="post_list"),
    path("w/<container:container>/stream/post/", views.post_create, name="post_create"),
    path("w/<container:container>/stream/mentions/", views.post_mentions, name="post_mentions"),
    path("w/<container:container>/stream/tags/<str:tag>/", views.post_tag, name="post_tag"),
    path("w/<container:container>/stream/<int:pk>/", views.post_detail, name="post_detail"),
    path("w/<container:container>/stream/<int:pk>/reply/", views.post_reply, name="post_reply"),
    path("w/<container:container>/stream/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("w/<container:container>/stream/<int:pk>/delete/", views.post_delete, name="post_delete"),
    path("w/<container:container>/stream/<int:pk>/like/", views.post_like, name="post_like"),
    path("w/<container:container>/stream/<int:pk>/hide/", views.post_hide, name="post_hide"),
    path("w/<container:container>/stream/<int:pk>/unhide/", views.post_unhide, name="post_unhide"),
    path("w/<container:container>/blog/", views.blogpost_list, name="blogpost_list"),
    path("w/<container:container>/blog/new/", views.blogpost_create, name="blogpost_create"),
    path("w/<container:container>/blog/<int:pk>/", views.blogpost_detail, name="blogpost_detail"),
    path("w/<container:container>/blog/<int:pk>/edit/", views.blogpost_edit, name="blogpost_edit"),
    path(
        "w/<container:container>/blog/<int:pk>/delete/",
        views.blogpost_delete,
        name="blogpost_delete",
    ),
    path(
        "w/<container:container>/blog/<int:pk>/comments/",
        views.comment_create,
        name="blogcomment_create",
    ),
    path(
        "w/<container:container>/blog/<int:pk>/comments/<int:comment_pk>/delete/",
        views.comment_delete,
        name="blogcomment_delete",
    ),
]
