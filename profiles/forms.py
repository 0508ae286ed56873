from django import forms
from django.core.exceptions import ValidationError

from workspaces.roles import Role

from . import photos
from .models import User, available_time_zones, phone_validator, validate_links


def split_tag_names(text):
    return [name.strip() for name in (text or "").replace(";", ",").split(",") if name.strip()]


def _time_zone_choices():
    zones = sorted(available_time_zones())
    return [("", "— not set —")] + [(zone, zone.replace("_", " ")) for zone in zones]


class ProfileForm(forms.Form):
    """Everything a person edits about themselves on one page (tasks: one field per workspace)."""

    display_name = forms.CharField(max_length=150, label="Name", help_text="As others see it.")
    job_title = forms.CharField(max_length=150, required=False)
    photo = forms.FileField(
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=(
            f"JPEG, PNG or WebP, at most {photos.max_bytes() // (1024 * 1024)} MB. It is cropped "
            "to a square around its centre; location and camera data are removed."
        ),
    )
    remove_photo = forms.BooleanField(required=False, label="Remove my photo")
    about = forms.CharField(
        label="About me",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="A few personal words: background, what drives you. Markdown works.",
    )
    skills = forms.CharField(
        required=False,
        max_length=1000,
        help_text="Separated by commas, e.g. Regulatory affairs, Offshore wind, GIS.",
    )
    interests = forms.CharField(
        label="Hobbies and interests",
        required=False,
        max_length=1000,
        help_text="Separated by commas, e.g. Sailing, Photography, Jazz.",
    )
    languages = forms.CharField(
        max_length=200, required=False, help_text="e.g. English, Dutch, German."
    )
    location = forms.CharField(max_length=150, required=False, help_text="e.g. Delft, NL.")
    time_zone = forms.ChoiceField(choices=_time_zone_choices, required=False)
    phone = forms.CharField(max_length=40, required=False, validators=[phone_validator])
    links = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One web address per line (https://…), e.g. LinkedIn or your team page.",
    )
    digest_frequency = forms.ChoiceField(
        label="E-mail digest",
        choices=User.Digest.choices,
        widget=forms.RadioSelect,
        help_text="A summary of what happened in your workspaces.",
    )

    def __init__(self, *args, person, profile, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = memberships
        self.initial.update(
            display_name=person.display_name,
            digest_frequency=person.digest_frequency,
            job_title=profile.job_title,
            about=profile.about,
            skills=", ".join(t.name for t in profile.skills),
            interests=", ".join(t.name for t in profile.interests),
            languages=profile.languages,
            location=profile.location,
            time_zone=profile.time_zone,
            phone=profile.phone,
            links=profile.links,
        )
        if not profile.has_photo:
            del self.fields["remove_photo"]
        for membership in memberships:
            self.fields[self.task_field_name(membership)] = forms.CharField(
                label=f"My tasks in {membership.workspace}",
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=f"As {membership.get_role_display().lower()} for "
                f"{membership.organisation}: what you do, what people can ask you about.",
            )
            self.initial[self.task_field_name(membership)] = membership.tasks

    @staticmethod
    def task_field_name(membership):
        return f"tasks_{membership.workspace_id}"

    def task_fields(self):
        return [self[self.task_field_name(m)] for m in self.memberships]

    def clean_time_zone(self):
        value = self.cleaned_data["time_zone"]
        if value and value not in available_time_zones():
            raise ValidationError("Choose a time zone from the list.")
        return value

    def clean_links(self):
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        value = "\n".join(lines)
        validate_links(value)
        return value

    def clean_skills(self):
        return split_tag_names(self.cleaned_data["skills"])

    def clean_interests(self):
        return split_tag_names(self.cleaned_data["interests"])

    def changes(self):
        """The fields for ``services.profile_save(changes=...)``."""
        names = ["display_name", "digest_frequency", "job_title", "about", "skills"]
        names += ["interests", "languages", "location", "time_zone", "phone", "links"]
        return {name: self.cleaned_data[name] for name in names}

    def tasks(self):
        return {
            m.workspace_id: self.cleaned_data[self.task_field_name(m)] for m in self.memberships
        }


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Name, skill or interest, e.g. GIS"}
        ),
    )
    organisation = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, choices=[("", "All organisations")]
    )
    role = forms.ChoiceField(required=False, choices=[("", "All roles"), *Role.choices])
    skill = forms.ChoiceField(required=False, choices=[("", "Any skill")])
    interest = forms.ChoiceField(required=False, choices=[("", "Any interest")])

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices += [(o.pk, o.name) for o in options["organisations"]]
        self.fields["skill"].choices += [(t.slug, t.name) for t in options["skills"]]
        self.fields["interest"].choices += [(t.slug, t.name) for t in options["interests"]]

    def filters(self):
        if not self.is_bound or not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}
