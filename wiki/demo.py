"""Demo wiki content for ``manage.py seed_demo``: the starter pages filled in by several
people over several revisions, nested pages, links between pages, a page in each group,
a moved page (its old address redirects) and one in the trash."""

from datetime import timedelta
from typing import TYPE_CHECKING

from django.apps import apps

from alliance_hub.hooks import Chapter

from . import services, signoff
from .models import Page
from .services import PageContent

if TYPE_CHECKING:
    from seeding.alliances import Demo

GOVERNANCE_V2 = """\
The North Sea Energy Alliance brings together three partners to plan the offshore
grid of the North Sea. This page records how we are organised and how we decide.

## Bodies

| Body | Members | Meets | Decides on |
|------|---------|-------|------------|
| General assembly | One delegate per partner | Twice a year | Budget, new partners, strategy |
| [[governance/steering-committee\\|Steering committee]] | Work-package leads \
and the alliance lead | Monthly | Priorities, risks, reporting |
| Work packages | Partner staff | As needed | Day-to-day work |

## Roles

- **Alliance lead**: Anna Lindqvist (Nordic Wind AS), chairs the steering committee.
- **Community manager**: Marco Rossi (Delft Institute of Technology), runs this workspace
  and the [[Alliance reporting]] calendar.
- **Work-package leads**: see the [[Scope of work]].

## Decision making

How proposals become decisions is described in [[governance/decision-making]].

## Decision log

| Date | Body | Decision | Proposal |
|------|------|----------|----------|
| 2026-01-15 | General assembly | Budget 2026 adopted (EUR 1.2 M) | Budget proposal v3 |
"""

GOVERNANCE_V3 = GOVERNANCE_V2.replace(
    "| 2026-01-15 | General assembly | Budget 2026 adopted (EUR 1.2 M) | Budget proposal v3 |",
    "| 2026-01-15 | General assembly | Budget 2026 adopted (EUR 1.2 M) | Budget proposal v3 |\n"
    "| 2026-03-02 | Steering committee | Baltic Grid Operators lead WP2 from April | "
    "[[governance/steering-committee/meetings\\|Meeting of 2 March]] |",
)

STEERING = """\
The steering committee steers the alliance between general assemblies.

## Members

| Name | Organisation | Role |
|------|--------------|------|
| Anna Lindqvist | Nordic Wind AS | Chair, alliance lead |
| Marco Rossi | Delft Institute of Technology | Secretary |
| Elif Kaya | Baltic Grid Operators | WP2 lead |

## Standing agenda

1. Actions from the last meeting
2. Work-package status (one slide each)
3. Risks from the [[Alliance reporting]] page
4. Decisions to take

Minutes are kept on [[governance/steering-committee/meetings]].
"""

MEETINGS = """\
## 2 March 2026

Present: Anna, Marco, Elif, Sofia.

- Agreed that Baltic Grid Operators take over WP2 from April.
- Marco prepares the P1 report outline on [[Alliance reporting]].

### Actions

- [x] Anna: inform the general assembly
- [ ] Elif: WP2 work plan for April–June
- [ ] Marco: reporting template for P1
"""

DECISION_MAKING = """\
1. Anyone writes a proposal as a wiki page under *governance/proposals*.
2. The community manager announces it; partners have **ten working days** to comment.
3. The responsible body decides by consensus; failing that, by a two-thirds majority
   of the partners present.
4. The decision goes into the decision log of [[Governance structure]].

Urgent decisions may be taken by the alliance lead and confirmed at the next meeting.
"""

SCOPE_V2 = """\
What the alliance has agreed to deliver in 2026–2028.

## Objectives

1. A shared siting map for 4 GW of offshore wind by the end of 2026.
2. A grid-connection study for three landing points by mid-2027.
3. Open data on wind, sea bed and grid capacity for every partner.

## Work packages

| Package | Lead partner | Goal | Deliverables |
|---------|--------------|------|--------------|
| [[scope-of-work/wp1-offshore-wind\\|WP1 Offshore wind]] | Nordic Wind AS | Turbine siting \
| Siting map, yield study |
| WP2 Grid | Baltic Grid Operators | Grid connection | Connection study |
| WP3 Data | Delft Institute of Technology | Open data | Data portal, [[Data management plan]] |

## Milestones

- [x] M1: kick-off held and governance agreed
- [ ] M2: siting map shared with all partners
- [ ] M3: grid-connection study accepted

## Out of scope

- Building or operating wind farms.
- Onshore grid reinforcement.
"""

