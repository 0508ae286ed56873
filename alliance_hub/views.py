from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import BadRequest
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
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


def bad_request(request, exception, template_name="400.html"):
    """400 page. ``BadRequest`` carries a message written for the person (see
    ``alliance_hub.params``); other suspicious requests get the generic text."""
    message = str(exception) if type(exception) is BadRequest else ""
    return render(request, template_name, {"message": message}, status=400)
