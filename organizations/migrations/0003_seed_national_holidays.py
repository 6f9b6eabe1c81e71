from django.db import migrations


def seed(apps, schema_editor):
    from organizations.holidays import seed_national_holidays

    seed_national_holidays(apps.get_model("organizations", "Holiday"))


class Migration(migrations.Migration):

    dependencies = [
        ("organizations", "0002_role_groups_collection_holiday_note"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
