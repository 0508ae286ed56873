from django import forms

from documents.models import Document
from wiki.models import Page


class SeriesForm(forms.Form):
    title = forms.CharField(max_length=200, initial="Quarterly progress report")
    every_months = forms.IntegerField(min_value=1, max_value=24, initial=3, label="Every (months)")
    first_due = forms.DateField(
        label="First due date", widget=forms.DateInput(attrs={"type": "date"})
    )
    organisations = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label="Owed by"
    )
    template_page = forms.ModelChoiceField(
        queryset=None, required=False, label="Start each report from this page (optional)"
    )
    template_body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), required=False, label="Or from this text"
    )
    template_document = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Or partners fill in and upload this document (optional)",
    )

    def __init__(self, *args, container, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = container.workspace.partners.all()
        self.fields["template_page"].queryset = Page.objects.in_container(container).alive()
        documents = Document.objects.alive().in_container(container).order_by("name_key")
        self.fields["template_document"].queryset = documents
        if editing:  # the first due date and the template shape periods already opened
            for name in ("first_due", "template_page", "template_body", "template_document"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        page_template = data.get("template_page") or data.get("template_body", "").strip()
        if page_template and data.get("template_document"):
            raise forms.ValidationError("Start reports from a page or from a document, not both.")
        return data

    def template(self):
        page = self.cleaned_data.get("template_page")
        return page.body if page else self.cleaned_data.get("template_body", "")


class SubmitForm(forms.Form):
    revision = forms.IntegerField(min_value=1, required=False)
    version = forms.IntegerField(min_value=1, required=False)

    def clean(self):
        data = super().clean()
        if (data.get("revision") is None) == (data.get("version") is None):
            raise forms.ValidationError("Submit one page revision or one document version.")
        return data


class UploadForm(forms.Form):
    file = forms.FileField(label="Report file", error_messages={"required": "Choose the file."})
