import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F

from .models import Folder, Review
from .policies import users_who_may_review
from .selectors import DEFAULT_SORT, SORTS, folder_choices_for
from .services import MAX_TAGS

TAG_RE = re.compile(r"^[\w][\w .+-]{0,39}$")


def parse_tags(text):
    """ "Budget, WP1 report" -> ["budget", "wp1 report"]; raises ValidationError."""
    tags = []
    for raw in re.split(r"[,;\n]", text or ""):
        tag = " ".join(raw.split()).lower()
        if not tag:
            continue
        if not TAG_RE.match(tag):
            raise ValidationError(
                f"“{tag[:40]}” is not a valid tag: use letters, digits, spaces, . + - "
                "(up to 40 characters)."
            )
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise ValidationError(f"Use at most {MAX_TAGS} tags.")
    return tags


class TagsField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 600)
        kwargs.setdefault("help_text", "Separate tags with commas.")
        super().__init__(**kwargs)

    def clean(self, value):
        return parse_tags(super().clean(value))

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("allow_empty_file", True)  # the service names the empty file
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else single(data, initial)


def _folder_field(container, label):
    field = forms.ModelChoiceField(
        queryset=Folder.objects.in_container(container),
        required=False,
        label=label,
        empty_label="(top level)",
    )
    field.choices = [("", "(top level)")] + [
        (folder.pk, f"{'— ' * depth}{folder.name}")
        for folder, depth in folder_choices_for(container=container)
    ]
    return field


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="Files",
        help_text="Choose one or more files; each becomes a new document.",
        error_messages={"required": "Choose at least one file."},
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Description (optional)"
    )
    tags = TagsField(label="Tags (optional)")

    def __init__(self, *args, container, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["folder"] = _folder_field(container, "Folder")


class VersionForm(forms.Form):
    file = forms.FileField(
        label="New version",
        allow_empty_file=True,  # the service says so with the file's name
        error_messages={"required": "Choose the file to upload."},
    )
    change_note = forms.CharField(max_length=300, required=False, label="What changed? (optional)")
    release_lock = forms.BooleanField(
        required=False, initial=True, label="Release my lock after uploading"
    )


class DocumentEditForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    tags = TagsField()


class MoveForm(forms.Form):
    def __init__(self, *args, container, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["folder"] = _folder_field(container, "Move to folder")


class FolderForm(forms.Form):
    name = forms.CharField(max_length=200, label="Folder name")


class ListForm(forms.Form):
    """The folder's sort, filter and page (GET); invalid values fall back to defaults."""

    sort = forms.ChoiceField(
        choices=[(key, label) for key, (label, _) in SORTS.items()], required=False
    )
    tag = forms.CharField(max_length=40, required=False)
    type = forms.CharField(max_length=20, required=False, label="Type")
    cursor = forms.CharField(max_length=1000, required=False)

    def values(self):
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "sort": data.get("sort") or DEFAULT_SORT,
            "tag": (data.get("tag") or "").strip().lower(),
            "file_type": (data.get("type") or "").strip().lower(),
            "cursor": data.get("cursor") or "",
        }


class DiffForm(forms.Form):
    old = forms.IntegerField(min_value=1, label="From version")
    new = forms.IntegerField(min_value=1, label="To version")


class MailImportForm(forms.Form):
    mailboxes = MultipleFileField(
        label="Mailbox or messages",
        help_text="A mailbox (.mbox) or e-mail messages (.eml). Their attachments become "
        "documents; attachments with the same file name become versions of one document.",
        error_messages={"required": "Choose a mailbox (.mbox) or messages (.eml)."},
    )
    folder = forms.ModelChoiceField(
        queryset=Folder.objects.none(), required=False, label="Folder (optional)"
    )

    def __init__(self, *args, container, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["folder"].queryset = Folder.objects.in_container(container)


class ReviewerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.organisation_name})"


class ReviewSendForm(forms.Form):
    """Send a version for review: named people, decided by all or one per organisation."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    reviewers = ReviewerChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Name at least one reviewer."},
    )
    rule = forms.ChoiceField(choices=Review.Rule.choices, initial=Review.Rule.ALL)
    message = forms.CharField(max_length=500, required=False, label="Message (optional)")
    due_date = forms.DateField(
        required=False, label="Review by (optional)", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, container, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = (
            users_who_may_review(container)
            .annotate(organisation_name=F("memberships__organisation__name"))
            .order_by("organisation_name", "display_name")
        )


class ReviewDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("changes", "Request changes")])
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )
