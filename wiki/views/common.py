"""What the wiki views share: the page render, the page from its path, the edit check,
the preview and form errors."""

from django.core.exceptions import PermissionDenied

from .. import policies, selectors
from ..models import render_page_markdown


def page_or_404(container, page_path):
    return selectors.page_get_for(container=container, path=page_path)


def require_edit(request, page):
    if not policies.may_edit_page(request.access, page):
        raise PermissionDenied("Only leads and community managers may change a protected page.")


def preview_html(body, container):
    html, toc, _version, _targets = render_page_markdown(body, container=container)
    return html, toc


def form_status(form):
    return 400 if form.errors else 200


def add_errors(form, error, path_field):
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target = path_field if name == "path" else name
            form.add_error(target if target in form.fields else None, errors)
    else:
        form.add_error(None, error)
