from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"

    def ready(self):
        from alliance_hub.hooks import register_profile_section, register_search_source
        from alliance_hub.nav import register_container_link

        from . import hooks, signals  # noqa: F401
        from .search import DocumentSource

        register_container_link("Documents", "documents:folder_list", order=20)
        register_search_source(DocumentSource())
        register_profile_section(hooks.recent_documents_section)
        self._register_launch()
        self._register_jobs()
        self._register_notification_kinds()

    def _register_notification_kinds(self):
        from alliance_hub import hooks

        from . import reviews

        for name, label in reviews.NOTIFICATION_KINDS.items():
            hooks.register_notification_kind(name, label)
        hooks.register_admin_permissions("documents.view_review")

    def _register_jobs(self):
        from alliance_hub import hooks
        from workspaces.roles import Action

        from . import mail_import, tasks

        hooks.register_job_kind(
            "mail_import", "Import from e-mail", mail_import.import_run, Action.CONTRIBUTE
        )

        hooks.register_periodic(
            "documents.expired_locks", tasks.LOCKS_EVERY, tasks.release_expired_locks
        )
        hooks.register_periodic("documents.trash_purge", tasks.TRASH_EVERY, tasks.purge_old_trash)

    def _register_launch(self):
        from alliance_hub import hooks

        from . import launch

        hooks.register_kickoff_check(launch.first_documents_check)
        hooks.register_weekly_series("Uploads", launch.uploads_by_week)
        hooks.register_member_column("Uploads", launch.uploads_by_member)
        hooks.register_exporter(launch.export_documents)
        hooks.register_member_todo(launch.reviews_todo)
