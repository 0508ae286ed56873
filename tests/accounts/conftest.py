import re

import pytest

from workspaces.roles import Role
from workspaces.services import invitations_send


@pytest.fixture
def invite(world, django_capture_on_commit_callbacks, mailoutbox):
    """Invite ``email`` to the world's workspace as the lead; returns the link's token."""

    def send(email, role=Role.MEMBER):
        with django_capture_on_commit_callbacks(execute=True):
            invitations_send(
                actor=world.lead,
                workspace=world.workspace,
                emails=[email],
                role=role,
                organisation=world.workspace.partners.first(),
            )
        return re.search(r"/invite/([^/\s]+)/", mailoutbox[-1].body).group(1)

    return send
