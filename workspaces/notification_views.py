"""A person's own notifications: the list, and marking one or all as read.

The URLs carry no container (``/notifications/...``). Every read starts from
``recipient=request.user``, so someone else's notification answers 404 just like
a missing one, and each person only ever sees and changes their own.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from alliance_hub.params import query_id

from .notifications import (
    notification_get_for,
    notification_list_for,
    notification_mark_read,
    notifications_mark_all_read,
)


def _is_htmx(request):
    return request.headers.get("HX-Request") == "true"


@require_GET
def notification_list(request):
    before = query_id(request, "before")
    notifications, has_more = notification_list_for(user=request.user, before=before)
    context = {"notifications": notifications, "has_more": has_more}
    if _is_htmx(request) and before:
        return render(request, "workspaces/notification_list.html#items", context)
    return render(request, "workspaces/notification_list.html", context)


@require_POST
def notification_read(request, pk):
    """Mark one as read; with ``open`` set, go on to what it is about."""
    notification = notification_get_for(user=request.user, pk=pk)
    notification_mark_read(notification=notification)
    if request.POST.get("open") and url_has_allowed_host_and_scheme(
        notification.target_url, allowed_hosts={request.get_host()}
    ):
        return redirect(notification.target_url)
    if _is_htmx(request):
        return render(
            request, "workspaces/notification_list.html#row", {"notification": notification}
        )
    return redirect("workspaces:notification_list")


@require_POST
def notification_read_all(request):
    count = notifications_mark_all_read(user=request.user)
    messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked as read.")
    return redirect("workspaces:notification_list")
