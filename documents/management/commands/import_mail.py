"""manage.py import_mail --workspace SLUG [--group SLUG] --user EMAIL FILE...

The attachments of mailboxes (.mbox) or messages (.eml) become documents, as the
"Import from e-mail" page does, with the given person's rights."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from documents.mail_import import import_mail
from workspaces.models import Group, Workspace


class Command(BaseCommand):
    help = "Import the attachments of .mbox or .eml files as documents."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--workspace", required=True, help="The workspace's slug.")
        parser.add_argument("--group", help="A group's slug in that workspace.")
        parser.add_argument("--user", required=True, help="E-mail of the importing member.")

    def handle(self, *args, files, workspace, group, user, **options):
        container = self._container(workspace, group)
        actor = get_user_model().objects.filter(email__iexact=user).first()
        if actor is None:
            raise CommandError(f"No user with the e-mail {user}.")
        opened = []
        try:
            for path in files:
                opened.append((path.rsplit("/", 1)[-1], open(path, "rb")))  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"Cannot read {error.filename}: {error.strerror}.") from error
        try:
            result = import_mail(actor=actor, container=container, mailboxes=opened)
        except (ValidationError, PermissionDenied) as error:
            messages = getattr(error, "messages", None) or [str(error)]
            raise CommandError(" ".join(messages)) from error
        finally:
            for _, handle in opened:
                handle.close()
        self.stdout.write(result.summary)

    def _container(self, workspace_slug, group_slug):
        workspace = Workspace.objects.filter(slug=workspace_slug).first()
        if workspace is None:
            raise CommandError(f"No workspace {workspace_slug}.")
        if not group_slug:
            return workspace
        group = Group.objects.filter(workspace=workspace, slug=group_slug).first()
        if group is None:
            raise CommandError(f"No group {group_slug} in {workspace_slug}.")
        return group
