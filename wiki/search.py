"""What the wiki puts into the site search: every page that is not in the trash."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from alliance_hub.hooks import SearchEntry
from workspaces.selectors import organisation_ids_of

from .models import Page


class PageSource:
    kind = "page"
    label = "Wiki pages"

    def all_ids(self) -> QuerySet[Any, int]:
        return Page.objects.order_by("pk").values_list("pk", flat=True)

    def entries(self, ids: list[int]) -> list[SearchEntry]:
        pages = list(Page.objects.alive().filter(pk__in=ids).select_related("workspace", "group"))
        organisations = organisation_ids_of((p.workspace_id, p.created_by_id) for p in pages)
        return [
            {
                "key": f"page:{page.pk}",
                "object_id": page.pk,
                "workspace": page.workspace,
                "group": page.group,
                "title": page.title,
                "tags": page.path.replace("/", " "),
                "body_html": page.body_html,
                "author_id": page.created_by_id,
                "organisation_id": organisations.get((page.workspace_id, page.created_by_id)),
                "date": page.updated_at,
                "url": page.get_absolute_url(),
            }
            for page in pages
        ]
