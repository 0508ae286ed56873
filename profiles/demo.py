"""Demo profiles for ``manage.py seed_demo``: realistic people, most with a photo.

Anna's profile is complete (100 %); the others are filled in to different
degrees, so the completeness figures in the directory (as a lead or community
manager) and the initials avatars (Tom, Hanna, Oliver, Noor) all show.
"""

import io
import math
from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from alliance_hub.hooks import Chapter

from . import services

if TYPE_CHECKING:
    from seeding.alliances import Demo

# key -> profile fields; "tasks" maps a workspace key to the text; "photo" is
# (background top, background bottom, clothes, skin) colours or None for no photo.
PEOPLE = {
    "anna": {
        "job_title": "Programme director, offshore grids",
        "about": (
            "I coordinate the North Sea Energy Alliance on behalf of Nordic Wind. Fifteen "
            "years in offshore wind, from turbine siting in the Skagerrak to grid "
            "connection agreements.\n\nAsk me about **consortium agreements**, budget "
            "reallocations and who to call at the national regulators."
        ),
        "skills": ["Offshore wind", "Regulatory affairs", "Project management", "Grid connection"],
        "interests": ["Sailing", "Cross-country skiing", "Jazz"],
        "languages": "Norwegian, Swedish, English, German",
        "location": "Bergen, Norway",
        "time_zone": "Europe/Oslo",
        "phone": "+47 55 12 34 56",
        "links": "https://www.linkedin.example/in/anna-lindqvist\nhttps://nordicwind.example/team",
        "tasks": {
            "north-sea": "Lead of the alliance: steering committee chair, reporting to the "
            "funders, final say on budget shifts between work packages."
        },
        "photo": ((24, 74, 140), (120, 190, 230), (30, 40, 60), (236, 200, 170)),
    },
    "marco": {
        "job_title": "Research coordinator",
        "about": "Community manager of the alliance: I onboard new partners and keep the "
        "workspace tidy. Background in power systems at TU Delft.",
        "skills": ["Power systems", "Stakeholder engagement", "Technical writing"],
        "interests": ["Cycling", "Espresso", "Photography"],
        "languages": "Italian, English, Dutch",
        "location": "Delft, Netherlands",
        "time_zone": "Europe/Amsterdam",
        "tasks": {
            "north-sea": "Community manager: invitations, groups, the shared calendar and "
            "the monthly newsletter. Ping me if you cannot find a document."
        },
        "photo": ((110, 40, 60), (230, 150, 120), (70, 70, 80), (222, 184, 150)),
    },
    "sofia": {
        "job_title": "Postdoctoral researcher, GIS and spatial planning",
        "about": "I map things: cable routes, nature reserves, shipping lanes, and where "
        "they collide. Working across both alliances on spatial data.",
        "skills": ["GIS", "Spatial planning", "Python", "Environmental impact assessment"],
        "interests": ["Bouldering", "Board games"],
        "languages": "Dutch, English, Spanish",
        "location": "Rotterdam, Netherlands",
        "time_zone": "Europe/Amsterdam",
        "links": "https://tudelft.example/staff/sjansen",
        "tasks": {
            "north-sea": "WP1 spatial analysis: cable corridor maps and the constraints atlas.",
            "rhine-water": "Community manager for the Rhine partnership; maintains the "
            "sampling-site map.",
        },
        "photo": ((20, 100, 90), (160, 220, 190), (200, 90, 60), (200, 160, 130)),
    },
    "jonas": {
        "job_title": "Senior wind resource analyst",
        "about": "Wake effects, yield assessments and too many met-mast datasets.",
        "skills": ["Offshore wind", "Wind resource assessment", "Data analysis"],
        "interests": ["Kite surfing", "Running"],
        "languages": "Norwegian, English",
        "location": "Stavanger, Norway",
        "time_zone": "Europe/Oslo",
        "tasks": {"north-sea": "WP1: yield estimates for the candidate sites."},
        "photo": ((40, 60, 110), (170, 180, 230), (120, 30, 30), (240, 210, 185)),
    },
    "elif": {
        "job_title": "Head of regulatory affairs",
        "about": "Grid codes, network tariffs and cross-border permits are my daily bread.",
        "skills": ["Regulatory affairs", "Energy law", "Grid codes"],
        "interests": ["Turkish cooking", "Chess"],
        "languages": "Turkish, English, Lithuanian",
        "location": "Vilnius, Lithuania",
        "time_zone": "Europe/Vilnius",
        "phone": "+370 5 212 3456",
        "tasks": {
            "north-sea": "Steering committee: regulatory roadmap and contact with the "
            "transmission system operators."
        },
        "photo": ((90, 30, 110), (220, 160, 220), (30, 90, 90), (214, 170, 135)),
    },
    "pieter": {
        "job_title": "PhD candidate, HVDC cables",
        "skills": ["HVDC", "Cable design", "Finite element modelling"],
        "interests": ["Rowing"],
        "languages": "Dutch, English",
        "location": "Delft, Netherlands",
        "time_zone": "Europe/Amsterdam",
        "tasks": {"north-sea": "WP1: thermal rating of export cables."},
        "photo": ((60, 60, 60), (200, 200, 190), (40, 80, 140), (238, 205, 178)),
    },
    "maja": {
        "job_title": "Grid planning engineer",
        "skills": ["Grid connection", "Power systems", "GIS"],
        "interests": ["Choir singing"],
        "languages": "Polish, English",
        "location": "Gdańsk, Poland",
        "time_zone": "Europe/Warsaw",
        "photo": ((150, 90, 20), (250, 220, 150), (60, 60, 120), (228, 190, 160)),
    },
    "lars": {
        "job_title": "Marine operations manager",
        "skills": ["Marine operations", "Offshore wind", "HSE"],
        "photo": ((10, 50, 80), (90, 160, 200), (220, 120, 30), (230, 196, 168)),
    },
    "ines": {
        "job_title": "Data steward",
        "about": "I keep our datasets findable and our metadata honest.",
        "skills": ["Data management", "FAIR data", "Python"],
        "interests": ["Surfing", "Fado"],
        "languages": "Portuguese, English, French",
        "location": "Riga, Latvia",
        "time_zone": "Europe/Riga",
        "tasks": {"north-sea": "Data management plan and the shared data catalogue."},
        "photo": ((120, 20, 40), (240, 140, 150), (20, 20, 20), (190, 150, 120)),
    },
    "tom": {
        "job_title": "Student assistant",
        "skills": ["Python", "Data analysis"],
        "photo": None,
    },
    "hanna": {"job_title": "Policy advisor (observer)", "photo": None},
    "oliver": {"photo": None},
    "greta": {
        "job_title": "Head of water quality monitoring",
        "about": "Forty sampling stations from Basel to Rotterdam, and a soft spot for diatoms.",
        "skills": ["Water quality", "Regulatory affairs", "Laboratory management"],
        "interests": ["Birdwatching", "Gardening"],
        "languages": "German, English, French",
        "location": "Koblenz, Germany",
        "time_zone": "Europe/Berlin",
        "phone": "+49 261 123 4567",
        "tasks": {"rhine-water": "Lead of the partnership; chairs the monthly call."},
        "photo": ((30, 90, 60), (180, 230, 170), (90, 50, 30), (240, 212, 190)),
    },
    "luc": {
        "job_title": "Hydrologist",
        "skills": ["Hydrology", "GIS", "Flood modelling"],
        "interests": ["Cycling"],
        "languages": "French, German, English",
        "location": "Strasbourg, France",
        "time_zone": "Europe/Paris",
        "tasks": {"rhine-water": "Discharge data and the flood-season forecast."},
        "photo": ((50, 50, 120), (150, 170, 240), (100, 100, 100), (205, 165, 135)),
    },
    "noor": {"job_title": "MSc student", "interests": ["Photography"], "photo": None},
}


