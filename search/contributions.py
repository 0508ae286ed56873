"""Everything the search app contributes to other apps (alliance_hub/hooks.py)."""

from alliance_hub.hooks import DEMO_CHAPTERS, SEARCH_CHANGED, URLCONF, register

from . import demo
from .index import on_search_changed

register(URLCONF, "search.urls")
register(SEARCH_CHANGED, on_search_changed)
register(DEMO_CHAPTERS, demo.chapters)
