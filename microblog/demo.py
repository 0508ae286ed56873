"""Demo content for the stream and the blogs (called by ``manage.py seed_demo``).

Everything goes through the services, so mentions, replies and comments create
the notifications they would in real use: Anna signs in to unread notifications.
The posts are told over the last nine days (a few hours apart, by the demo's story
clock), so the stream, the posts and their notifications all carry the same times.
"""

from datetime import timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from alliance_hub.hooks import Chapter
from workspaces.models import Notification

from . import services
from .models import BlogPost, StatusPost

if TYPE_CHECKING:
    from seeding.alliances import Demo

ANNA_BLOG = """Six months ago three partners signed the North Sea Energy Alliance agreement.
Here is where we stand.

## What went well

- **WP1** finished the siting study for the first two wind parks.
- The grid connection concept passed the technical review in March.
- We now meet every month, alternating between Delft, Esbjerg and Riga.

## What we still need

| Topic | Owner | Due |
|---|---|---|
| Cable landing permits | Nordic Wind | Q3 |
| Grid code alignment | Baltic Grid | Q4 |
| Deliverable D2.1 | TU Delft | May |

Thank you all for the work so far. Questions and ideas are welcome in the comments.
"""

SOFIA_BLOG = """Last week five of us visited the port of Esbjerg to see where the export
cables could come ashore.

1. The port authority has **two landing slots** free from 2027.
2. The substation site needs a new access road; see the notes in Documents.
3. Local fishermen asked to be involved early. We promised a meeting in June.

> "Come back with drawings, not slides." — the harbour master

Next step: a short report for the steering committee.
"""

LARS_BLOG = """The met mast has been measuring since January. A first look at the data:

- average wind speed at 100 m: **9.8 m/s**
- availability of the sensors: 97 %
- two storms with gusts above 30 m/s

The raw data is in the WP1 folder. Treat it as preliminary until the calibration
report arrives.
"""

MARCO_DRAFT = """Ideas for next year's communication plan (not finished):

- a public page per work package
- a newsletter every quarter
- one open webinar after each partner meeting
"""

GRETA_BLOG = """We now have four monitoring stations between Basel and Lobith. Each reports
temperature, oxygen and nitrate every hour.

The dashboards are shared in Documents; the station at Lobith had a two-day gap in
April while its pump was replaced.
"""


def chapters(demo: "Demo") -> list[Chapter]:
    return [
        Chapter(timedelta(days=9), _stream),
        Chapter(timedelta(hours=6), _this_morning),
    ]


