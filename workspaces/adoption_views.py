"""Views of the adoption dashboard and its CSV."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from alliance_hub import csvfiles

from . import adoption as figures
from . import onboarding
from .access import container_view
from .onboarding_views import workspace_only
from .roles import Action


@container_view(Action.MANAGE)
@require_GET
def adoption(request, container):
    workspace_only(container)
    labels, rows = figures.adoption_rows(container, request.user)
    charts = [
        (label, figures.bar_chart(points))
        for label, points in figures.weekly_series(container, request.user)
    ]
    return render(
        request,
        "workspaces/adoption.html",
        {
            "container": container,
            "labels": labels,
            "rows": rows,
            "charts": charts,
            "never_signed_in": [
                r["membership"] for r in rows if not r["membership"].user.last_login
            ],
            "invitations": figures.invitations_overview(container),
            # Here, not on the dashboard: it reads every member's profile.
            "checklist": onboarding.kickoff_checklist(container),
        },
    )


@container_view(Action.MANAGE)
@require_GET
def adoption_csv(request, container):
    workspace_only(container)
    response = HttpResponse(
        figures.adoption_csv(container, request.user), content_type=csvfiles.CONTENT_TYPE
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{container.slug}-adoption-{timezone.now():%Y-%m-%d}.csv"'
    )
    return response
