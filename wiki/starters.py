"""Page templates: every new workspace starts with the first three as pages, and any
new page can start from any of them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageTemplate:
    key: str
    title: str
    path: str
    body: str
    protected: bool = False


GOVERNANCE = PageTemplate(
    key="governance",
    title="Governance structure",
    path="governance",
    protected=True,
    body="""\
How the alliance is organised and how it takes decisions.

## Bodies

| Body | Members | Meets | Decides on |
|------|---------|-------|------------|
| General assembly | One delegate per partner | Twice a year | Budget, new partners, strategy |
| Steering committee | Work-package leads | Monthly | Priorities, risks, reporting |
| Work packages | Partner staff | As needed | Day-to-day work |

## Roles

- **Alliance lead**: chairs the steering committee and represents the alliance.
- **Community manager**: runs this workspace, membership and the reporting calendar.
- **Work-package leads**: deliver their package and report each period.

## Decision making

1. Proposals are written on a wiki page and announced to the partners.
2. Partners have ten working days to comment.
3. The responsible body decides by consensus; failing that, by a two-thirds majority.
4. Decisions are recorded below, with a link to the proposal.

## Decision log

| Date | Body | Decision | Proposal |
|------|------|----------|----------|
| | | | |
""",
)

SCOPE = PageTemplate(
    key="scope",
    title="Scope of work",
    path="scope-of-work",
    body="""\
What the alliance has agreed to deliver, and what it has not.

## Objectives

1. First objective, measurable.
2. Second objective, measurable.

## Work packages

| Package | Lead partner | Goal | Deliverables |
|---------|--------------|------|--------------|
| WP1 | | | |
| WP2 | | | |

## Milestones

- [ ] M1: kick-off held and governance agreed
- [ ] M2: first results shared with all partners
- [ ] M3: final report accepted

## Out of scope

- What the alliance explicitly does not take on.
""",
)

REPORTING = PageTemplate(
    key="reporting",
    title="Alliance reporting",
    path="reporting",
    body="""\
Each reporting period every work package fills in its section. The community
manager compiles the alliance report from this page.

## Reporting calendar

| Period | Covers | Sections due | Report sent |
|--------|--------|--------------|-------------|
| P1 | January–June | 15 July | 31 July |
| P2 | July–December | 15 January | 31 January |

## Reporting period: P1

### Progress against the scope of work

- What was delivered, per work package.

### Milestones and deliverables

- [ ] Milestone or deliverable due this period

### Risks and issues

| Risk | Likelihood | Impact | Mitigation | Owner |
|------|------------|--------|------------|-------|
| | | | | |

### Budget and effort

- Spent this period, against plan.

### Next period

- What comes next.
""",
)

BLANK = PageTemplate(key="blank", title="", path="", body="")

STARTER_PAGES = (GOVERNANCE, SCOPE, REPORTING)
TEMPLATES = {template.key: template for template in (BLANK, *STARTER_PAGES)}
TEMPLATE_CHOICES = [
    ("blank", "Blank page"),
    ("governance", "Governance structure"),
    ("scope", "Scope of work"),
    ("reporting", "Alliance reporting (reporting periods)"),
]
