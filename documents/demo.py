"""Demo documents for ``manage.py seed_demo``: folders, real small files (Markdown,
CSV, text, PNG, PDF, DOCX, XLSX) whose text the search finds, several versions with
change notes, a diff worth looking at, a restored version, a lock, a trashed
document, downloads (so the access record and the "a newer version exists" notice
show), in the workspace and in both groups."""

from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import SimpleUploadedFile

from alliance_hub.hooks import Chapter

from . import services
from .models import Document
from .reviews import review_decide, review_send
from .samples import docx_bytes, pdf_bytes, png_bytes, xlsx_bytes

if TYPE_CHECKING:
    from seeding.alliances import Demo


def _file(name, content):
    return SimpleUploadedFile(name, content if isinstance(content, bytes) else content.encode())


def _document(actor, container, name, content, *, folder=None, description="", tags=()):
    return services.documents_upload(
        actor=actor,
        container=container,
        uploads=[_file(name, content)],
        folder=folder,
        description=description,
        tags=tags,
    )[0]


def _version(actor, document, name, content, note):
    return services.version_upload(
        actor=actor, document=document, upload=_file(name, content), change_note=note
    )


def _folder(actor, container, name, parent=None):
    return services.folder_create(actor=actor, container=container, name=name, parent=parent)


MINUTES_V1 = """# Steering meeting, 12 January

Present: Anna (Nordic Wind), Marco (TU Delft), Elif (Baltic Grid)

## Decisions
- The kick-off takes place in Esbjerg on 3 March.
- WP1 delivers the siting study by the end of Q2.

## Actions
- Marco: circulate the draft consortium agreement.
"""
MINUTES_V2 = MINUTES_V1.replace(
    "- Marco: circulate the draft consortium agreement.\n",
    "- Marco: circulate the draft consortium agreement.\n"
    "- Elif: share the grid connection data for the Baltic link.\n",
)
MINUTES_V3 = MINUTES_V2.replace("3 March", "10 March (moved: venue)").replace(
    "## Decisions", "## Decisions\n- The budget review moves to the steering group."
)

OUTPUT_V1 = "turbine,month,mwh\nNS-01,January,812\nNS-02,January,798\nNS-03,January,640\n"
OUTPUT_V2 = OUTPUT_V1 + "NS-01,February,845\nNS-02,February,801\nNS-03,February,702\n"
OUTPUT_V3 = OUTPUT_V2 + "NS-01,March,903\nNS-02,March,866\nNS-03,March,741\n"


