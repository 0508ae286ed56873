import pytest

from tests.jobs.helpers import DB_QUEUE


@pytest.fixture
def db_queue(settings):
    """Tasks go to the database queue (as in production) and wait for ``work()``."""
    settings.TASKS = DB_QUEUE
    return settings
