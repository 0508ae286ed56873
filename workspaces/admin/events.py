"""The audit of membership changes, read-only."""

from django.contrib import admin

from ..access import contained_visible_q
from ..models import MembershipEvent
from ..roles import Action
from .base import RELATED_ONLY, ScopedAdmin


def subject(event):
    return event.subject or "-"


def actor(event):
    return event.actor or "-"


@admin.register(MembershipEvent)
class MembershipEventAdmin(ScopedAdmin):
    """The audit of the workspaces the user manages, without events about groups they
    may not see."""

    list_display = ["at", "workspace", "kind", "subject", "email", "actor", "detail"]
    fields = readonly_fields = ["at", "workspace", "kind", subject, "email", actor, "detail"]
    list_filter = [("workspace", RELATED_ONLY), "kind"]
    list_select_related = ["workspace", "subject", "actor"]
    search_fields = ["email", "subject__email", "detail"]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs.filter(contained_visible_q(request.user, action=Action.MANAGE))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
