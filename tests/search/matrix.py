from django.urls import reverse

from tests.matrix import LOGIN, OK, Route

ROUTES = [
    Route(
        "search:search",
        lambda w, c: reverse("search:search") + "?q=budget",
        action=None,
        containers=("workspace",),
        expect={"anonymous": LOGIN, "outsider": OK, "removed": OK},
    ),
    Route(
        "search:container_search",
        lambda w, c: reverse("search:container_search", args=[c]),
        containers=("workspace", "open_group", "private_group"),
    ),
]
