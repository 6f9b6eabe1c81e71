"""LGO administrators edit their own site's website settings (logo, colour, social links): grant the permission
on each existing LGO's site, as `organizations.permissions.ensure_organization_groups` now does for new LGOs."""

from django.db import migrations


def grant(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    OrganizationGroup = apps.get_model("organizations", "OrganizationGroup")
    permission = Permission.objects.filter(content_type__app_label="home", codename="change_sitesettings").first()
    if permission is None:  # a fresh database: permissions are created after migrating, and there is no LGO yet
        return
    for link in OrganizationGroup.objects.filter(role="lgo_admin").select_related("organization"):
        GroupSitePermission.objects.get_or_create(
            group_id=link.group_id, site_id=link.organization.site_id, permission=permission)


class Migration(migrations.Migration):

    dependencies = [
        ("home", "0003_search_synonym"),
        ("organizations", "0004_biller_id_unique"),
        ("wagtailcore", "0095_groupsitepermission"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
