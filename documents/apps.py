from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"

    def ready(self):
        from alliance_hub.hooks import register_profile_section, register_search
        from alliance_hub.nav import register_container_link

        from . import hooks

        register_container_link("Documents", "documents:folder_list", order=20)
        register_search(hooks.search_documents)
        register_profile_section(hooks.recent_documents_section)
