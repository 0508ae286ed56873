from django.apps import AppConfig


class BrokenAppConfig(AppConfig):
    """An app whose demo module imports something missing (as a typo would)."""

    name = "tests.seeding.broken_app"
    label = "broken_app"

    def ready(self):
        from . import contributions  # noqa: F401
