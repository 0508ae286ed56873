"""How complete a profile is: a percentage and what is still missing.

Pure Python over data the selectors already loaded (the profile with its tags,
the person's tasks), so a list of 200 members costs no extra query.
"""

from dataclasses import dataclass, field

# (key, label) in the order the edit form shows them; the key is the form's anchor.
ITEMS = [
    ("photo", "Photo"),
    ("job_title", "Job title"),
    ("tasks", "Tasks in the collaboration"),
    ("about", "About me"),
    ("skills", "Skills"),
    ("interests", "Hobbies and interests"),
    ("languages", "Languages"),
    ("location", "Location"),
    ("time_zone", "Time zone"),
    ("contact", "Contact details (phone or links)"),
]


# Where on the edit page each item is filled in (the field's id, or a section's).
ANCHORS = {"tasks": "tasks", "contact": "id_phone"}


@dataclass(frozen=True)
class MissingItem:
    key: str
    label: str

    @property
    def anchor(self):
        return ANCHORS.get(self.key, f"id_{self.key}")


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: list = field(default_factory=list)


def completeness(profile, *, workspace_ids, tasks_by_workspace):
    """Score ``profile``; tasks count as done when every workspace in ``workspace_ids``
    has a task text in ``tasks_by_workspace`` (workspace id -> text).

    A workspace's directory passes only its own workspace, so managers see the
    score for their alliance without learning about the person's other ones.
    """
    if profile is None:
        return Completeness(0, [MissingItem(key, label) for key, label in ITEMS])
    done = {
        "photo": profile.has_photo or bool(profile.photo_pending),  # a new one is on its way
        "job_title": bool(profile.job_title.strip()),
        "tasks": all(tasks_by_workspace.get(ws_id, "").strip() for ws_id in workspace_ids),
        "about": bool(profile.about.strip()),
        "skills": bool(profile.skills),
        "interests": bool(profile.interests),
        "languages": bool(profile.languages.strip()),
        "location": bool(profile.location.strip()),
        "time_zone": bool(profile.time_zone),
        "contact": bool(profile.phone.strip() or profile.links.strip()),
    }
    missing = [MissingItem(key, label) for key, label in ITEMS if not done[key]]
    percent = round(100 * (len(ITEMS) - len(missing)) / len(ITEMS))
    return Completeness(percent, missing)
