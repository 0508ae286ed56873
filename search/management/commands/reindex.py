"""Rebuild the search index from the content, in batches; resumable."""

from django.core.management.base import BaseCommand, CommandError

from alliance_hub.hooks import SEARCH_SOURCE, get_hooks_by
from search.index import reindex_batch
from search.models import Entry, ReindexProgress


class Command(BaseCommand):
    help = (
        "Rebuild the search index in batches. A run that stops (or --max-batches) is "
        "resumed by the next one; --restart starts over. Files whose text was never "
        "extracted are queued for the worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--kind", action="append", choices=sorted(get_hooks_by(SEARCH_SOURCE, "kind"))
        )
        parser.add_argument("--restart", action="store_true", help="forget earlier progress")
        parser.add_argument("--max-batches", type=int, default=0, help="stop after this many")

    def handle(self, *args, batch_size, kind, restart, max_batches, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        if restart:
            ReindexProgress.objects.all().delete()
        self.budget = max_batches or None
        for name in kind or sorted(get_hooks_by(SEARCH_SOURCE, "kind")):
            if not self._reindex(name, batch_size):
                self.stdout.write("Stopped; run reindex again to resume.")
                return
        Entry.objects.exclude(kind__in=list(get_hooks_by(SEARCH_SOURCE, "kind"))).delete()
        ReindexProgress.objects.all().delete()
        self.stdout.write(self.style.SUCCESS("Search index rebuilt."))

    def _reindex(self, kind, batch_size):
        """Index ``kind`` from where it stopped; False if the batch budget ran out."""
        progress, _ = ReindexProgress.objects.get_or_create(kind=kind)
        if progress.done:
            return True
        if progress.last_id:
            self.stdout.write(f"{kind}: resuming after id {progress.last_id}")
        ids = get_hooks_by(SEARCH_SOURCE, "kind")[kind].all_ids()
        while True:
            batch = list(ids.filter(pk__gt=progress.last_id)[:batch_size])
            if not batch:
                break
            if self.budget is not None:
                if self.budget == 0:
                    return False
                self.budget -= 1
            reindex_batch(kind, batch, progress.last_id)
            progress.last_id = batch[-1]
            progress.save(update_fields=["last_id", "updated_at"])
            self.stdout.write(f"{kind}: indexed up to id {progress.last_id}")
        Entry.objects.filter(kind=kind, object_id__gt=progress.last_id).delete()
        progress.done = True
        progress.save(update_fields=["done", "updated_at"])
        return True
