"""Work out of the request: the crops of a checked photo upload, security e-mails."""

from datetime import datetime
from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django_tasks import task

from . import photos
from .models import Profile, User


@task()
def photo_process(user_id, pending):
    return photo_apply(user_id=user_id, pending=pending)


def photo_apply(*, user_id: int, pending: str) -> bool:
    """Make the crops of the pending upload ``pending`` and show them (the photo task).
    Idempotent: a photo already applied, or replaced by a newer upload, is left alone.
    Atomic. Returns True if applied."""
    with transaction.atomic():
        profile = Profile.objects.select_for_update().filter(pk=user_id).first()
        if profile is None or profile.photo_pending != pending:
            return False
        try:
            with default_storage.open(pending, "rb") as original:
                processed = photos.process_photo(original)
        except photos.PhotoRejected:  # checked in the request already; never stays pending
            profile.photo_pending = ""
            profile.save(update_fields=["photo_pending", "updated_at"])
            transaction.on_commit(lambda: photos.delete_original(pending))
            return False
        old_files = profile.photo_files
        profile.photo_files, profile.photo_version = photos.store_photo(
            processed, user_id=profile.pk
        )
        profile.photo_pending = ""
        profile.save(update_fields=["photo_files", "photo_version", "photo_pending", "updated_at"])
        transaction.on_commit(lambda: photos.delete_photo_files(old_files))
        transaction.on_commit(lambda: photos.delete_original(pending))
    return True


@task()
def security_mail_send(user_id, template_prefix, details, email=""):
    """One security e-mail (queued by profiles.accounts.AccountAdapter), rendered and
    sent by the worker to the person's own address. A retry may repeat the notice, never
    send it elsewhere. Returns whether it was sent."""
    user = User.objects.filter(pk=user_id).first()
    email = email or (user and EmailAddress.objects.get_primary_email(user))
    if not email:
        return False
    site = SimpleNamespace(name="Alliance Hub", domain=urlsplit(settings.SITE_URL).netloc)
    context = details | {
        "user": user,
        "email": email,
        "current_site": site,
        "timestamp": datetime.fromisoformat(details["timestamp"]),
    }
    get_adapter().render_mail(template_prefix, email, context).send()
    return True