def _stream(demo):
    u, north, rhine = demo.users, demo.workspaces["north-sea"], demo.workspaces["rhine-water"]
    wp1, steering = demo.groups["wp1"], demo.groups["steering"]

    def say(author, container, text, reply_to=None):
        # A reply follows within the hour; a new thread some hours later.
        demo.clock.later(**({"minutes": 35} if reply_to else {"hours": 6}))
        return services.post_create(
            actor=u[author], container=container, text=text, reply_to=reply_to
        )

    def write(author, container, title, body, publish=True):
        demo.clock.later(hours=5)
        return services.blogpost_create(
            actor=u[author], container=container, title=title, body=body, publish=publish
        )

    def comment(author, post, body):
        demo.clock.later(hours=2)
        services.comment_create(actor=u[author], post=post, body=body)

    welcome = say(
        "marco",
        north,
        "Welcome to the North Sea stream! Share quick updates here; longer stories go to "
        "the Blog. Tag topics like #grid and mention people, e.g. @anna.lindqvist.",
    )
    say("anna", north, "Thanks Marco! Looking forward to a lively stream. #kickoff", welcome)
    kickoff = say(
        "anna",
        north,
        "Thanks everyone for a productive kick-off in Delft! Photos are in Documents. #kickoff",
    )
    say("maja", north, "Thanks Anna, it was a great start.", kickoff)
    say("elif", north, "Agreed, see you all in Riga!", kickoff)
    esbjerg = say(
        "jonas",
        north,
        "Met the port authority in Esbjerg today: cable landing slots look good for Q3. "
        "#grid #esbjerg",
    )
    say("anna", north, "Great news @jonas.berg! Can you add the notes to the WP1 folder?", esbjerg)
    say(
        "jonas",
        north,
        "Done. Background: https://en.wikipedia.org/wiki/Port_of_Esbjerg",
        esbjerg,
    )
    write("sofia", north, "What we learned from the Esbjerg site visit", SOFIA_BLOG)
    say(
        "lars",
        wp1,
        "Wind data from the met mast is in: 9.8 m/s average at 100 m. #data #offshorewind",
    )
    data_question = say("pieter", wp1, "@lars.olsen could you share the raw data? #data")
    say("lars", wp1, "It is in the WP1 folder, preliminary until calibration.", data_question)
    lars_blog = write("lars", wp1, "Met mast data: first look", LARS_BLOG)
    comment("pieter", lars_blog, "Very useful, thanks! Any plans for a *second* mast?")
    say(
        "anna",
        steering,
        "Budget reallocation is on Thursday's agenda. @marco.rossi @sofia.jansen please "
        "review the proposal beforehand. #budget",
    )
    say("marco", steering, "Reviewed, two small comments in the document. #budget")
    d21 = say(
        "sofia",
        north,
        "Draft of deliverable D2.1 is ready for review. Comments by Friday please, "
        "@anna.lindqvist @marco.rossi #deliverables",
    )
    say("pieter", north, "On it.", d21)
    say("marco", north, "I'll take chapter 3.", d21)
    say("tom", north, "Anyone selling tickets for Saturday's match? Send me a message")
    say("elif", north, "Baltic Grid hosts the next partner meeting in Riga, 14–15 May. #meeting")
    write("marco", north, "Communication plan 2027", MARCO_DRAFT, publish=False)
    write("anna", north, "Six months of the North Sea Energy Alliance", ANNA_BLOG)
    greeting = say("greta", rhine, "Welcome to the Rhine Water Partnership stream! #welcome")
    say("luc", rhine, "Sampling at Lobith is done; results next week. #waterquality")
    say(
        "sofia",
        rhine,
        "Happy to be here. @greta.müller shall we align the D2.1 template?",
        greeting,
    )
    write("greta", rhine, "Monitoring stations along the Rhine", GRETA_BLOG)


def _this_morning(demo):
    """Comments on Anna's blog and likes: recent notifications for her."""
    u, north = demo.users, demo.workspaces["north-sea"]
    posts = StatusPost.objects.filter(workspace=north, group=None, reply_to=None)
    d21 = posts.get(text__startswith="Draft of deliverable D2.1")
    kickoff = posts.get(text__startswith="Thanks everyone for a productive kick-off")
    esbjerg = posts.get(text__startswith="Met the port authority in Esbjerg")
    off_topic = posts.get(text__startswith="Anyone selling tickets")
    anna_blog = BlogPost.objects.get(author=u["anna"], title__startswith="Six months")
    services.comment_create(
        actor=u["jonas"],
        post=anna_blog,
        body="Impressive progress. The permit timeline for Q3 is tight, though.",
    )
    demo.clock.later(minutes=50)
    services.comment_create(
        actor=u["elif"], post=anna_blog, body="Baltic Grid confirms the grid code work for **Q4**."
    )
    demo.clock.later(minutes=30)
    for person in ("anna", "marco", "pieter", "lars"):
        services.post_like_toggle(actor=u[person], post=d21)
    for person in ("jonas", "sofia", "maja", "elif", "tom"):
        services.post_like_toggle(actor=u[person], post=kickoff)
    for person in ("anna", "sofia"):
        services.post_like_toggle(actor=u[person], post=esbjerg)
    services.post_hide(
        actor=u["marco"], post=off_topic, reason="Off-topic: please use the social channel."
    )
    # Anna has read her oldest notification; the rest wait for her.
    oldest = Notification.objects.filter(recipient=u["anna"]).order_by("id").first()
    if oldest:
        Notification.objects.filter(pk=oldest.pk).update(read_at=timezone.now())
