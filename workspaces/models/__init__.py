"""The tables of workspaces, one module per concept; every model is importable from here."""

from .activity import Activity, Notification, Watch  # noqa: F401
from .contained import (  # noqa: F401
    Contained,
    ContainedQuerySet,
    TrashableMixin,
    TrashableQuerySet,
)
from .containers import (  # noqa: F401
    Group,
    GroupGroupObjectPermission,
    GroupUserObjectPermission,
    Organisation,
    RoleGroup,
    Workspace,
    WorkspaceGroupObjectPermission,
    WorkspaceUserObjectPermission,
)
from .membership import (  # noqa: F401
    GroupMembership,
    Invitation,
    InvitationQuerySet,
    Membership,
    MembershipEvent,
)
from .pins import Pin  # noqa: F401
from .visits import WeeklyVisit  # noqa: F401
