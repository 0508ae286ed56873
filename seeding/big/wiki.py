"""The big alliance's wiki pages and revisions, in bulk, with the reference page."""

from datetime import timedelta

from wiki.models import Page, render_page_markdown

from .people import BATCH
from .words import spread

BIG_PAGE_REVISIONS = 200


class WikiSeeding:
    def wiki(self):
        History = Page.history.model
        rng, people = self.rng, self.people_all
        sample_body = "## Purpose\n\nNotes of the work package.\n\n## Decisions\n\n- One\n- Two\n"
        html, toc, version, _ = render_page_markdown(sample_body, container=self.workspace)
        pages = []
        for i in range(self.counts["pages"] - 1):
            container = self.containers_all[i % len(self.containers_all)]
            page = Page(
                title=f"Page {i:05d}",
                path=f"topic-{i % 97}/page-{i:05d}",
                body=sample_body,
                body_html=html,
                toc_html=toc,
                markup_version=version,
                revision=1,
                created_by=rng.choice(people),
                updated_by=rng.choice(people),
                created_at=self.now - timedelta(days=i % 900),
                updated_at=self.now - timedelta(days=i % 300),
            )
            page.set_container(container)
            pages.append(page)
        big_html, big_toc, big_version, _ = render_page_markdown(
            self.big_page_text, container=self.workspace
        )
        self.big_page = Page(
            title="Big page",
            path="reference/big-page",
            body=self.big_page_text,
            body_html=big_html,
            toc_html=big_toc,
            markup_version=big_version,
            revision=BIG_PAGE_REVISIONS,
            created_by=self.lead,
            updated_by=self.lead,
        )
        self.big_page.set_container(self.workspace)
        pages.append(self.big_page)
        Page.objects.bulk_create(pages, batch_size=BATCH)

        revisions_per_page = spread(rng, pages, BIG_PAGE_REVISIONS, self.counts["revisions"])
        rows = []
        for page in pages:
            last = revisions_per_page[page.pk]
            for number in range(1, last + 1):
                body, body_html = page.body, page.body_html
                if page is self.big_page and number < last:
                    # Earlier revisions lack the last paragraphs' note, so diffs show a change.
                    note = f"Revision {number} of the reference page."
                    body, body_html = f"{body}\n\n{note}\n", f"{body_html}\n<p>{note}</p>"
                rows.append(
                    History(
                        id=page.pk,
                        workspace_id=page.workspace_id,
                        group_id=page.group_id,
                        title=page.title,
                        path=page.path,
                        body=body,
                        body_html=body_html,
                        toc_html=page.toc_html,
                        markup_version=page.markup_version,
                        revision=number,
                        change_summary=f"Edit {number}",
                        is_protected=False,
                        deleted_at=None,
                        history_date=page.updated_at - timedelta(hours=last - number),
                        history_type="+" if number == 1 else "~",
                        history_user=rng.choice(people),
                        history_change_reason=None,
                    )
                )
            if page is not self.big_page:
                page.revision = last
        History.objects.bulk_create(rows, batch_size=500)
        Page.objects.bulk_update(pages, ["revision"], batch_size=BATCH)
        self.revision_total = len(rows)
        self.page_total = len(pages)
