from django.apps import AppConfig


class MicroblogConfig(AppConfig):
    name = "microblog"
    verbose_name = "Microblog and blogs"

    def ready(self):
        from alliance_hub.hooks import register_profile_section, register_search_source
        from alliance_hub.nav import register_container_link

        from . import hooks
        from .search import BlogSource, PostSource

        register_container_link("Stream", "microblog:post_list", order=50)
        register_container_link("Blog", "microblog:blogpost_list", order=55)
        register_profile_section(hooks.blog_posts_section)
        register_profile_section(hooks.status_posts_section)
        register_search_source(PostSource())
        register_search_source(BlogSource())
        self._register_launch()

    def _register_launch(self):
        from alliance_hub import hooks

        from . import launch

        hooks.register_weekly_series("Posts", launch.posts_by_week)
        hooks.register_member_column("Posts", launch.posts_by_member)
        hooks.register_member_todo(launch.first_hello_todo)
        hooks.register_exporter(launch.export_posts)