def portrait(colours, size=600):
    """A simple gradient portrait (head and shoulders) as JPEG bytes."""
    top, bottom, clothes, skin = colours
    image = Image.new("RGB", (size, size))
    draw = ImageDraw.Draw(image)
    for y in range(size):
        t = y / (size - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (size, y)], fill=colour)
    centre = size / 2
    draw.ellipse(
        [centre - size * 0.38, size * 0.68, centre + size * 0.38, size * 1.3], fill=clothes
    )
    draw.rectangle([centre - size * 0.07, size * 0.5, centre + size * 0.07, size * 0.72], fill=skin)
    draw.ellipse([centre - size * 0.17, size * 0.2, centre + size * 0.17, size * 0.6], fill=skin)
    # A little highlight so the faces are not flat discs.
    glow = tuple(min(255, round(c * 1.08)) for c in skin)
    radius = size * 0.07
    draw.ellipse(
        [
            centre - radius - size * 0.04,
            size * 0.3 - radius * math.sqrt(0.5),
            centre + radius - size * 0.04,
            size * 0.3 + radius,
        ],
        fill=glow,
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def chapters(demo: "Demo") -> list[Chapter]:
    return [Chapter(timedelta(days=41), _profiles)]  # the day after they joined


def _profiles(demo):
    for key, data in PEOPLE.items():
        demo.clock.later(minutes=40)
        user = demo.users[key]
        data = dict(data)
        colours = data.pop("photo", None)
        tasks = {demo.workspaces[ws].pk: text for ws, text in data.pop("tasks", {}).items()}
        photo = None
        if colours:
            photo = SimpleUploadedFile(f"{key}.jpg", portrait(colours), content_type="image/jpeg")
        services.profile_save(actor=user, user=user, changes=data, tasks=tasks, photo=photo)
