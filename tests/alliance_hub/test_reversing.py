"""Remembered URLs (alliance_hub.reversing, and ``{% url %}`` through it) are Django's
URLs: the same for every kind of argument, and never stale when what decides a URL
changes (a container's path, the script prefix, the URLconf)."""

import pytest
from django.template import Context, Template, engines
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse, set_script_prefix

from alliance_hub import reversing

pytestmark = pytest.mark.django_db


@pytest.fixture
def prefix():
    yield set_script_prefix
    set_script_prefix("/")


def test_the_same_urls_as_django(world):
    workspace, group = world.workspace, world.private_group
    for name, args, kwargs in [
        ("workspaces:home", None, None),
        ("workspaces:dashboard", [workspace], None),
        ("workspaces:dashboard", [group], None),
        ("documents:folder_list", [group.container_path], None),
        ("documents:document_detail", None, {"container": workspace, "pk": 7}),
        ("profiles:profile_detail", [world.member.pk], None),
    ]:
        expected = reverse(name, args=args, kwargs=kwargs)
        assert reversing.reverse(name, args=args, kwargs=kwargs) == expected
        assert reversing.reverse(name, args=args, kwargs=kwargs) == expected  # remembered


def test_a_container_that_moves_gets_its_new_url(world):
    group = world.open_group
    before = reversing.reverse("workspaces:dashboard", args=[group])
    group.slug = "renamed"
    group.save(update_fields=["slug"])
    after = reversing.reverse("workspaces:dashboard", args=[group])
    assert after != before
    assert after == reverse("workspaces:dashboard", args=[group])
    assert after.rstrip("/").endswith("/g/renamed")


def test_the_script_prefix_is_part_of_the_url(world, prefix):
    assert reversing.reverse("workspaces:home") == "/"
    prefix("/hub/")
    assert reversing.reverse("workspaces:home") == "/hub/"
    assert reversing.reverse("workspaces:dashboard", args=[world.workspace]).startswith("/hub/")


def test_a_swapped_urlconf_is_not_answered_from_memory(settings):
    assert reversing.reverse("search:search") == "/search/"
    settings.ROOT_URLCONF = "tests.alliance_hub.urls_without_search"
    with pytest.raises(NoReverseMatch):
        reversing.reverse("search:search")


def test_unknown_arguments_go_to_django_every_time():
    assert reversing._key("workspaces:dashboard", [object()], {}, None) is None
    with pytest.raises(NoReverseMatch):
        reversing.reverse("workspaces:dashboard", args=[object()])


def test_the_url_tag_is_djangos(world):
    workspace = world.workspace
    request = RequestFactory().get("/")
    template = engines["django"].from_string(
        "{% url 'workspaces:dashboard' ws %}|{% url 'nothing:here' as missing %}[{{ missing }}]"
        "|{% url 'documents:document_detail' container=ws pk=3 %}"
    )
    html = template.render({"ws": workspace}, request)
    assert html == (
        f"{reverse('workspaces:dashboard', args=[workspace])}|[]"
        f"|{reverse('documents:document_detail', kwargs={'container': workspace, 'pk': 3})}"
    )
    with pytest.raises(NoReverseMatch):
        Template("{% url 'nothing:here' %}").render(Context())


def test_the_url_tag_keeps_the_admin_namespace(admin_client):
    html = engines["django"].from_string("{% url 'admin:index' %}").render({})
    assert html == reverse("admin:index")
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert f'href="{reverse("admin:password_change")}"' in response.content.decode()
