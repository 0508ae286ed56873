"""The admin for community managers, one module per model family (importing them
registers the admins); the scoping every admin shares is in ``base``."""

from . import events, groups, invitations, membership, organisations  # noqa: F401
from .base import AccessScopedAdminMixin  # noqa: F401