SCOPE_V3 = SCOPE_V2.replace(
    "- [ ] M2: siting map shared with all partners",
    "- [x] M2: siting map shared with all partners (draft, February 2026)",
)

WP1_SCOPE = """\
WP1 chooses turbine sites and estimates their yield.

```text
Study area: 54.0–56.5 N, 3.0–8.0 E
Turbines:   15 MW class, hub height 150 m
```

The detailed plan lives in the WP1 group's own wiki.
"""

REPORTING_V2 = """\
Each reporting period every work package fills in its section. Marco compiles the
alliance report from this page and sends it to the funders.

## Reporting calendar

| Period | Covers | Sections due | Report sent |
|--------|--------|--------------|-------------|
| P1 2026 | January–June | 15 July | 31 July |
| P2 2026 | July–December | 15 January | 31 January |

## Reporting period: P1 2026

See [[reporting/2026-p1]] for the sections of each work package.

### Risks and issues

| Risk | Likelihood | Impact | Mitigation | Owner |
|------|------------|--------|------------|-------|
| Sea-bed survey delayed by weather | Medium | High | Book a second vessel window | Jonas |
| Grid data under NDA | High | Medium | Agree a data-sharing annex | Elif |
"""

P1_2026 = """\
## Progress against the [[Scope of work]]

### WP1 Offshore wind

- Draft siting map for 4 GW shared in February.
- Yield study 60 % done.

### WP2 Grid

- Work plan agreed at the steering committee of 2 March.

### WP3 Data

- Data portal prototype online for partners.

## Milestones and deliverables

- [x] M1 kick-off
- [x] M2 siting map (draft)
- [ ] D1.2 yield study

## Budget and effort

| Partner | Planned (PM) | Spent (PM) |
|---------|--------------|------------|
| Nordic Wind AS | 24 | 21 |
| Delft Institute of Technology | 18 | 19 |
| Baltic Grid Operators | 12 | 8 |
"""

WP1_PLAN = """\
## Siting criteria

| Criterion | Threshold |
|-----------|-----------|
| Water depth | < 60 m |
| Distance to shore | 30–120 km |
| Shipping lanes | none within 2 NM |

## Next steps

- [x] Collect bathymetry
- [ ] Run wake model for the three candidate sites
- [ ] Present to the [[Field campaign]] team
"""

STEERING_BUDGET = """\
Confidential to the steering committee.

| Line | 2026 budget (EUR) | Committed |
|------|-------------------|-----------|
| Surveys | 450 000 | 380 000 |
| Staff | 600 000 | 290 000 |
| Travel | 60 000 | 12 000 |
| Contingency | 90 000 | 0 |

Decision of 2 March: the contingency may fund a second survey window if WP1 asks for it.
"""


def _page(workspace, path):
    return Page.objects.in_container(workspace).alive().get(path=path)


def _edit(page, actor, body, summary, title=None):
    page.refresh_from_db()
    return services.page_save(
        actor=actor,
        page=page,
        base_revision=page.revision,
        content=PageContent(title or page.title, body, summary),
    )


def _create(container, actor, title, path, body, summary="First version"):
    return services.page_create(
        actor=actor,
        container=container,
        content=PageContent(title, body, summary),
        path=path,
    )


def _document_link():
    """``[[doc:N]]`` for the first demo document, if the documents app has documents."""
    try:
        document_model = apps.get_model("documents", "Document")
    except LookupError:
        return ""
    first = document_model._default_manager.order_by("pk").values_list("pk", flat=True).first()
    return (
        f"\n\nThe signed consortium agreement: [[doc:{first}|consortium agreement]].\n"
        if first
        else ""
    )


