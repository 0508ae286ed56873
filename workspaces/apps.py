from django.apps import AppConfig


class WorkspacesConfig(AppConfig):
    name = "workspaces"

    def ready(self):
        from alliance_hub import hooks

        from . import launch, signals  # noqa: F401
        from .roles import Action

        hooks.register_job_kind("export", "Export", launch.export_run, Action.MANAGE)
