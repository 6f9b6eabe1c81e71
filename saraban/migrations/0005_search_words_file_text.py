"""Whole words of the search text (to rank whole-word matches first) and the text of received PDFs.

Existing rows get their words here; their PDFs' text is not read back (file_text stays null, "not read").
"""

from django.db import migrations, models


def populate(apps, schema_editor):
    from saraban.search import word_string

    Document = apps.get_model("saraban", "Document")
    batch = []
    for document in Document.objects.only("pk", "search_text").iterator(chunk_size=1000):
        document.search_words = word_string(document.search_text)
        batch.append(document)
        if len(batch) >= 1000:
            Document.objects.bulk_update(batch, ["search_words"])
            batch = []
    if batch:
        Document.objects.bulk_update(batch, ["search_words"])


class Migration(migrations.Migration):

    dependencies = [
        ('saraban', '0004_number_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='document',
            name='file_text',
            field=models.TextField(blank=True, editable=False, help_text="The received PDF's text layer, searched with the subject; empty for a scanned image without one, null when no PDF was read.", null=True, verbose_name='text of the received PDF'),
        ),
        migrations.AddField(
            model_name='document',
            name='search_words',
            field=models.TextField(blank=True, editable=False, help_text='The search text as whole Thai words (" word word "), to rank whole-word matches first.', verbose_name='search words'),
        ),
        migrations.RunPython(populate, migrations.RunPython.noop),
    ]
