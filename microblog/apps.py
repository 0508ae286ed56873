from django.apps import AppConfig


class MicroblogConfig(AppConfig):
    name = "microblog"
    verbose_name = "Microblog and blogs"

    def ready(self):
        from . import contributions  # noqa: F401
