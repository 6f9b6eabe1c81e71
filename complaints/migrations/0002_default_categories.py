"""Every LGO that existed before this app gets the default complaint topics (new LGOs get them on creation)."""

from django.db import migrations


def add_defaults(apps, schema_editor):
    from complaints.defaults import ensure_default_categories

    Organization = apps.get_model("organizations", "Organization")
    Category = apps.get_model("complaints", "Category")
    Department = apps.get_model("organizations", "Department")
    for organization in Organization.objects.all():
        ensure_default_categories(organization, category_model=Category, department_model=Department)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
