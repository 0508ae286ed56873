"""What every documents view shares: the page render and the messages of refusals."""

from django.core.exceptions import ValidationError


def error_text(error):
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


def too_large_message(request):
    names = ", ".join(request.too_large_uploads)
    return f"{names}: larger than the limit of {upload_limit()} per file; nothing was uploaded."


def upload_limit():
    from django.conf import settings
    from django.template.defaultfilters import filesizeformat

    return filesizeformat(settings.MAX_UPLOAD_SIZE)
