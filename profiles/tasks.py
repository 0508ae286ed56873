"""Work out of the request: the crops of a checked photo upload, security e-mails."""

from datetime import datetime
from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.conf import settings
from django_tasks import task

from . import services
from .models import User


@task()
def photo_process(user_id, pending):
    return services.photo_apply(user_id=user_id, pending=pending)


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
