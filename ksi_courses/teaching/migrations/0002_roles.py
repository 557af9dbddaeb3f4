"""Create the role groups Kommuneadministrator, Lærer and Deltaker (see ksi_courses/teaching/roles.py)."""

from django.db import migrations


def create_role_groups(apps, schema_editor):
    from ksi_courses.teaching.roles import sync_role_groups

    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("ksi_teaching", "0001_initial"),
        ("ksi_courses", "0002_branding"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0090_remove_grouppagepermission_permission_type"),
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtaildocs", "0012_uploadeddocument"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
