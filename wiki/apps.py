from django.apps import AppConfig


class WikiConfig(AppConfig):
    name = "wiki"

    def ready(self):
        from alliance_hub.hooks import register_search_source
        from alliance_hub.nav import register_container_link
        from workspaces.services import workspace_created

        from .search import PageSource
        from .signals import add_starter_pages

        register_container_link("Wiki", "wiki:page_list", order=30)
        register_search_source(PageSource())
        workspace_created.connect(add_starter_pages, dispatch_uid="wiki_starter_pages")
        self._register_launch()
        self._register_notification_kinds()

    def _register_notification_kinds(self):
        from alliance_hub import hooks

        from . import signoff

        for name, label in signoff.NOTIFICATION_KINDS.items():
            hooks.register_notification_kind(name, label)
        hooks.register_admin_permissions("wiki.view_signoffrequest", "wiki.view_signoff")

    def _register_launch(self):
        from alliance_hub import hooks

        from . import launch

        hooks.register_kickoff_check(launch.kickoff_checks)
        hooks.register_weekly_series("Wiki edits", launch.edits_by_week)
        hooks.register_member_column("Wiki edits", launch.edits_by_member)
        hooks.register_exporter(launch.export_pages)
        hooks.register_exporter(launch.export_signoffs)
        hooks.register_member_todo(launch.signoffs_todo)
