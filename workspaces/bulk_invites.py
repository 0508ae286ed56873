"""Inviting many people at once: pasted ``Name <email>, Organisation[, role]`` lines are
parsed into a preview (errors per line, unknown organisations flagged), then sent
in one batch with one personal message."""

import re
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower

from . import services
from .access import require_action
from .models import Organisation
from .roles import Action, Role

MAX_LINES = 200
NAMED_ADDRESS = re.compile(r"^(?P<name>[^<>]*)<(?P<email>[^<>]*)>$")
ROLE_WORDS = {**{r.value: r.value for r in Role}, **{r.label.lower(): r.value for r in Role}}


@dataclass
class Line:
    number: int
    text: str
    name: str = ""
    email: str = ""
    organisation_name: str = ""
    organisation: Organisation | None = None
    role: str = ""
    errors: list = field(default_factory=list)

    @property
    def new_partner(self):
        """Named an organisation that is not a partner yet (flagged in the preview)."""
        return bool(self.organisation_name) and (
            self.organisation is None or self.organisation.pk is None
        )

    @property
    def role_label(self):
        return Role(self.role).label if self.role else ""


class BulkInviteForm(forms.Form):
    lines = forms.CharField(
        label="People to invite",
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One person per line: Name <e-mail>, Organisation, and optionally a role "
        "(member, observer, community manager, lead).",
    )
    role = forms.ChoiceField(
        choices=Role.choices, initial=Role.MEMBER, label="Role, unless a line names one"
    )
    message = forms.CharField(
        label="Personal message (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown in the e-mail and on the page where they accept.",
    )
    add_partners = forms.BooleanField(
        required=False, label="Add organisations that are not partners yet as new partners"
    )

    def __init__(self, *args, may_invite_leads, **kwargs):
        super().__init__(*args, **kwargs)
        self.may_invite_leads = may_invite_leads
        if not may_invite_leads:
            self.fields["role"].choices = [c for c in Role.choices if c[0] != Role.LEAD]


def parse(text, *, workspace, default_role, may_invite_leads, add_partners):
    """The pasted ``text`` as a list of Lines, each with its own errors (never raises)."""
    raw = [(n, t.strip()) for n, t in enumerate(text.splitlines(), start=1) if t.strip()]
    partners = {o.name.lower(): o for o in workspace.partners.all()}
    known = _known_organisations({_fields(t)[1].lower() for _, t in raw[:MAX_LINES]} - {""})
    lines, seen = [], set()
    for number, line_text in raw[:MAX_LINES]:
        line = _parse_line(number, line_text, default_role, may_invite_leads)
        _resolve_organisation(line, partners, known, add_partners)
        if line.email and line.email in seen:
            line.errors.append("This address is on an earlier line already.")
        seen.add(line.email)
        lines.append(line)
    if len(raw) > MAX_LINES:
        extra = Line(number=raw[MAX_LINES][0], text="…")
        extra.errors.append(f"At most {MAX_LINES} people at once: send the rest afterwards.")
        lines.append(extra)
    return lines


def _fields(text):
    """``"Ann <a@x>, Org, member"`` -> ["Ann <a@x>", "Org", "member"] (at least two)."""
    parts = [p.strip() for p in text.split(",")]
    return parts + [""] * (2 - len(parts)) if len(parts) < 2 else parts


def _known_organisations(lowered_names):
    """Existing organisations by lower-cased name (one query)."""
    if not lowered_names:
        return {}
    query = Organisation.objects.annotate(lowered=Lower("name")).filter(lowered__in=lowered_names)
    return {o.name.lower(): o for o in query}


def _parse_line(number, text, default_role, may_invite_leads):
    line = Line(number=number, text=text[:500])
    parts = _fields(text)
    person, line.organisation_name = parts[0], parts[1][:200]
    match = NAMED_ADDRESS.match(person)
    line.name, email = (match["name"].strip(), match["email"]) if match else ("", person)
    line.name, line.email = line.name[:150], email.strip().lower()[:254]
    try:
        validate_email(line.email)
    except ValidationError:
        line.errors.append("Write the address as Name <name@example.org> or name@example.org.")
    if not line.organisation_name:
        line.errors.append("Add the organisation after a comma.")
    role_word = parts[2].lower() if len(parts) > 2 else ""
    line.role = ROLE_WORDS.get(role_word, "") if role_word else default_role
    if not line.role:
        line.errors.append(f"“{parts[2][:40]}” is not a role: member, observer, ….")
    elif line.role == Role.LEAD and not may_invite_leads:
        line.errors.append("Only a lead can invite leads.")
    if len(parts) > 3:
        line.errors.append("Too many commas: Name <e-mail>, Organisation, role.")
    return line


def _resolve_organisation(line, partners, known, add_partners):
    lowered = line.organisation_name.lower()
    if not lowered:
        return
    line.organisation = partners.get(lowered) or known.get(lowered)
    if lowered not in partners:
        line.organisation = line.organisation or Organisation(name=line.organisation_name)
        if not add_partners:
            line.errors.append(
                f"{line.organisation_name} is not a partner yet: tick “add … as new partners”, "
                "or correct the name."
            )


@transaction.atomic
def invitations_send_lines(*, actor, workspace, lines, message=""):
    """Invite every parsed line (managers; only leads invite leads), with one personal
    ``message``, in one transaction and one e-mail job. Lines must be free of errors
    (ValidationError otherwise); new organisations become partners. Returns
    ``[(email, outcome)]`` as ``services.invitations_send``. Raises PermissionDenied."""
    require_action(actor, workspace, Action.MANAGE)
    if not lines or any(line.errors for line in lines):
        raise ValidationError("Correct the lines marked in the preview first.")
    for role in {line.role for line in lines}:
        services.invitation_check(
            actor=actor,
            workspace=workspace,
            role=role,
            organisation=Organisation(),
            new_partner=True,
        )
    people = [services.Invitee(ln.email, ln.role, ln.organisation, ln.name) for ln in lines]
    results, to_mail = services.invite_people(
        actor=actor, workspace=workspace, people=people, message=message
    )
    services.queue_invitation_mails(actor, workspace, to_mail)
    return results
