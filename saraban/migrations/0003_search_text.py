"""One searchable column for subject + text (NFKC, casefolded in Python), with one trigram index.

Searching two UPPER()ed columns cost two GIN scans and an UPPER per row on recheck; a single pre-normalised column
halves the index work and needs no function at query time. The sender/recipient/ที่ indexes from 0002 stay.
"""

import unicodedata

from django.db import migrations, models


def populate(apps, schema_editor):
    Document = apps.get_model("saraban", "Document")
    batch = []
    for document in Document.objects.only("pk", "subject", "body").iterator(chunk_size=2000):
        document.search_text = unicodedata.normalize("NFKC", f"{document.subject}\n{document.body}").casefold()
        batch.append(document)
        if len(batch) >= 2000:
            Document.objects.bulk_update(batch, ["search_text"])
            batch = []
    if batch:
        Document.objects.bulk_update(batch, ["search_text"])


def indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS saraban_doc_subject_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS saraban_doc_body_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS saraban_doc_search_text_trgm ON saraban_document "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS saraban_doc_search_text_trgm")


class Migration(migrations.Migration):
    dependencies = [("saraban", "0002_trigram_indexes")]

    operations = [
        migrations.AddField(
            model_name="document",
            name="search_text",
            field=models.TextField(
                blank=True, editable=False, verbose_name="search text",
                help_text="Subject and text in search form (see search_form); trigram-indexed on PostgreSQL.",
            ),
        ),
        migrations.RunPython(populate, migrations.RunPython.noop),
        migrations.RunPython(indexes, drop_indexes),
    ]
