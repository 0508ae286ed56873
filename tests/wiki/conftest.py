import pytest

from wiki import services
from wiki.services import PageContent


def create_page(container, actor, title, path, body="", **kwargs):
    return services.page_create(
        actor=actor, container=container, content=PageContent(title, body), path=path, **kwargs
    )


def edit_page(page, actor, body, title=None, summary=""):
    return services.page_save(
        actor=actor,
        page=page,
        base_revision=page.revision,
        content=PageContent(title or page.title, body, summary),
    )


@pytest.fixture
def page(world):
    """A plain page in the world's workspace, written by the member."""
    return create_page(
        world.workspace, world.member, "Meeting notes", "meeting-notes", "# Notes\n\nFirst."
    )


@pytest.fixture
def private_page(world):
    return create_page(
        world.private_group, world.member, "Budget", "budget", "Secret numbers: 42 000 EUR."
    )
