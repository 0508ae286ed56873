"""The demo alliances behind ``manage.py seed_demo``.

Apps add their own demo content through the ``demo_chapters`` hook (registered in
their contributions.py): ``fn(demo)`` returns a list of ``alliance_hub.hooks.Chapter(ago,
run)``, each run once with the ``Demo`` below at its time in the story (``ago`` before
now), all apps' chapters oldest first. The alliances themselves are set up six weeks ago.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from workspaces import services
from workspaces.models import Organisation, Workspace
from workspaces.roles import Role

PASSWORD = "alliance-demo-2026"  # noqa: S105 - the published demo password
# Sofia (in both alliances) has an authenticator app with this published secret, so
# journeys and scripts can compute her codes; the Rhine alliance requires two-factor.
TWO_FACTOR_PERSONA = "sofia@tudelft.example"
TOTP_SECRET = "AHUBDEMOSOFIA2FA"  # noqa: S105 - base32, published with the demo
ADMIN_EMAIL = "admin@alliance.example"
DEMO_WORKSPACES = ["north-sea", "rhine-water"]

# (key, name, e-mail, organisation, role in north-sea, groups there)
NORTH_SEA_PEOPLE = [
    (
        "anna",
        "Anna Lindqvist",
        "anna@nordicwind.example",
        "Nordic Wind AS",
        Role.LEAD,
        ["wp1", "steering"],
    ),
    (
        "marco",
        "Marco Rossi",
        "marco@tudelft.example",
        "Delft Institute of Technology",
        Role.COMMUNITY_MANAGER,
        ["wp1", "steering"],
    ),
    (
        "sofia",
        "Sofia Jansen",
        "sofia@tudelft.example",
        "Delft Institute of Technology",
        Role.MEMBER,
        ["wp1", "steering"],
    ),
    ("jonas", "Jonas Berg", "jonas@nordicwind.example", "Nordic Wind AS", Role.MEMBER, ["wp1"]),
    (
        "elif",
        "Elif Kaya",
        "elif@balticgrid.example",
        "Baltic Grid Operators",
        Role.MEMBER,
        ["steering"],
    ),
    (
        "pieter",
        "Pieter de Vries",
        "pieter@tudelft.example",
        "Delft Institute of Technology",
        Role.MEMBER,
        ["wp1"],
    ),
    ("maja", "Maja Nowak", "maja@balticgrid.example", "Baltic Grid Operators", Role.MEMBER, []),
    ("lars", "Lars Olsen", "lars@nordicwind.example", "Nordic Wind AS", Role.MEMBER, ["wp1"]),
    ("ines", "Inês Costa", "ines@balticgrid.example", "Baltic Grid Operators", Role.MEMBER, []),
    ("tom", "Tom Becker", "tom@tudelft.example", "Delft Institute of Technology", Role.MEMBER, []),
    (
        "hanna",
        "Hanna Virtanen",
        "hanna@balticgrid.example",
        "Baltic Grid Operators",
        Role.OBSERVER,
        [],
    ),
    ("oliver", "Oliver Smith", "oliver@nordicwind.example", "Nordic Wind AS", Role.OBSERVER, []),
]
# Sofia is in both alliances.
RHINE_PEOPLE = [
    ("greta", "Greta Müller", "greta@rhinewater.example", "Rhine Water Board", Role.LEAD),
    (
        "sofia",
        "Sofia Jansen",
        "sofia@tudelft.example",
        "Delft Institute of Technology",
        Role.COMMUNITY_MANAGER,
    ),
    ("luc", "Luc Martin", "luc@rhinewater.example", "Rhine Water Board", Role.MEMBER),
    ("noor", "Noor Bakker", "noor@tudelft.example", "Delft Institute of Technology", Role.OBSERVER),
]


@dataclass
class Demo:
    admin: object
    users: dict = field(default_factory=dict)  # key -> User
    workspaces: dict = field(default_factory=dict)  # "north-sea", "rhine-water"
    groups: dict = field(default_factory=dict)  # "wp1", "steering"
    clock: object = None  # the StoryClock while seeding: clock.later(hours=2) lets time pass


def _user(email, name):
    user = get_user_model().objects.filter(email=email).first()
    return user or get_user_model().objects.create_user(
        email=email, password=PASSWORD, display_name=name
    )


def _member(admin, workspace, user, organisation_name, role):
    services.member_add(
        actor=admin,
        workspace=workspace,
        user=user,
        role=role,
        organisation=Organisation.objects.get_or_create(name=organisation_name)[0],
    )
    return user


def _workspace(admin, slug, name, description, people):
    first = people[0]
    workspace = services.workspace_create(
        actor=admin,
        name=name,
        slug=slug,
        description=description,
        organisation=Organisation.objects.get_or_create(name=first[3])[0],
    )
    return workspace


def create():
    """Create the demo alliances; returns a Demo. Not idempotent: see ``exists()``."""
    admin = get_user_model().objects.create_superuser(
        email=ADMIN_EMAIL, password=PASSWORD, display_name="Demo Admin"
    )
    demo = Demo(admin=admin)
    north = _workspace(
        admin,
        "north-sea",
        "North Sea Energy Alliance",
        "Three partners building the offshore wind grid of the North Sea: "
        "governance, work packages and reporting in one place.",
        NORTH_SEA_PEOPLE,
    )
    rhine = _workspace(
        admin,
        "rhine-water",
        "Rhine Water Partnership",
        "A small alliance on water quality along the Rhine.",
        RHINE_PEOPLE,
    )
    demo.workspaces = {"north-sea": north, "rhine-water": rhine}
    for key, name, email, org, role, _groups in NORTH_SEA_PEOPLE:
        demo.users[key] = _member(admin, north, _user(email, name), org, role)
    for key, name, email, org, role in RHINE_PEOPLE:
        demo.users[key] = _member(admin, rhine, _user(email, name), org, role)
    for workspace in (north, rhine):
        services.member_remove(actor=admin, membership=workspace.memberships.get(user=admin))
    _two_factor(demo, rhine)
    anna = demo.users["anna"]
    demo.groups["wp1"] = services.group_create(
        actor=anna,
        workspace=north,
        name="WP1 Offshore wind",
        slug="wp1",
        description="Work package 1: turbine siting and grid connection.",
    )
    demo.groups["steering"] = services.group_create(
        actor=anna,
        workspace=north,
        name="Steering committee",
        slug="steering",
        description="Private: budget and partner decisions.",
        is_private=True,
    )
    for key, *_rest, groups in NORTH_SEA_PEOPLE:
        for group_key in groups:
            services.group_member_add(
                actor=anna, group=demo.groups[group_key], user=demo.users[key]
            )
    return demo


def _two_factor(demo, rhine):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(demo.users["sofia"], TOTP_SECRET)
    RecoveryCodes.activate(demo.users["sofia"])
    services.workspace_two_factor_set(actor=demo.users["greta"], workspace=rhine, required=True)


def exists():
    return Workspace.objects.filter(slug="north-sea").exists()


# The five people a newcomer signs in as, in the order to try them:
# (e-mail, workspace, who they are). Anna comes first: "start here".
PERSONAS = [
    ("anna@nordicwind.example", "north-sea", "Start here: the alliance lead (North Sea)"),
    ("marco@tudelft.example", "north-sea", "Community manager: runs the workspace, invites"),
    ("elif@balticgrid.example", "north-sea", "Partner member (Baltic Grid), in a private group"),
    ("hanna@balticgrid.example", "north-sea", "Observer: reads everything, changes nothing"),
    (TWO_FACTOR_PERSONA, "rhine-water", "Signs in with a two-factor code (Rhine alliance)"),
]


def demo_emails():
    """The demo's own people: accounts created later in the UI are not demo logins."""
    return {email for _key, _name, email, *_rest in NORTH_SEA_PEOPLE + RHINE_PEOPLE}


