"""One biller ID per deployment.

Before the constraint can exist, duplicates already stored must go. The LGO that saved a biller ID first keeps it
(the bank's agreement was made for one LGO, and the copy is the later edit, possibly a takeover); every later holder
gets a blank biller ID, which shows its citizens "pay at the counter" instead of a QR that pays someone else, until
its administrator enters its own. Each change is written to the log for the deployment's administrators.
"""

import logging

from django.db import migrations, models

logger = logging.getLogger("organizations.migrations")


def clear_duplicate_biller_ids(apps, schema_editor):
    Organization = apps.get_model("organizations", "Organization")
    kept: set[str] = set()
    for pk, code, biller_id in (Organization.objects.exclude(biller_id="").order_by("created_at", "pk")
                                .values_list("pk", "code", "biller_id")):
        if biller_id in kept:
            Organization.objects.filter(pk=pk).update(biller_id="")
            logger.warning("Biller ID %s was also held by an earlier LGO: cleared on LGO %s", biller_id, code)
        else:
            kept.add(biller_id)


class Migration(migrations.Migration):

    dependencies = [
        ("organizations", "0003_seed_national_holidays"),
    ]

    operations = [
        migrations.RunPython(clear_duplicate_biller_ids, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="organization",
            constraint=models.UniqueConstraint(condition=models.Q(("biller_id", ""), _negated=True),
                                               fields=("biller_id",), name="organization_biller_id_unique"),
        ),
    ]
