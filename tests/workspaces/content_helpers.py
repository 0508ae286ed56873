"""Content for the onboarding, pins, adoption and export tests; everything goes through
the apps' services."""

from microblog import services as microblog
from profiles.services import profile_save
from wiki import selectors as wiki_selectors
from wiki import services as wiki
from wiki.services import PageContent

FULL_PROFILE = {
    "job_title": "Hydrologist",
    "about": "I model rivers.",
    "languages": "English, Dutch",
    "location": "Delft",
    "time_zone": "Europe/Amsterdam",
    "phone": "+31 15 000 0000",
    "skills": ["Hydrology"],
    "interests": ["Sailing"],
}


def fill_profile(user, workspace):
    profile_save(
        actor=user, user=user, changes=dict(FULL_PROFILE), tasks={workspace.pk: "Work package 2"}
    )


def edit_page(container, path, actor, body):
    page = wiki_selectors.page_get_for(container=container, path=path)
    return wiki.page_save(
        actor=actor,
        page=page,
        base_revision=page.revision,
        content=PageContent(page.title, body, "Our own text"),
    )


def post(container, actor, text="Hello, everyone!"):
    return microblog.post_create(actor=actor, container=container, text=text)


def blog(container, actor, title, body):
    return microblog.blogpost_create(
        actor=actor, container=container, title=title, body=body, publish=True
    )