def logins():
    """Every demo login with its workspaces, roles, organisations and groups; the five
    personas carry a ``persona`` line (the others ``None``)."""
    personas = {(email, workspace): text for email, workspace, text in PERSONAS}
    rows = [
        {
            "email": ADMIN_EMAIL,
            "password": PASSWORD,
            "workspace": "(all, superuser)",
            "role": "superuser",
            "organisation": "",
            "groups": [],
            "totp_secret": None,
            "persona": None,
        }
    ]
    users = (
        get_user_model()
        .objects.filter(
            email__in=demo_emails(),
            memberships__workspace__slug__in=DEMO_WORKSPACES,
        )
        .distinct()
    )
    for user in users.prefetch_related(
        "memberships__workspace", "memberships__organisation", "group_memberships__group"
    ):
        for membership in user.memberships.all():
            if membership.workspace.slug not in DEMO_WORKSPACES:
                continue  # one the person made or joined later in the UI
            rows.append(
                {
                    "email": user.email,
                    "password": PASSWORD,
                    "name": user.display_name,
                    "workspace": membership.workspace.slug,
                    "role": membership.role,
                    "organisation": membership.organisation.name,
                    "totp_secret": TOTP_SECRET if user.email == TWO_FACTOR_PERSONA else None,
                    "persona": personas.get((user.email, membership.workspace.slug)),
                    "groups": sorted(
                        gm.group.slug
                        for gm in user.group_memberships.all()
                        if gm.group.workspace_id == membership.workspace_id
                    ),
                }
            )
    return rows
