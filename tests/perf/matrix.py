from django.urls import reverse

from tests.matrix import Route

# The benchmark's bare view: any signed-in person gets it, anonymous visitors log in.
ROUTES = [
    Route(
        name="bench_bare",
        url=lambda w, c: reverse("bench_bare"),
        action=None,
        containers=("workspace",),
    ),
]
