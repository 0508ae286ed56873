"""Demo reporting for ``manage.py seed_demo``: a quarterly progress report whose first
period is past due, submitted by two partners; Baltic Grid is late."""

from datetime import timedelta
from typing import TYPE_CHECKING

from alliance_hub.hooks import Chapter
from wiki.services import PageContent, page_save

from . import dates, services
from .models import ReportItem

if TYPE_CHECKING:
    from seeding.alliances import Demo

TEMPLATE = "## Progress this quarter\n\n## Deliverables\n\n## Risks and issues\n"


def chapters(demo: "Demo") -> list[Chapter]:
    return [Chapter(timedelta(days=2, hours=12), _quarterly_report)]


def _quarterly_report(demo):
    users = demo.users
    north = demo.workspaces["north-sea"]
    # The first period ended with last month, so it is past due today.
    first_due = dates.today().replace(day=1) - timedelta(days=1)
    series = services.series_create(
        actor=users["anna"],
        container=north,
        title="Quarterly progress report",
        every_months=3,
        first_due=first_due,
        organisations=list(north.partners.all()),
        template_body=TEMPLATE,
    )
    first = series.periods.get(number=1)
    for key in ("anna", "marco"):
        demo.clock.later(hours=6)
        member = users[key]
        organisation = north.memberships.get(user=member).organisation
        item = ReportItem.objects.select_related("period__series").get(
            period=first, organisation=organisation
        )
        page = services.report_start(actor=member, item=item)
        page = page_save(
            actor=member,
            page=page,
            base_revision=page.revision,
            content=PageContent(page.title, TEMPLATE + "\nAll work packages on track.\n"),
        )
        services.report_submit(actor=member, item=item, revision=page.revision)
