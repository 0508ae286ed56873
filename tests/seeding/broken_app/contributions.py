from alliance_hub.hooks import DEMO_CHAPTERS, register

from . import demo

register(DEMO_CHAPTERS, demo.chapters)
