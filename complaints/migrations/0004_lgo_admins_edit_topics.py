"""LGO administrators edit their topics, routing rules and complaint settings: grant the permissions to each existing
LGO's administrators group, as `organizations.permissions.ensure_organization_groups` does for new LGOs (the
permission rows are created here when this migration runs before Django's post-migrate step)."""

from django.db import migrations

MODELS = {"category": "complaint topic", "routingrule": "routing rule", "complaintsettings": "complaint settings"}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    OrganizationGroup = apps.get_model("organizations", "OrganizationGroup")
    links = list(OrganizationGroup.objects.filter(role="lgo_admin"))
    if not links:
        return
    permissions = []
    for model, label in MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="complaints", model=model)
        for action in ("view", "add", "change", "delete"):
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {label}"})
            permissions.append(permission)
    Group = apps.get_model("auth", "Group")
    for link in links:
        Group.objects.get(pk=link.group_id).permissions.add(*permissions)


class Migration(migrations.Migration):

    dependencies = [
        ("complaints", "0003_category_shown_publicly"),
        ("organizations", "0006_onboarding"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
