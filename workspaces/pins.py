"""Pins: the content leads put on a workspace's start page."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from .access import require_action
from .models import Pin
from .policies import PIN_ACTION


def _pin_target(workspace, target_ref):
    """``"app_label.model:pk"`` -> the object, if it lives in ``workspace``; else Http404."""
    try:
        model_ref, pk = target_ref.split(":")
        app_label, model = model_ref.split(".")
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
        target = content_type.get_object_for_this_type(pk=int(pk))
    except (ValueError, ContentType.DoesNotExist, Exception) as error:  # noqa: BLE001
        raise Http404("Nothing to pin there.") from error
    # Only live workspace-level content is pinned: the start page is for every member.
    if getattr(target, "workspace_id", None) != workspace.pk or getattr(target, "group_id", None):
        raise Http404("Nothing to pin there.")
    if getattr(target, "deleted_at", None):
        raise Http404("That is in the trash.")
    return content_type, target


@transaction.atomic
def pin_add(*, actor, workspace, target_ref):
    """Pin a workspace-level page or document to the start page (leads). Raises
    PermissionDenied, Http404 for a target outside the workspace, ValidationError."""
    require_action(actor, workspace, PIN_ACTION)
    content_type, target = _pin_target(workspace, target_ref)
    pin, created = Pin.objects.get_or_create(
        workspace=workspace,
        target_type=content_type,
        target_id=target.pk,
        defaults={"label": str(target)[:300], "url": target.get_absolute_url(), "pinned_by": actor},
    )
    if not created:
        raise ValidationError(f"“{target}” is pinned already.")
    return pin


def unpin_target(target):
    """Take ``target`` off the start page (content apps call it when they trash it)."""
    Pin.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    ).delete()


@transaction.atomic
def pin_remove(*, actor, pin):
    require_action(actor, pin.workspace, PIN_ACTION)
    pin.delete()
