from django.apps import AppConfig


class WikiConfig(AppConfig):
    name = "wiki"

    def ready(self):
        from alliance_hub.hooks import register_search
        from alliance_hub.nav import register_container_link
        from workspaces.services import workspace_created

        from .search import search_wiki
        from .signals import add_starter_pages

        register_container_link("Wiki", "wiki:page_list", order=30)
        register_search(search_wiki)
        workspace_created.connect(add_starter_pages, dispatch_uid="wiki_starter_pages")
