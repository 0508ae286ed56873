from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from . import saml
from .access import groups_with
from .models import Group, Organisation
from .roles import Action, Role


class OrganisationChoiceMixin:
    """An existing partner organisation, or a new one typed by name."""

    def clean_organisation_fields(self):
        existing = self.cleaned_data.get("organisation")
        new_name = (self.cleaned_data.get("new_organisation") or "").strip()
        if existing and new_name:
            raise ValidationError("Choose an organisation or type a new one, not both.")
        if not existing and not new_name:
            raise ValidationError("Choose the partner organisation or type a new one.")
        if new_name:
            existing = Organisation.objects.filter(name__iexact=new_name).first()
        return existing or Organisation(name=new_name)


class WorkspaceCreateForm(OrganisationChoiceMixin, forms.Form):
    """The name (its address is made from it), a description, the creator's own
    organisation; the operator may instead name the lead it is created for."""

    name = forms.CharField(max_length=200, label="Name of the alliance")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    organisation = forms.ModelChoiceField(
        Organisation.objects.all(), required=False, label="Your organisation"
    )
    new_organisation = forms.CharField(
        max_length=200, required=False, label="…or a new organisation"
    )
    lead_email = forms.EmailField(
        required=False,
        label="Create it for (the lead's e-mail)",
        help_text="Leave empty to lead it yourself. If filled, this person gets a lead "
        "invitation from the organisation above and you do not become a member.",
    )

    def __init__(self, *args, for_operator=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not for_operator:
            del self.fields["lead_email"]

    def clean(self):
        cleaned = super().clean()
        cleaned["organisation"] = self.clean_organisation_fields()
        return cleaned


class GroupCreateForm(forms.Form):
    name = forms.CharField(max_length=200)
    slug = forms.SlugField(max_length=80, label="Address")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    is_private = forms.BooleanField(
        required=False, label="Private", help_text="Only the group's own members see it."
    )


class MultiEmailField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 4})

    def clean(self, value):
        value = super().clean(value)
        emails = [e.strip().lower() for e in value.replace(";", ",").replace("\n", ",").split(",")]
        emails = [e for e in emails if e]
        if not emails:
            raise ValidationError("Enter at least one e-mail address.")
        bad = []
        for email in emails:
            try:
                validate_email(email)
            except ValidationError:
                bad.append(email)
        if bad:
            raise ValidationError(f"Not valid e-mail addresses: {', '.join(bad)}")
        if len(emails) > 200:
            raise ValidationError("Invite at most 200 people at once.")
        return list(dict.fromkeys(emails))


class InviteForm(OrganisationChoiceMixin, forms.Form):
    emails = MultiEmailField(
        label="E-mail addresses", help_text="One per line, or comma-separated."
    )
    role = forms.ChoiceField(choices=Role.choices, initial=Role.MEMBER)
    organisation = forms.ModelChoiceField(Organisation.objects.none(), required=False)
    new_organisation = forms.CharField(
        max_length=200, required=False, label="…or a new partner organisation"
    )
    groups = forms.ModelMultipleChoiceField(
        Group.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, workspace, user, may_invite_leads, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = workspace.partners.all()
        # Preset groups: only those the inviting person manages (never a private
        # group they are not in).
        self.fields["groups"].queryset = groups_with(user, Action.MANAGE).filter(
            workspace=workspace
        )
        if not may_invite_leads:
            self.fields["role"].choices = [c for c in Role.choices if c[0] != Role.LEAD]

    def clean(self):
        cleaned = super().clean()
        # A typed name is the explicit choice to add a partner; a chosen one is one already.
        cleaned["new_partner"] = bool((cleaned.get("new_organisation") or "").strip())
        cleaned["organisation"] = self.clean_organisation_fields()
        return cleaned


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)


class AcceptInvitationForm(forms.Form):
    """For a new person: their name and a password."""

    display_name = forms.CharField(max_length=150, label="Your name")
    password1 = forms.CharField(label="Password", widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label="Password again", widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "The two passwords differ.")
        elif p1:
            user = get_user_model()(email=self.email, display_name=cleaned.get("display_name", ""))
            try:
                validate_password(p1, user)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class GroupMemberAddForm(forms.Form):
    user = forms.ModelChoiceField(get_user_model().objects.none(), label="Member")

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.filter(
            memberships__workspace=workspace
        )


class DescriptionForm(forms.Form):
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="What the alliance is for; shown on the dashboard.",
    )


class PartnersForm(forms.Form):
    names = forms.CharField(
        label="Partner organisations",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One organisation per line.",
    )

    def clean_names(self):
        names = [n.strip() for n in self.cleaned_data["names"].splitlines() if n.strip()]
        too_long = [n for n in names if len(n) > 200]
        if too_long:
            raise ValidationError("Organisation names have at most 200 characters.")
        return list(dict.fromkeys(names))


class PinForm(forms.Form):
    target = forms.RegexField(regex=r"^[a-z_]+\.[a-z_]+:[0-9]{1,18}$", max_length=100)


class OrganisationSSOForm(forms.ModelForm):
    """The admin's organisation form for superusers: besides the fields, a SAML 2.0 IdP
    (entity id, sign-in URL, certificate) that workspaces.saml links it to."""

    saml_entity_id = forms.CharField(
        label="SAML IdP entity id", max_length=500, required=False, strip=True
    )
    saml_sso_url = forms.URLField(
        label="SAML IdP sign-in URL", max_length=500, required=False, assume_scheme="https"
    )
    saml_certificate = forms.CharField(
        label="SAML IdP certificate",
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The IdP's signing certificate (PEM). Leave all three empty for no SAML IdP.",
    )
    SAML_FIELDS = ["saml_entity_id", "saml_sso_url", "saml_certificate"]

    class Meta:
        model = Organisation
        fields = ["name", "website", "email_domains", "sso_app", "sso_required"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        idp = saml.idp_settings(self.instance) if self.instance.pk else {}
        self.initial.setdefault("saml_entity_id", idp.get("entity_id", ""))
        self.initial.setdefault("saml_sso_url", idp.get("sso_url", ""))
        self.initial.setdefault("saml_certificate", idp.get("x509cert", ""))
        self.fields[
            "sso_app"
        ].help_text = "An OpenID Connect app (Social applications) — or fill in the SAML IdP below."

    def clean(self):
        cleaned = super().clean()
        given = [bool(cleaned.get(name)) for name in self.SAML_FIELDS]
        if any(given) and not all(given):
            raise ValidationError("A SAML IdP needs its entity id, sign-in URL and certificate.")
        if all(given):
            try:
                cleaned["saml_certificate"] = saml.clean_certificate(cleaned["saml_certificate"])
            except ValidationError as error:
                self.add_error("saml_certificate", error)
        return cleaned

    def saml_idp(self):
        """{entity_id, sso_url, x509cert} to link, or None."""
        if not self.cleaned_data.get("saml_entity_id"):
            return None
        return {
            "entity_id": self.cleaned_data["saml_entity_id"],
            "sso_url": self.cleaned_data["saml_sso_url"],
            "x509cert": self.cleaned_data["saml_certificate"],
        }
