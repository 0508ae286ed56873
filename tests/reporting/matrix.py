"""Every reporting URL, checked for every persona in a workspace and a private group."""

from datetime import date

from django.urls import reverse

from reporting import services
from tests.matrix import FORBIDDEN, Route
from workspaces.roles import Action


def _series(w, c):
    return services.series_create(
        actor=w.lead,
        container=c,
        title="Quarterly report",
        every_months=3,
        first_due=date(2026, 1, 31),
        organisations=list(w.workspace.partners.all()),
        today=date(2026, 1, 1),
    )


def _series_url(name):
    return lambda w, c: reverse(f"reporting:{name}", args=[c, _series(w, c).pk])


def _item_url(name):
    """The item of the member's organisation (every persona has an organisation of its own)."""

    def build(w, c):
        series = _series(w, c)
        organisation = w.workspace.memberships.get(user=w.member).organisation
        item = series.periods.get().items.get(organisation=organisation)
        services.report_start(actor=w.member, item=item)
        return reverse(f"reporting:{name}", args=[c, item.pk])

    return build


def _list_url(w, c):
    return reverse("reporting:series_list", args=[c])


# Only the owing organisation's members may write or submit its report.
OTHERS_FORBIDDEN = {
    "non_group_member": FORBIDDEN,
    "community_manager": FORBIDDEN,
    "lead": FORBIDDEN,
}

ROUTES = [
    Route("reporting:series_list", _list_url),
    # Defining a report: leads (others get 403 from the view).
    Route(
        "reporting:series_list",
        _list_url,
        Action.LEAD,
        "POST",
        {"title": "R", "every_months": 3, "first_due": "2026-01-31"},
    ),
    Route("reporting:series_board", _series_url("series_board")),
    Route("reporting:series_csv", _series_url("series_csv")),
    Route("reporting:series_edit", _series_url("series_edit"), Action.LEAD),
    Route(
        "reporting:series_edit",
        _series_url("series_edit"),
        Action.LEAD,
        "POST",
        {"title": "Renamed", "every_months": 3},
    ),
    Route(
        "reporting:report_write",
        _item_url("report_write"),
        Action.CONTRIBUTE,
        "POST",
        containers=("workspace",),
        expect=OTHERS_FORBIDDEN,
    ),
    Route(
        "reporting:report_write",
        _item_url("report_write"),
        Action.CONTRIBUTE,
        "POST",
        containers=("private_group",),
        expect={"community_manager": FORBIDDEN, "lead": FORBIDDEN},
    ),
    Route(
        "reporting:report_upload",
        _item_url("report_upload"),
        Action.CONTRIBUTE,
        "POST",
        containers=("workspace",),
        expect=OTHERS_FORBIDDEN,
    ),
    Route(
        "reporting:report_upload",
        _item_url("report_upload"),
        Action.CONTRIBUTE,
        "POST",
        containers=("private_group",),
        expect={"community_manager": FORBIDDEN, "lead": FORBIDDEN},
    ),
    Route(
        "reporting:report_submit",
        _item_url("report_submit"),
        Action.CONTRIBUTE,
        "POST",
        {"revision": 1},
        containers=("workspace",),
        expect=OTHERS_FORBIDDEN,
    ),
    Route(
        "reporting:report_submit",
        _item_url("report_submit"),
        Action.CONTRIBUTE,
        "POST",
        {"revision": 1},
        containers=("private_group",),
        expect={"community_manager": FORBIDDEN, "lead": FORBIDDEN},
    ),
]
