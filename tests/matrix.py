"""The permission matrix: what each persona gets from every URL of the project.

Each app lists its routes in ``tests/<app>/matrix.py`` as ``ROUTES = [Route(...)]``;
``tests/test_permission_matrix.py`` runs them all and fails for any URL pattern
of the resolver that no Route covers.

Expected outcomes are written here from the product rules, independently of the
access layer they check:

* anonymous visitors are sent to the login page (unless the route is public);
* anyone who may not view the route's container gets 404;
* a viewer lacking the route's action gets 403;
* everyone else gets through (any status below 500 but 403/404 and the login redirect).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from workspaces.roles import ROLE_ACTIONS, Action, Role

PERSONAS = [
    "anonymous", "outsider", "removed", "observer", "member", "non_group_member",
    "community_manager", "lead",
]  # fmt: skip

ROLE_OF = {
    "observer": Role.OBSERVER,
    "member": Role.MEMBER,
    "non_group_member": Role.MEMBER,
    "community_manager": Role.COMMUNITY_MANAGER,
    "lead": Role.LEAD,
}

# Who may view each kind of container in tests.conftest.World.
VIEWERS = {
    "workspace": {"observer", "member", "non_group_member", "community_manager", "lead"},
    "open_group": {"observer", "member", "non_group_member", "community_manager", "lead"},
    "private_group": {"observer", "member", "community_manager", "lead"},  # lead created it
}

OK, LOGIN, FORBIDDEN, NOT_FOUND = "ok", "login", 403, 404


@dataclass
class Route:
    """One URL pattern, checked in each container it lives in.

    ``url(world, container)`` builds the URL (creating any object it needs inside
    ``container``); ``action`` is what the view requires on the container, or
    None for routes outside containers, whose outcomes ``expect`` gives per persona.
    """

    name: str
    url: Callable
    action: str | None = Action.VIEW
    method: str = "GET"
    data: dict | Callable = field(default_factory=dict)
    containers: tuple = ("workspace", "private_group")
    public: bool = False
    expect: dict = field(default_factory=dict)

    def expected(self, persona, container_kind):
        if persona in self.expect:
            return self.expect[persona]
        if self.public:
            return OK
        if persona == "anonymous":
            return LOGIN
        if self.action is None:
            return OK
        if persona not in VIEWERS[container_kind]:
            return NOT_FOUND
        if self.action not in ROLE_ACTIONS[ROLE_OF[persona]]:
            return FORBIDDEN
        return OK


def container_of(world, kind):
    return {
        "workspace": world.workspace,
        "open_group": world.open_group,
        "private_group": world.private_group,
    }[kind]
