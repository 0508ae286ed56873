"""The seeding app's own part of the demo story (the launch features), registered
last so that it comes after every content app's chapters of the same time."""

from alliance_hub.hooks import DEMO_CHAPTERS, register

from . import launch_story

register(DEMO_CHAPTERS, launch_story.chapters)
