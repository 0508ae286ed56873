"""A person's own notifications: the list, and marking one or all as read.

The URLs carry no container (``/notifications/...``). Every read starts from
``recipient=request.user``, so someone else's notification answers 404 just like
a missing one, and each person only ever sees and changes their own.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from alliance_hub.pagination import page_of
from alliance_hub.params import query_id

from .models import Notification

PAGE_SIZE = 30


def notification_list_for(*, user, before=None):
    """The user's notifications from containers they may still view (leaving a group
    hides what its notifications quoted), newest first.

    Returns ``(notifications, has_more)``; ``before`` is an id cursor.
    """
    rows = (
        Notification.objects.filter(recipient=user)
        .visible_to(user)
        .select_related("actor__profile", "workspace")
        .order_by("-id")
    )
    if before:
        rows = rows.filter(id__lt=before)
    return page_of(rows, PAGE_SIZE)


def notification_get_for(*, user, pk):
    """One of the user's own notifications; Http404 for anyone else's and for missing ones."""
    notification = (
        Notification.objects.filter(recipient=user, pk=pk)
        .visible_to(user)
        .select_related("actor__profile", "workspace")
        .first()
    )
    if notification is None:
        raise Http404("No such notification.")
    return notification


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
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
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
    count = Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked as read.")
    return redirect("workspaces:notification_list")
