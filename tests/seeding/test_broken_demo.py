"""A broken demo module stops seed_demo loudly instead of leaving part of the story out."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from alliance_hub.hooks import DEMO_CHAPTERS, registered
from workspaces.models import Workspace


def test_an_app_whose_demo_module_fails_to_import_stops_the_start(settings):
    broken = override_settings(
        INSTALLED_APPS=[*settings.INSTALLED_APPS, "tests.seeding.broken_app"]
    )
    with pytest.raises(ModuleNotFoundError, match="a_module_that_does_not_exist"), broken:
        pass


def test_a_demo_chapter_that_fails_stops_seed_demo_and_leaves_nothing_behind(db):
    def broken(demo):
        raise ModuleNotFoundError("No module named 'reportlab'")

    with registered(DEMO_CHAPTERS, broken), pytest.raises(ModuleNotFoundError, match="reportlab"):
        call_command("seed_demo", stdout=io.StringIO(), stderr=io.StringIO())
    assert not Workspace.objects.exists()
