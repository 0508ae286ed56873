from django.apps import AppConfig


class SeedingConfig(AppConfig):
    """The seeding commands (seed_demo, seed_big): they compose the apps' demo data,
    which each app contributes through the demo_chapters hook."""

    name = "seeding"

    def ready(self):
        from . import contributions  # noqa: F401
