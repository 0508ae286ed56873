"""Sign-off pages of the wiki: thin, through wiki/signoff.py."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_hub.reversing import reverse
from workspaces.access import container_view
from workspaces.roles import Action

from . import policies, signoff
from .views.common import page_or_404


class SignoffRequestForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one partner organisation."},
    )
    due_date = forms.DateField(
        required=False, label="Sign by (optional)", widget=forms.DateInput(attrs={"type": "date"})
    )
    revision = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = workspace.partners.all()


class SignForm(forms.Form):
    request = forms.IntegerField(min_value=1)
    revision = forms.IntegerField(min_value=1)


class SignatoryRolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        choices=policies.SIGNING_ROLE_CHOICES, widget=forms.CheckboxSelectMultiple
    )


def _signoff_page(request, container, page, *, form=None, status=200):
    state = signoff.status_for(page=page)
    membership = policies.signing_membership(request.user, container)
    mine = None
    if state and membership:
        mine = next(
            (s for s in state.signoffs if s.organisation_id == membership.organisation_id), None
        )
    if form is None and policies.may_request_signoff(request.access):
        partners = container.workspace.partners.all()
        form = SignoffRequestForm(
            workspace=container.workspace, initial={"organisations": partners}
        )
    return render(
        request,
        "wiki/page_signoff.html",
        {
            "container": container,
            "page": page,
            "signoff": state,
            "my_signoff": mine,
            "request_form": form,
        },
        status=status,
    )


@container_view(Action.VIEW)
@require_GET
def page_signoff(request, container, page_path):
    return _signoff_page(request, container, page_or_404(container, page_path))


@container_view(policies.REQUEST_ACTION)
@require_POST
def signoff_request(request, container, page_path):
    page = page_or_404(container, page_path)
    form = SignoffRequestForm(request.POST, workspace=container.workspace)
    if form.is_valid():
        try:
            asked = signoff.signoff_request(
                actor=request.user,
                page=page,
                organisations=[org.pk for org in form.cleaned_data["organisations"]],
                due_date=form.cleaned_data["due_date"],
                revision=form.cleaned_data["revision"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Sign-off of revision {asked.revision} was requested.")
            return redirect("wiki:page_signoff", container, page.path)
    return _signoff_page(request, container, page, form=form, status=400)


@container_view(Action.VIEW)
@require_POST
def page_sign(request, container, page_path):
    page = page_or_404(container, page_path)
    form = SignForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Sign from the sign-off page.")
        return _signoff_page(request, container, page, status=400)
    try:
        done = signoff.page_sign(
            actor=request.user,
            page=page,
            request_id=form.cleaned_data["request"],
            revision=form.cleaned_data["revision"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _signoff_page(request, container, page, status=409)
    messages.success(request, f"You signed revision {done.revision} for {done.organisation_name}.")
    return redirect("wiki:page_signoff", container, page.path)


@container_view(Action.VIEW)
@require_GET
def signoff_csv(request, container, page_path):
    page = page_or_404(container, page_path)
    response = HttpResponse(signoff.signoff_csv(page=page), content_type="text/csv; charset=utf-8")
    name = page.path.replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="signoff-{name}.csv"'
    return response


@container_view(policies.REQUEST_ACTION)
@require_http_methods(["GET", "POST"])
def signatory_roles(request, container):
    workspace = container.workspace
    form = SignatoryRolesForm(
        request.POST or None, initial={"roles": policies.signatory_roles(workspace)}
    )
    if request.method == "POST" and form.is_valid():
        signoff.signatory_roles_set(
            actor=request.user, workspace=workspace, roles=form.cleaned_data["roles"]
        )
        messages.success(request, "Saved who may sign for their organisation.")
        return redirect(reverse("wiki:signatory_roles", args=[container]))
    return render(
        request,
        "wiki/signatory_roles.html",
        {"container": container, "form": form},
        status=400 if form.errors else 200,
    )
