from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"

    def ready(self):
        from alliance_hub.hooks import register_profile_section, register_search
        from alliance_hub.nav import register_container_link

        from . import hooks, signals  # noqa: F401

        register_container_link("Documents", "documents:folder_list", order=20)
        register_search(hooks.search_documents)
        register_profile_section(hooks.recent_documents_section)
        self._register_launch()

    def _register_launch(self):
        from alliance_hub import hooks

        from . import launch

        hooks.register_kickoff_check(launch.first_documents_check)
        hooks.register_weekly_series("Uploads", launch.uploads_by_week)
        hooks.register_member_column("Uploads", launch.uploads_by_member)
        hooks.register_exporter(launch.export_documents)
        hooks.register_member_todo(launch.reviews_todo)
