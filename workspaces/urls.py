from django.urls import path

from . import (
    adoption_views,
    export_views,
    first_run_views,
    notification_views,
    onboarding_views,
    views,
)

app_name = "workspaces"

urlpatterns = [
    path("", views.home, name="home"),
    path("w/new/", first_run_views.workspace_create, name="workspace_create"),
    path("invite/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("w/<container:container>/", views.dashboard, name="dashboard"),
    path("w/<container:container>/members/", views.member_list, name="member_list"),
    path("w/<container:container>/members/invite/", views.member_invite, name="member_invite"),
    path(
        "w/<container:container>/members/two-factor/",
        views.two_factor_policy,
        name="two_factor_policy",
    ),
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
    path(
        "w/<container:container>/members/invite/bulk/",
        first_run_views.invitation_bulk,
        name="invitation_bulk",
    ),
    path("w/<container:container>/invitations/", views.invitation_list, name="invitation_list"),
    path(
        "w/<container:container>/invitations/<int:pk>/link/",
        first_run_views.invitation_link,
        name="invitation_link",
    ),
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
    path("w/<container:container>/kickoff/", onboarding_views.kickoff, name="kickoff"),
    path(
        "w/<container:container>/kickoff/done/",
        first_run_views.kickoff_done,
        name="kickoff_done",
    ),
    path("w/<container:container>/start/", onboarding_views.start_here, name="start_here"),
    path("w/<container:container>/pins/", onboarding_views.pin_add, name="pin_add"),
    path(
        "w/<container:container>/pins/<int:pk>/remove/",
        onboarding_views.pin_remove,
        name="pin_remove",
    ),
    path("w/<container:container>/adoption/", adoption_views.adoption, name="adoption"),
    path("w/<container:container>/adoption.csv", adoption_views.adoption_csv, name="adoption_csv"),
    path("w/<container:container>/export/", export_views.export, name="export"),
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
