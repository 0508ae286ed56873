"""Types shared by the apps, for annotations only.

``User`` is the project's user model (``settings.AUTH_USER_MODEL``), so that apps such
as ``workspaces`` can annotate with it without naming the app that defines it."""

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from profiles.models import User as User  # noqa: PLC0414 (re-exported on purpose)


class Linkable(Protocol):
    """A model instance the stream and notifications point at: its ``str()`` is the
    label, ``get_absolute_url()`` the link."""

    pk: Any

    def get_absolute_url(self) -> str: ...
