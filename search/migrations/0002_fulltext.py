"""The full-text side of the index, per database (the model does not declare it).

PostgreSQL: a generated, weighted tsvector column (title A, tags and file name B,
text C, file text D; English stemming) with a GIN index; it follows every write.
SQLite: an external-content FTS5 table (Porter stemming) kept in step by triggers.
A later migration that makes Django rebuild ``search_entry`` on SQLite drops the
triggers with the old table: it must run FORWARD_SQLITE's triggers again.
"""

from django.db import migrations

CONFIG = "english"
COLUMNS = ("title", "tags", "body", "file_text")
WEIGHTS = dict(zip(COLUMNS, "ABCD"))

FORWARD_POSTGRESQL = [
    "ALTER TABLE search_entry ADD COLUMN vector tsvector GENERATED ALWAYS AS ("
    + " || ".join(
        f"setweight(to_tsvector('{CONFIG}'::regconfig, coalesce({column}, '')), '{weight}')"
        for column, weight in WEIGHTS.items()
    )
    + ") STORED",
    "CREATE INDEX search_entry_vector ON search_entry USING GIN (vector)",
]
BACKWARD_POSTGRESQL = [
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS vector",
]

_cols = ", ".join(COLUMNS)
_new = ", ".join(f"new.{c}" for c in COLUMNS)
_old = ", ".join(f"old.{c}" for c in COLUMNS)
FORWARD_SQLITE = [
    f"CREATE VIRTUAL TABLE search_entry_fts USING fts5({_cols}, content='search_entry',"
    " content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_entry_fts_insert AFTER INSERT ON search_entry BEGIN"
    f" INSERT INTO search_entry_fts(rowid, {_cols}) VALUES (new.id, {_new}); END",
    "CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_entry BEGIN"
    f" INSERT INTO search_entry_fts(search_entry_fts, rowid, {_cols})"
    f" VALUES ('delete', old.id, {_old}); END",
    "CREATE TRIGGER search_entry_fts_update AFTER UPDATE ON search_entry BEGIN"
    f" INSERT INTO search_entry_fts(search_entry_fts, rowid, {_cols})"
    f" VALUES ('delete', old.id, {_old});"
    f" INSERT INTO search_entry_fts(rowid, {_cols}) VALUES (new.id, {_new}); END",
    "INSERT INTO search_entry_fts(search_entry_fts) VALUES ('rebuild')",
]
BACKWARD_SQLITE = [
    "DROP TRIGGER IF EXISTS search_entry_fts_insert",
    "DROP TRIGGER IF EXISTS search_entry_fts_delete",
    "DROP TRIGGER IF EXISTS search_entry_fts_update",
    "DROP TABLE IF EXISTS search_entry_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": FORWARD_POSTGRESQL, "sqlite": FORWARD_SQLITE}),
            _run({"postgresql": BACKWARD_POSTGRESQL, "sqlite": BACKWARD_SQLITE}),
        )
    ]
