"""Membership changes re-evaluate the open reviews of the person concerned: a removed
reviewer's vote no longer counts (documents/reviews.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from workspaces.models import GroupMembership, Membership

from .reviews import reviews_reevaluate_for


@receiver(post_delete, sender=Membership)
@receiver(post_save, sender=Membership)
def membership_changed(sender, instance, created=False, **kwargs):
    if not created:
        reviews_reevaluate_for(user_id=instance.user_id, workspace_id=instance.workspace_id)


@receiver(post_delete, sender=GroupMembership)
def group_membership_removed(sender, instance, **kwargs):
    reviews_reevaluate_for(user_id=instance.user_id, workspace_id=instance.group.workspace_id)
