from allauth.account.signals import password_changed, password_reset
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_used
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from alliance_hub.hooks import search_changed
from alliance_hub.sessions import end_sessions, stamp_sign_in
from workspaces.models import GroupMembership, Membership

from . import photos, security_mail
from .models import Profile
from .search import PersonSource


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """Every new person starts with an empty profile, so lists can rely on one existing."""
    if created and not raw:
        Profile.objects.get_or_create(user=instance)
    elif not raw and (update_fields is None or PersonSource.user_fields & set(update_fields)):
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


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def end_sessions_of_deactivated(sender, instance, created, raw=False, **kwargs):
    """A deactivated account is signed out everywhere at once."""
    if not created and not raw and not instance.is_active:
        end_sessions(instance)


@receiver(password_changed)
@receiver(password_reset)
def end_other_sessions_on_new_password(sender, request, user, **kwargs):
    """A new password signs the person out of every other browser."""
    end_sessions(user, keep=request.session.session_key if request.user == user else None)


@receiver(user_logged_in)
def start_session_clocks(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        stamp_sign_in(request)
        security_mail.note_sign_in(request, user)


@receiver(authenticator_used)
def mail_on_recovery_code(sender, request, user, authenticator, **kwargs):
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        # validate_code marked the code used on a fresh copy of the row.
        left = len(Authenticator.objects.get(pk=authenticator.pk).wrap().get_unused_codes())
        security_mail.recovery_code_used(request, user, left)


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
@receiver(post_save, sender=GroupMembership)
@receiver(post_delete, sender=GroupMembership)
def reindex_member(sender, instance, raw=False, **kwargs):
    """A person is found in the workspaces they belong to, from the next request on."""
    if not raw:
        search_changed("person", instance.user_id)
