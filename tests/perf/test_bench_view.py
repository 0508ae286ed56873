"""The benchmark's bare view is served only where the benchmark turns it on."""

from django.urls import reverse


def test_the_bare_view_answers_404_unless_the_benchmark_turned_it_on(world, client_for, settings):
    client = client_for(world.member)
    settings.BENCH_VIEWS = False
    assert client.get(reverse("bench_bare")).status_code == 404
    settings.BENCH_VIEWS = True
    response = client.get(reverse("bench_bare"))
    assert response.status_code == 200
    assert response.content == b"ok"
