from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = "People"

    def ready(self):
        from alliance_hub.hooks import register_search
        from alliance_hub.nav import register_container_link

        from . import signals  # noqa: F401
        from .search import people_search

        register_container_link("People", "profiles:directory", order=40)
        register_search(people_search)
