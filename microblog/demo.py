"""Demo content for the stream and the blogs (called by ``manage.py seed_demo``).

Everything goes through the services, so mentions, replies and comments create
the notifications they would in real use: Anna signs in to unread notifications.
Timestamps are moved into the past afterwards, oldest first, so the stream reads
like the last two weeks of an alliance.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from workspaces.models import Activity, Notification

from . import services
from .models import BlogComment, BlogPost

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


def _backdate(objects):
    """Spread ``objects`` (oldest first) over the last two weeks, with their stream lines."""
    now = timezone.now()
    step = timedelta(days=14) / max(len(objects), 1)
    for position, obj in enumerate(objects):
        when = now - timedelta(days=14) + step * position
        model = type(obj)
        fields = {"created_at": when}
        if model is BlogPost and obj.published_at:
            fields.update(published_at=when, updated_at=when)
        elif model is BlogPost:
            fields.update(updated_at=when)
        model.objects.filter(pk=obj.pk).update(**fields)
        Activity.objects.filter(
            target_type=ContentType.objects.get_for_model(model), target_id=obj.pk
        ).update(created_at=when)


def seed(demo):
    u, north, rhine = demo.users, demo.workspaces["north-sea"], demo.workspaces["rhine-water"]
    wp1, steering = demo.groups["wp1"], demo.groups["steering"]
    created = []

    def say(author, container, text, reply_to=None):
        post = services.post_create(
            actor=u[author], container=container, text=text, reply_to=reply_to
        )
        created.append(post)
        return post

    def write(author, container, title, body, publish=True):
        post = services.blogpost_create(
            actor=u[author], container=container, title=title, body=body, publish=publish
        )
        created.append(post)
        return post

    def comment(author, post, body):
        created.append(services.comment_create(actor=u[author], post=post, body=body))

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
    write("anna", north, "Six months of the North Sea Energy Alliance", ANNA_BLOG)
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
    off_topic = say("tom", north, "Anyone selling tickets for Saturday's match? Send me a message")
    say("elif", north, "Baltic Grid hosts the next partner meeting in Riga, 14–15 May. #meeting")
    write("marco", north, "Communication plan 2027", MARCO_DRAFT, publish=False)
    greeting = say("greta", rhine, "Welcome to the Rhine Water Partnership stream! #welcome")
    say("luc", rhine, "Sampling at Lobith is done; results next week. #waterquality")
    say(
        "sofia",
        rhine,
        "Happy to be here. @greta.müller shall we align the D2.1 template?",
        greeting,
    )
    write("greta", rhine, "Monitoring stations along the Rhine", GRETA_BLOG)
    _backdate([item for item in created if not isinstance(item, BlogComment)])

    # Anna's own blog gets comments now (recent notifications for her).
    anna_blog = BlogPost.objects.get(author=u["anna"], title__startswith="Six months")
    comment("jonas", anna_blog, "Impressive progress. The permit timeline for Q3 is tight, though.")
    comment("elif", anna_blog, "Baltic Grid confirms the grid code work for **Q4**.")
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
