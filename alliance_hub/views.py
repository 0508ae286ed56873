from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from alliance_hub import health
from alliance_hub.reversing import reverse


@login_not_required
@require_GET
def healthz(request):
    """Database, cache, file storage and task queue, each "ok" or "unavailable".

    503 only when the database is down: without it this node cannot serve a page,
    so the load balancer should take it out. Cache, storage or queue trouble is
    "degraded": pages still serve (a cache miss; uploads and jobs say "try again" or
    "queued"), and every node would see the same outage anyway.
    """
    components = health.report()
    if components["database"] != "ok":
        overall, code = "unavailable", 503
    elif all(state == "ok" for state in components.values()):
        overall, code = "ok", 200
    else:
        overall, code = "degraded", 200
    response = JsonResponse({"status": overall, **components}, status=code)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def bench_bare(request):
    """The benchmark's floor: login required (the global middleware), no query of its
    own beyond the session and user, a tiny response. Served only where the benchmark
    turned it on (``BENCH_VIEWS``, set by bench/run.py); elsewhere a 404."""
    if not settings.BENCH_VIEWS:
        raise Http404("No such page.")
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
@require_GET
def admin_login(request):
    """The admin signs in through the site's login (its rate limits and second factor),
    never through a login form of its own."""
    target = request.GET.get("next", "")
    if not _is_admin_path(target, request):
        target = reverse("admin:index")
    if request.user.is_authenticated:
        if not request.user.is_staff:
            raise PermissionDenied("Your account cannot use the administration.")
        return redirect(target)
    return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")


def _is_admin_path(target, request):
    return (
        target.startswith("/admin/")
        and len(target) <= 2000
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    )


# The error pages. Each says what the person can do next. 400 and 500 render from
# _error_layout.html, which needs neither the database nor the request's middleware
# (a 400 can come before the session is read; a 500 may be the database failing).


def bad_request(request, exception, template_name="400.html"):
    """400 page. ``BadRequest`` carries a message written for the person (see
    ``alliance_hub.params``); other suspicious requests get the generic text."""
    message = str(exception) if type(exception) is BadRequest else ""
    return render(request, template_name, {"message": message}, status=400)


def permission_denied(request, exception, template_name="403.html"):
    """403 page. A ``RoleRequired`` from the access layer names the least role that
    may do this and the viewer's own; it also gives the page its workspace navigation."""
    access = getattr(exception, "access", None)
    if access is not None and getattr(request, "access", None) is None:
        request.access = access  # read by the navigation context processor
    context = {
        "message": str(exception),
        "required_role": getattr(exception, "role", None),
        "current_role": access.role if access is not None else None,
        "container": access.container if access is not None else None,
    }
    return render(request, template_name, context, status=403)


def page_not_found(request, exception, template_name="404.html"):
    return render(request, template_name, status=404)


def server_error(request, template_name="500.html"):
    """500 page: no context processors, no request context, no database."""
    return HttpResponseServerError(loader.get_template(template_name).render())
