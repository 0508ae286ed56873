from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"

    def ready(self):
        from alliance_hub.hooks import register_index_listener

        from .index import on_search_changed

        register_index_listener(on_search_changed)
