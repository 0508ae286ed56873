"""The writes about containers and membership, importable from one place. Each lives
in the module of its domain under ``workspaces/actions/``."""

from .actions.groups import (  # noqa: F401
    group_create,
    group_member_add,
    group_member_check,
    group_member_remove,
    group_set_private,
)
from .actions.invitations import (  # noqa: F401
    InvitationInvalid,
    Invitee,
    invitation_accept,
    invitation_check,
    invitation_for_token,
    invitation_link_issue,
    invitation_mails_run,
    invitation_resend,
    invitation_revoke,
    invitations_send,
    invite_people,
    queue_invitation_mails,
)
from .actions.membership import (  # noqa: F401
    account_exists,
    member_add,
    member_change_role,
    member_remove,
    organisation_remove,
)
from .actions.partners import partners_add  # noqa: F401
from .actions.role_groups import (  # noqa: F401
    ADMIN_GROUP_NAME,
    admin_auth_group,
    create_role_groups,
)
from .actions.workspace import (  # noqa: F401
    workspace_describe,
    workspace_two_factor_set,
)
from .founding import workspace_create  # noqa: F401
