"""What every documents view shares: the page render and the messages of refusals."""

from django.core.exceptions import ValidationError
from django.shortcuts import render


def render_page(request, template, context, status=200):
    # The container nav and per-role actions read ``access`` (the request's ContainerAccess).
    return render(request, template, {"access": request.access, **context}, status=status)


def error_text(error):
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


def too_large_message(request):
    names = ", ".join(request.too_large_uploads)
    return f"{names}: larger than the limit of {upload_limit()} per file; nothing was uploaded."


def upload_limit():
    from django.conf import settings
    from django.template.defaultfilters import filesizeformat

    return filesizeformat(settings.MAX_UPLOAD_SIZE)
