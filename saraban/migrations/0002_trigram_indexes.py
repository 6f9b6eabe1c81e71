"""Trigram GIN indexes for substring search in Thai (no spaces between words) on PostgreSQL only.

Django's `icontains` on PostgreSQL compiles to UPPER(col::text) LIKE UPPER('%word%'), so the indexes are on that
expression. SQLite has no pg_trgm and simply scans, which is fine at its scale.
"""

from django.db import migrations

COLUMNS = ("subject", "body", "sender", "recipient", "reference_number")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS saraban_doc_{column}_trgm ON saraban_document "
            f"USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS saraban_doc_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("saraban", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
