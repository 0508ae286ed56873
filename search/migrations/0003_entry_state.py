"""The state a source gives an entry (a document version's "Approved"). On SQLite,
Django adds a NOT NULL column by rebuilding ``search_entry``, which drops the FTS
triggers: they are made again here, as 0002_fulltext asks."""

import importlib

from django.db import migrations, models

fulltext = importlib.import_module("search.migrations.0002_fulltext")


def _rebuild_sqlite_fulltext(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in [*fulltext.BACKWARD_SQLITE, *fulltext.FORWARD_SQLITE]:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="state",
            field=models.CharField(blank=True, max_length=30),
        ),
        migrations.RunPython(_rebuild_sqlite_fulltext, _rebuild_sqlite_fulltext),
    ]
