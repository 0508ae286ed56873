from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = "People"

    def ready(self):
        from alliance_hub.hooks import register_search_source
        from alliance_hub.nav import register_container_link

        from . import signals  # noqa: F401
        from .search import PersonSource

        register_container_link("People", "profiles:directory", order=40)
        register_search_source(PersonSource())
        self._register_launch()

    def _register_launch(self):
        from alliance_hub import hooks

        from . import launch

        hooks.register_kickoff_check(launch.profiles_check)
        hooks.register_member_column("Profile complete %", launch.completeness_column)
        hooks.register_member_todo(launch.complete_profile_todo)
