"""Everything the jobs app contributes to other apps (alliance_hub/hooks.py)."""

from datetime import timedelta

from alliance_hub.hooks import DEMO_CHAPTERS, PERIODIC, URLCONF, Periodic, register

from . import demo, periodic

register(URLCONF, "jobs.urls")
register(PERIODIC, Periodic("jobs.recover", timedelta(minutes=1), periodic.recover_jobs))
register(
    PERIODIC,
    Periodic("jobs.purge_expired_files", periodic.PURGE_EVERY, periodic.purge_expired_job_files),
)
register(DEMO_CHAPTERS, demo.chapters)
