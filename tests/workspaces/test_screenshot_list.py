"""The README's screenshot list (docs/screenshots.py) names pages the site has and
people the demo has, so a renamed address fails here, not only in `make screenshots`."""

import importlib.util
from pathlib import Path
from urllib.parse import urlsplit

from django.urls import resolve

from seeding import alliances as demo

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "screenshots.py"


def _screenshots():
    spec = importlib.util.spec_from_file_location("screenshots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_screenshot_is_of_a_page_of_the_site_as_a_demo_persona():
    screenshots = _screenshots()
    personas = {email for email, _workspace, _text in demo.PERSONAS}
    assert set(screenshots.PERSONAS.values()) <= personas
    for shot in screenshots.SHOTS:
        assert shot.persona in screenshots.PERSONAS, shot.name
        if shot.status != 404:
            resolve(urlsplit(shot.url).path)  # raises Resolver404 for an unknown address
    names = [shot.name for shot in screenshots.SHOTS]
    assert len(names) == len(set(names))
    assert {"editor-preview", "office-preview"} <= set(names)
