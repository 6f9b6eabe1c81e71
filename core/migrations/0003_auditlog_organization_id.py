"""The audit log keeps the LGO as an id, not a foreign key: core names no app (the arrows point one way).

Two steps keep the data on every database: the foreign key becomes a plain integer (its column is renamed
`organization`), then the field takes the name `organization_id` and its column the old name back.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0002_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditlog",
            name="organization",
            field=models.BigIntegerField(blank=True, null=True, db_index=True, verbose_name="organization"),
        ),
        migrations.RenameField(
            model_name="auditlog",
            old_name="organization",
            new_name="organization_id",
        ),
    ]
