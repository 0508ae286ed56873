from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = "People"

    def ready(self):
        from . import contributions, signals  # noqa: F401