def _north_sea(demo):
    north, u, later = demo.workspaces["north-sea"], demo.users, demo.clock.later
    anna, marco, sofia, jonas, elif_ = u["anna"], u["marco"], u["sofia"], u["jonas"], u["elif"]

    governance = _page(north, "governance")
    _edit(governance, anna, GOVERNANCE_V2 + _document_link(), "Fill in our bodies and roles")
    later(hours=2)
    _create(north, anna, "Steering committee", "governance/steering-committee", STEERING)
    later(hours=20)
    _create(north, marco, "Decision making", "governance/decision-making", DECISION_MAKING)
    # Minutes started at the top level, then moved under the committee: the old address redirects.
    later(hours=4)
    minutes = _create(north, marco, "Steering committee meetings", "meetings", MEETINGS)
    later(minutes=40)
    services.page_move(actor=marco, page=minutes, new_path="governance/steering-committee/meetings")
    later(days=1)
    _edit(governance, marco, GOVERNANCE_V3 + _document_link(), "Log the WP2 decision")

    later(hours=5)
    scope = _page(north, "scope-of-work")
    _edit(scope, sofia, SCOPE_V2, "Objectives and work packages from the proposal")
    later(days=2)
    _edit(scope, jonas, SCOPE_V3, "M2 reached")
    later(hours=1)
    _create(north, jonas, "WP1 Offshore wind", "scope-of-work/wp1-offshore-wind", WP1_SCOPE)

    later(days=1)
    reporting = _page(north, "reporting")
    _edit(reporting, marco, REPORTING_V2, "Calendar and risks for 2026")
    later(hours=3)
    p1 = _create(north, marco, "Report P1 2026", "reporting/2026-p1", P1_2026)
    later(days=1)
    _edit(p1, sofia, P1_2026.replace("60 % done", "70 % done"), "WP1 figures updated")
    later(hours=6)
    _edit(
        p1,
        elif_,
        P1_2026.replace("60 % done", "70 % done") + "\nWP2 hired two analysts.\n",
        "WP2 news",
    )

    later(hours=2)
    old = _create(north, marco, "Kick-off agenda (old)", "kick-off-agenda", "Superseded.")
    later(minutes=30)
    services.page_delete(actor=marco, page=old)

    later(days=1)
    wp1 = demo.groups["wp1"]
    plan = _create(wp1, jonas, "Turbine siting plan", "siting-plan", WP1_PLAN)
    later(days=1)
    _edit(plan, u["lars"], WP1_PLAN.replace("< 60 m", "< 55 m"), "Tighter depth limit")
    later(hours=4)
    steering = demo.groups["steering"]
    _create(steering, anna, "Budget decisions", "budget-decisions", STEERING_BUDGET)


def _rhine(demo):
    rhine, greta, luc = demo.workspaces["rhine-water"], demo.users["greta"], demo.users["luc"]
    scope = _page(rhine, "scope-of-work")
    body = scope.body.replace(
        "1. First objective, measurable.", "1. Monthly water-quality samples at 12 stations."
    ).replace("2. Second objective, measurable.", "2. A shared dashboard for the water boards.")
    _edit(scope, greta, body, "Our objectives")
    demo.clock.later(days=1)
    _edit(scope, luc, body + "\nSee also [[Sampling protocol]].\n", "Link the protocol")


def _signoff(demo):
    """The governance page signed by two of the three partners (Baltic Grid owes it)."""
    users = demo.users
    north = demo.workspaces["north-sea"]
    signoff.signatory_roles_set(
        actor=users["anna"], workspace=north, roles=["lead", "community_manager", "member"]
    )
    request = signoff.signoff_request(actor=users["anna"], page=_page(north, "governance"))
    for signer in (users["anna"], users["marco"]):
        demo.clock.later(hours=7)
        signoff.page_sign(
            actor=signer, page=request.page, request_id=request.pk, revision=request.revision
        )


def chapters(demo: "Demo") -> list[Chapter]:
    return [
        Chapter(timedelta(days=18), _north_sea),
        Chapter(timedelta(days=11), _rhine),
        Chapter(timedelta(days=10), _signoff),
    ]
