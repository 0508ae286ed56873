"""Input validation for the wiki's forms; the rules about paths live in services."""

from django import forms

from . import paths
from .starters import TEMPLATE_CHOICES

BODY_MAX_LENGTH = 200_000


class PageEditForm(forms.Form):
    title = forms.CharField(max_length=200)
    body = forms.CharField(
        label="Text (Markdown)",
        required=False,
        max_length=BODY_MAX_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "true"}),
        help_text="Markdown: ## headings, | tables |, ``` code, - [ ] tasks, "
        "[[Page title]] or [[path/to/page|label]] for links, [[doc:42]] for a document.",
    )
    summary = forms.CharField(
        label="Summary of your change",
        max_length=300,
        required=False,
        help_text="Optional; shown in the page's history.",
    )
    base_revision = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class PageCreateForm(forms.Form):
    title = forms.CharField(max_length=200)
    parent = forms.ChoiceField(label="Parent page", required=False)
    slug = forms.CharField(
        label="Address",
        max_length=80,
        required=False,
        help_text="The last part of the page's address; leave empty to use the title.",
    )
    template = forms.ChoiceField(
        label="Start from",
        choices=TEMPLATE_CHOICES,
        required=False,
        initial="blank",
        help_text="The template's text is used if you leave the text empty.",
    )
    body = PageEditForm.base_fields["body"]
    summary = PageEditForm.base_fields["summary"]

    def __init__(self, *args, parent_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", "(top level)")] + [
            (path, f"{'— ' * path.count('/')}{title} ({path})") for path, title in parent_choices
        ]

    def clean(self):
        data = super().clean()
        if "title" in data:
            slug = paths.slug_for(data.get("slug") or data["title"])
            data["path"] = paths.join(data.get("parent") or "", slug)
        return data


class PageMoveForm(forms.Form):
    new_path = forms.CharField(
        label="New address",
        max_length=300,
        help_text="Slash-separated, e.g. governance/steering-committee. "
        "The old address will redirect here; sub-pages move along.",
    )

    def clean_new_path(self):
        path = paths.normalise_path(self.cleaned_data["new_path"])
        if not paths.is_valid_path(path):
            raise forms.ValidationError("Use lower-case words joined by hyphens.")
        return path


class RevertForm(forms.Form):
    base_revision = forms.IntegerField(min_value=1)


class PreviewForm(forms.Form):
    body = PageEditForm.base_fields["body"]
