from django.urls import path

from . import views

app_name = "profiles"

urlpatterns = [
    path("people/me/edit/", views.profile_edit_me, name="profile_edit_me"),
    path("people/<int:pk>/", views.profile_detail, name="profile_detail"),
    path("people/<int:pk>/edit/", views.profile_edit, name="profile_edit"),
    path("people/<int:pk>/photo/<str:size>/", views.photo, name="photo"),
    path("people/<int:pk>/avatar.svg", views.avatar, name="avatar"),
    path("w/<container:container>/people/", views.directory, name="directory"),
]
