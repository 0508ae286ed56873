from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from alliance_hub.hooks import search_changed
from workspaces.models import GroupMembership, Membership

from . import photos
from .models import Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """Every new person starts with an empty profile, so lists can rely on one existing."""
    if created and not raw:
        Profile.objects.get_or_create(user=instance)
    elif not raw and set(update_fields or ()) != {"last_login"}:
        # A new name, or an account switched off, is in the next search.
        search_changed("person", instance.pk)


@receiver(post_delete, sender=Profile)
def delete_photo_files(sender, instance, **kwargs):
    """A deleted person's photos go too, once the deletion is committed."""
    files = dict(instance.photo_files or {})
    pending = instance.photo_pending
    if files or pending:
        transaction.on_commit(lambda: photos.delete_photo_files(files))
        transaction.on_commit(lambda: photos.delete_original(pending))


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
@receiver(post_save, sender=GroupMembership)
@receiver(post_delete, sender=GroupMembership)
def reindex_member(sender, instance, raw=False, **kwargs):
    """A person is found in the workspaces they belong to, from the next request on."""
    if not raw:
        search_changed("person", instance.user_id)
