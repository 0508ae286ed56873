"""What the stream and blog views share: htmx detection, the page context, the
safe way back and errors for htmx."""

from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


def is_htmx(request):
    return request.headers.get("HX-Request") == "true"


def page_context(request, container, **extra):
    return {"container": container, **extra}


def next_url(request, fallback):
    """Where a plain form POST returns to: a same-site ``next``, else ``fallback``."""
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def errors_text(form):
    return [message for errors in form.errors.values() for message in errors]


def htmx_errors(request, form, target):
    """422 with the messages, swapped into ``target`` (microblog.js lets htmx swap 422s)."""
    response = render(request, "microblog/_errors.html", {"errors": errors_text(form)}, status=422)
    response["HX-Retarget"] = target
    response["HX-Reswap"] = "innerHTML"
    return response
