from django.apps import AppConfig


class WorkspacesConfig(AppConfig):
    name = "workspaces"

    def ready(self):
        from alliance_hub import hooks

        from . import activity, export, services, signals, tasks  # noqa: F401
        from .roles import Action

        hooks.register_job_kind("notifications", "Notifications", activity.notifications_run)
        hooks.register_periodic("workspaces.digests", tasks.DIGESTS_EVERY, tasks.send_digests)
        hooks.register_periodic(
            "workspaces.expired_invitations",
            tasks.EXPIRED_INVITATIONS_EVERY,
            tasks.tell_inviters_of_expired_invitations,
        )

        hooks.register_job_kind("export", "Export", export.export_run, Action.MANAGE)
        hooks.register_job_kind(
            "invitation_mails", "Invitation e-mails", services.invitation_mails_run, Action.MANAGE
        )
