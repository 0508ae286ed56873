"""`rerender_markup` reaches stored markup in every app, not just the wiki."""

import pytest
from django.core.management import call_command

from wiki.management.commands.rerender_markup import markup_models

pytestmark = pytest.mark.django_db


def test_every_app_that_stores_markup_takes_part():
    labels = {model._meta.label for model in markup_models()}
    assert {"profiles.Profile", "microblog.StatusPost", "microblog.BlogPost"} <= labels
    assert any(label.startswith("wiki.") for label in labels)


def test_profiles_about_text_is_rerendered_after_a_policy_change(world):
    profile = world.member.profile
    profile.about = "I like *wind*"
    profile.render_markup()
    profile.save()
    type(profile).objects.filter(pk=profile.pk).update(about_html="<p>stale</p>", markup_version=0)
    call_command("rerender_markup")
    profile.refresh_from_db()
    assert profile.about_html == "<p>I like <em>wind</em></p>"
    assert profile.markup_version >= 1
