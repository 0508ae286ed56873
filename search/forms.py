"""The search form: the query and the filters, with clear messages for what cannot be searched."""

import re

from django import forms

from alliance_hub.hooks import SEARCH_SOURCE, get_hooks_by

MIN_LENGTH = 2
MAX_LENGTH = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ue000\ue001]")


class TextField(forms.CharField):
    """Text whose NUL bytes are dropped before validation: NUL ends no word."""

    def to_python(self, value):
        return super().to_python(value.replace("\x00", " ") if isinstance(value, str) else value)


class SearchForm(forms.Form):
    q = TextField(
        label="Search for",
        required=False,
        strip=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": 'Words, "a phrase", or, -without'}
        ),
    )
    kind = forms.ChoiceField(label="Kind", required=False)
    author = TextField(label="Author", required=False, max_length=150)
    organisation = forms.TypedChoiceField(
        label="Organisation", required=False, coerce=int, empty_value=None
    )
    since = forms.DateField(label="From", required=False, widget=forms.DateInput({"type": "date"}))
    until = forms.DateField(label="Until", required=False, widget=forms.DateInput({"type": "date"}))
    versions = forms.BooleanField(label="Include older versions", required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=50, widget=forms.HiddenInput)

    def __init__(self, *args, containers=(), organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        # "in" is a keyword in Python, so the field is added by name.
        self.fields["in"] = forms.ChoiceField(
            label="Workspace or group",
            required=False,
            choices=[("", "All my workspaces"), *containers],
        )
        self.order_fields(["q", "in", "kind"])
        self.fields["kind"].choices = [("", "Everything")] + [
            (kind, source.label) for kind, source in get_hooks_by(SEARCH_SOURCE, "kind").items()
        ]
        self.fields["organisation"].choices = [("", "Any organisation"), *organisations]

    def clean_q(self):
        query = " ".join(_CONTROL.sub(" ", self.cleaned_data["q"]).split())
        if len(query) > MAX_LENGTH:
            raise forms.ValidationError(
                f"Search for at most {MAX_LENGTH} characters (this was {len(query)})."
            )
        if query and len(query) < MIN_LENGTH:
            raise forms.ValidationError(f"Type at least {MIN_LENGTH} characters.")
        if query and not re.search(r"\w", query):
            raise forms.ValidationError(
                "Type a word to search for; punctuation alone finds nothing."
            )
        return query

    def clean_author(self):
        return " ".join(_CONTROL.sub(" ", self.cleaned_data["author"]).split())

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The end date comes before the start date.")
        return data