def _north_sea(demo):
    ws = demo.workspaces["north-sea"]
    users = demo.users
    anna, marco, sofia, jonas = users["anna"], users["marco"], users["sofia"], users["jonas"]
    governance = _folder(anna, ws, "Governance")
    reports = _folder(marco, ws, "Reports")
    year = _folder(marco, ws, "2026", parent=reports)
    templates = _folder(sofia, ws, "Templates")

    agreement = _document(
        marco,
        ws,
        "Consortium agreement.pdf",
        pdf_bytes(["Consortium agreement", "Draft for comment"]),
        folder=governance,
        description="The agreement between the three partners. Always download the latest.",
        tags=["governance", "legal"],
    )
    # Hanna read the draft; the page now tells her a newer version exists.
    demo.clock.later(hours=20)
    services.download_record(user=users["hanna"], version=agreement.latest_version)
    services.download_record(user=users["elif"], version=agreement.latest_version)
    demo.clock.later(days=2)
    _version(
        anna,
        agreement,
        "Consortium agreement signed.pdf",
        pdf_bytes(
            [
                "Consortium agreement",
                "Signed by all three partners",
                "Article 12: disputes go to arbitration in Groningen.",
                "Article 14: background IP stays with each partner.",
            ]
        ),
        "Signed by all three partners",
    )
    demo.clock.later(hours=3)
    _document(
        sofia,
        ws,
        "Work plan 2026.docx",
        docx_bytes(
            [
                "Work plan 2026",
                "WP1 installs two floating lidar buoys at the Dogger Bank test site.",
                "WP2 models grid congestion for the 2030 scenario.",
            ],
            table=[["Milestone", "Month"], ["Lidar buoys deployed", "M4"], ["Grid model", "M9"]],
        ),
        folder=governance,
        description="What each work package delivers this year.",
        tags=["planning"],
    )
    _document(
        marco,
        ws,
        "Budget 2026.xlsx",
        xlsx_bytes(
            [
                ("Partner", "Personnel (EUR)", "Equipment (EUR)"),
                ("Baltic Grid", 120000, 15000),
                ("North Sea Wind", 95000, 240000),
                ("Coastal Research Institute", 80000, 5000),
                ("Heliostat calibration reserve", 0, 12000),
            ],
            title="Budget",
        ),
        folder=reports,
        description="Budget per partner.",
        tags=["budget"],
    )

    demo.clock.later(days=1)
    minutes = _document(
        sofia,
        ws,
        "Steering minutes 2026-01.md",
        MINUTES_V1,
        folder=governance,
        description="Minutes of the January steering meeting.",
        tags=["minutes", "governance"],
    )
    demo.clock.later(hours=26)
    _version(
        users["elif"], minutes, "Steering minutes 2026-01.md", MINUTES_V2, "Added Elif's action"
    )
    demo.clock.later(days=2)
    _version(sofia, minutes, "Steering minutes 2026-01.md", MINUTES_V3, "Kick-off date moved")

    demo.clock.later(hours=5)
    output = _document(
        jonas,
        ws,
        "Turbine output Q1.csv",
        OUTPUT_V1,
        folder=year,
        description="Monthly output per turbine, in MWh.",
        tags=["data", "wp1"],
    )
    demo.clock.later(days=2)
    _version(jonas, output, "Turbine output Q1.csv", OUTPUT_V2, "February figures")
    demo.clock.later(days=2)
    _version(users["lars"], output, "Turbine output Q1.csv", OUTPUT_V3, "March figures")

    demo.clock.later(hours=4)
    chart = _document(
        marco,
        ws,
        "Output chart.png",
        png_bytes("Output per month (MWh)", bars=(812, 845, 903)),
        folder=year,
        tags=["data"],
    )
    demo.clock.later(hours=3)
    _version(
        marco,
        chart,
        "Output chart.png",
        png_bytes("Output per month (MWh), wrong scale", colour=(179, 38, 30), bars=(1, 9, 3)),
        "New colours",
    )
    demo.clock.later(hours=18)
    services.version_restore(actor=anna, document=chart, number=1)  # the first one was right

    demo.clock.later(days=1)
    _document(
        sofia,
        ws,
        "Quarterly report template.txt",
        "Quarterly report\n================\n\n1. Progress per work package\n2. Risks\n"
        "3. Spending against budget\n",
        folder=templates,
        tags=["template"],
    )
    _document(
        anna,
        ws,
        "Welcome pack.md",
        "# Welcome to the North Sea Energy Alliance\n\nEverything lives here: no more "
        "attachments by e-mail. Start with the Governance folder.\n",
        description="Read this first.",
    )
    old = _document(users["maja"], ws, "Old contact list.csv", "name,email\nAnn,ann@example\n")
    demo.clock.later(hours=2)
    services.document_trash(actor=users["maja"], document=old)
    demo.clock.later(days=1)
    for user in (users["oliver"], users["pieter"]):
        services.download_record(user=user, version=output.latest_version)


