"""Editors translate and approvers publish translations through the LGO's workflow (issue #11 item 9): give each
existing LGO's page roles wagtail-localize's "submit translation" permission, their page permissions on the LGO's
English home tree as on the Thai one, and that tree the same workflow, as `ensure_organization_groups` now does."""

from django.db import migrations

PAGE_ROLES = ("pr_editor", "pr_approver", "lgo_admin")


def grant(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Organization = apps.get_model("organizations", "Organization")
    OrganizationGroup = apps.get_model("organizations", "OrganizationGroup")
    submit = Permission.objects.filter(content_type__app_label="wagtail_localize",
                                       codename="submit_translation").first()
    for organization in Organization.objects.select_related("site__root_page"):
        home = organization.site.root_page
        others = list(Page.objects.filter(translation_key=home.translation_key).exclude(pk=home.pk))
        for link in OrganizationGroup.objects.filter(organization=organization, role__in=PAGE_ROLES):
            if submit is not None:  # a fresh database gets it from ensure_organization_groups
                link.group.permissions.add(submit)
            for granted in GroupPagePermission.objects.filter(group_id=link.group_id, page=home):
                for other in others:
                    GroupPagePermission.objects.get_or_create(
                        group_id=link.group_id, page=other, permission_id=granted.permission_id)
        workflow = WorkflowPage.objects.filter(page=home).first()
        if workflow is not None:
            for other in others:
                WorkflowPage.objects.update_or_create(page=other, defaults={"workflow_id": workflow.workflow_id})


class Migration(migrations.Migration):

    dependencies = [
        ("organizations", "0007_provinceadministrator"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailcore", "0095_groupsitepermission"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
