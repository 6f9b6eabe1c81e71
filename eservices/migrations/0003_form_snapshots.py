"""Store each distinct form definition once (FormSnapshot) instead of on every case; trigram index for name search.

A definition is ~2 KB of JSON and nearly every case of a service shares it, so the case table shrinks about 8x and
the inbox's rows stay in memory. The name search index (PostgreSQL only) serves the inbox's substring search on
Thai names, which have no spaces to split on; SQLite simply scans.
"""

import hashlib
import json

import django.db.models.deletion
from django.core.serializers.json import DjangoJSONEncoder
from django.db import migrations, models


def _snapshot_id(FormSnapshot, definition, cache):
    canonical = json.dumps(definition, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    if digest not in cache:
        cache[digest] = FormSnapshot.objects.get_or_create(
            digest=digest, defaults={"definition": json.loads(canonical)})[0].pk
    return cache[digest]


def move_definitions(apps, schema_editor):
    FormSnapshot = apps.get_model("eservices", "FormSnapshot")
    Submission = apps.get_model("eservices", "Submission")
    cache = {}
    if schema_editor.connection.vendor == "postgresql":
        # Set-based: one UPDATE per distinct definition (a handful), not one per case (a million).
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT md5(definition::text), MIN(id) FROM eservices_submission GROUP BY 1")
            for group, sample_id in cursor.fetchall():
                definition = Submission.objects.values_list("definition", flat=True).get(pk=sample_id)
                cursor.execute("UPDATE eservices_submission SET snapshot_id = %s WHERE md5(definition::text) = %s",
                               [_snapshot_id(FormSnapshot, definition, cache), group])
        return
    for submission in Submission.objects.only("pk", "definition").iterator():
        Submission.objects.filter(pk=submission.pk).update(
            snapshot_id=_snapshot_id(FormSnapshot, submission.definition, cache))


def restore_definitions(apps, schema_editor):
    Submission = apps.get_model("eservices", "Submission")
    for submission in Submission.objects.select_related("snapshot").iterator():
        Submission.objects.filter(pk=submission.pk).update(definition=submission.snapshot.definition)


def create_name_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS eservices_sub_name_trgm ON eservices_submission "
        "USING gin (UPPER(applicant_name::text) gin_trgm_ops)"
    )


def drop_name_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS eservices_sub_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("eservices", "0002_inbox_due_indexes")]

    operations = [
        migrations.CreateModel(
            name="FormSnapshot",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("digest", models.CharField(editable=False, max_length=64, unique=True, verbose_name="digest")),
                ("definition", models.JSONField(verbose_name="form definition")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="first used")),
            ],
            options={"verbose_name": "form version", "verbose_name_plural": "form versions"},
        ),
        migrations.AddField(
            model_name="submission",
            name="snapshot",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="submissions", to="eservices.formsnapshot",
                                    verbose_name="form version"),
        ),
        migrations.AlterField(
            model_name="submission", name="definition",
            field=models.JSONField(null=True, verbose_name="form definition"),
        ),
        migrations.RunPython(move_definitions, restore_definitions),
        migrations.RemoveField(model_name="submission", name="definition"),
        migrations.AlterField(
            model_name="submission",
            name="snapshot",
            field=models.ForeignKey(help_text="The form exactly as it was when filed.",
                                    on_delete=django.db.models.deletion.PROTECT, related_name="submissions",
                                    to="eservices.formsnapshot", verbose_name="form version"),
        ),
        migrations.RunPython(create_name_index, drop_name_index),
    ]
