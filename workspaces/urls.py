from django.urls import path

from . import notification_views, views

app_name = "workspaces"

urlpatterns = [
    path("", views.home, name="home"),
    path("w/new/", views.workspace_create, name="workspace_create"),
    path("invite/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("w/<container:container>/", views.dashboard, name="dashboard"),
    path("w/<container:container>/members/", views.member_list, name="member_list"),
    path("w/<container:container>/members/invite/", views.member_invite, name="member_invite"),
    path("w/<container:container>/members/audit/", views.membership_audit, name="membership_audit"),
    path(
        "w/<container:container>/members/<int:pk>/role/",
        views.member_change_role,
        name="member_change_role",
    ),
    path(
        "w/<container:container>/members/<int:pk>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "w/<container:container>/members/add-to-group/",
        views.group_member_add,
        name="group_member_add",
    ),
    path(
        "w/<container:container>/members/<int:pk>/remove-from-group/",
        views.group_member_remove,
        name="group_member_remove",
    ),
    path(
        "w/<container:container>/organisations/<int:organisation_id>/remove/",
        views.organisation_remove,
        name="organisation_remove",
    ),
    path("w/<container:container>/invitations/", views.invitation_list, name="invitation_list"),
    path(
        "w/<container:container>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "w/<container:container>/invitations/<int:pk>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path("w/<container:container>/groups/new/", views.group_create, name="group_create"),
]

# A person's own notifications (no container in the URL; see notification_views.py).
urlpatterns += [
    path("notifications/", notification_views.notification_list, name="notification_list"),
    path(
        "notifications/<int:pk>/read/",
        notification_views.notification_read,
        name="notification_read",
    ),
    path(
        "notifications/read-all/",
        notification_views.notification_read_all,
        name="notification_read_all",
    ),
]
