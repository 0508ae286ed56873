from urllib.parse import urlencode

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def healthz(request):
    """200 when the database answers, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@require_GET
def bench_bare(request):
    """The benchmark's floor: login required (the global middleware), no query of its
    own beyond the session and user, a tiny response. See bench/run.py."""
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
@require_GET
def admin_login(request):
    """The admin signs in through the site's login (its rate limits and second factor),
    never through a login form of its own."""
    target = request.GET.get("next") or reverse("admin:index")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("admin:index")
    if request.user.is_authenticated:
        if not request.user.is_staff:
            raise PermissionDenied("Your account cannot use the administration.")
        return redirect(target)
    return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")