def _groups(demo):
    users = demo.users
    wp1, steering = demo.groups["wp1"], demo.groups["steering"]
    study = _document(
        users["pieter"],
        wp1,
        "Siting study.md",
        "# Siting study\n\nCandidate areas: Dogger Bank, Borssele.\n",
        description="WP1's main deliverable.",
        tags=["wp1", "deliverable"],
    )
    demo.clock.later(days=2)
    _version(
        users["lars"],
        study,
        "Siting study.md",
        "# Siting study\n\nCandidate areas: Dogger Bank, Borssele, Hollandse Kust.\n\n"
        "## Constraints\n- Shipping lanes\n- Bird migration routes\n",
        "Added Hollandse Kust and the constraints",
    )
    _document(
        users["jonas"],
        wp1,
        "Cable route.csv",
        "segment,length_km\nA,42\nB,17\nC,63\n",
        tags=["wp1", "data"],
    )
    budget = _document(
        users["anna"],
        steering,
        "Budget 2026.csv",
        "partner,budget_eur\nNordic Wind AS,420000\nTU Delft,380000\nBaltic Grid,290000\n",
        description="Confidential: steering committee only.",
        tags=["budget"],
    )
    demo.clock.later(days=1)
    _version(
        users["marco"],
        budget,
        "Budget 2026.csv",
        "partner,budget_eur\nNordic Wind AS,410000\nTU Delft,390000\nBaltic Grid,290000\n",
        "Moved 10k from Nordic Wind to TU Delft (agreed 3 Feb)",
    )
    _document(
        users["elif"],
        steering,
        "Partner decisions.md",
        "# Decisions\n\n- 3 Feb: budget shift agreed.\n",
        tags=["governance"],
    )


def _rhine(demo):
    rhine, greta, luc = demo.workspaces["rhine-water"], demo.users["greta"], demo.users["luc"]
    samples = _document(
        greta,
        rhine,
        "Water quality samples.csv",
        "station,date,nitrate_mg_l\nBasel,2026-01-10,2.1\nKoblenz,2026-01-10,2.8\n",
        tags=["data"],
    )
    demo.clock.later(days=3)
    _version(
        luc,
        samples,
        "Water quality samples.csv",
        "station,date,nitrate_mg_l\nBasel,2026-01-10,2.1\nKoblenz,2026-01-10,2.8\n"
        "Lobith,2026-01-11,3.0\n",
        "Added Lobith",
    )


def _agreement(demo):
    north = demo.workspaces["north-sea"]
    return Document.objects.get(workspace=north, title="Consortium agreement")


def _signed_approved(demo):
    """The consortium agreement approved by all three partners, over two days."""
    users = demo.users
    anna, marco, elif_ = users["anna"], users["marco"], users["elif"]
    agreement = _agreement(demo)
    signed = agreement.versions.get(number=agreement.version_count)
    signed.document = agreement
    review = review_send(
        actor=anna,
        version=signed,
        reviewers=[anna, marco, elif_],
        message="The text as signed; please confirm for your organisation.",
    )
    for reviewer in (anna, marco, elif_):
        demo.clock.later(hours=9)
        review = type(review).objects.get(pk=review.pk)
        review_decide(actor=reviewer, review=review, approve=True, comment="Agreed.")


def _amendment_in_review(demo):
    """A newer draft in review: Marco has approved it, Elif has not yet decided."""
    users = demo.users
    anna, marco, elif_ = users["anna"], users["marco"], users["elif"]
    agreement = _agreement(demo)
    draft = _version(
        marco,
        agreement,
        "Consortium agreement amendment 1.pdf",
        pdf_bytes(
            [
                "Consortium agreement",
                "Amendment 1: a fourth partner may join",
                "Article 12: disputes go to arbitration in Groningen.",
                "Article 14: background IP stays with each partner.",
            ]
        ),
        "Amendment 1: accession of new partners",
    )
    draft.document = agreement
    review = review_send(
        actor=marco,
        version=draft,
        reviewers=[anna, marco, elif_],
        rule="per_org",
        message="Amendment 1 for approval, one person per partner.",
    )
    demo.clock.later(hours=5)
    review_decide(actor=marco, review=review, approve=True, comment="Fine for Delft.")


def _jonas_editing_now(demo):
    north = demo.workspaces["north-sea"]
    minutes = Document.objects.get(workspace=north, title="Steering minutes 2026-01")
    services.document_lock(actor=demo.users["jonas"], document=minutes)


def chapters(demo: "Demo") -> list[Chapter]:
    return [
        Chapter(timedelta(days=40), _north_sea),
        Chapter(timedelta(days=27), _groups),
        Chapter(timedelta(days=24), _rhine),
        Chapter(timedelta(days=20), _signed_approved),
        Chapter(timedelta(days=3, hours=12), _amendment_in_review),
        Chapter(timedelta(minutes=25), _jonas_editing_now),
    ]
