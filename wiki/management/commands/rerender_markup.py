"""Re-render stored Markdown after a change of the sanitising policy, in every app.

Any model with a ``markup_version`` field and a ``render_markup()`` method takes
part: ``render_markup()`` recomputes the stored HTML fields on the instance without
saving and returns the names of the fields it set (if it returns None, the model's
``*_html`` fields and ``markup_version`` are written). Rows are written with
``bulk_update``, so no save signals fire and no new revisions appear; each batch is
locked while it is rewritten, so a concurrent edit is not overwritten with old HTML.
"""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.management.base import BaseCommand
from django.db import transaction

from alliance_hub.markup import POLICY_VERSION


def markup_models():
    """Every installed model that stores rendered markup."""
    found = []
    for model in apps.get_models():
        try:
            model._meta.get_field("markup_version")
        except FieldDoesNotExist:
            continue
        if callable(getattr(model, "render_markup", None)):
            found.append(model)
    return found


def _default_fields(model):
    names = [f.name for f in model._meta.concrete_fields if f.name.endswith("_html")]
    return [*names, "markup_version"]


def rerender_model(model, *, everything=False, batch_size=200):
    """Re-render the rows of ``model`` made with an older policy (all rows if
    ``everything``); returns how many were rewritten."""
    rows = model._default_manager.order_by("pk")
    if not everything:
        rows = rows.filter(markup_version__lt=POLICY_VERSION)
    done, last_pk = 0, None
    while True:
        with transaction.atomic():
            batch_rows = rows if last_pk is None else rows.filter(pk__gt=last_pk)
            batch = list(batch_rows.select_for_update()[:batch_size])
            if not batch:
                return done
            fields = None
            for obj in batch:
                fields = obj.render_markup() or _default_fields(model)
            model._default_manager.bulk_update(batch, fields)
        done += len(batch)
        last_pk = batch[-1].pk


class Command(BaseCommand):
    help = (
        "Re-render stored Markdown (wiki pages and their revisions, posts...) made with an "
        "older sanitising policy than alliance_hub.markup.POLICY_VERSION."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Re-render every row, whatever its version."
        )
        parser.add_argument("--batch-size", type=int, default=200)

    def handle(self, *args, **options):
        total = 0
        for model in markup_models():
            count = rerender_model(
                model, everything=options["all"], batch_size=options["batch_size"]
            )
            total += count
            self.stdout.write(f"{model._meta.label}: {count} re-rendered")
        self.stdout.write(
            self.style.SUCCESS(f"{total} rows re-rendered (policy {POLICY_VERSION}).")
        )
