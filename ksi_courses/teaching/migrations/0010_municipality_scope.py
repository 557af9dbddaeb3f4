"""Municipality admins manage municipalities and memberships in the Wagtail admin (issue 23).

Adds the new model permissions to the Kommuneadministrator group (see roles.py); admins who belong
to a municipality are held to viewing them by the admin's permission policy.
"""

from django.db import migrations


def sync_roles(apps, schema_editor):
    from ksi_courses.teaching.roles import sync_role_groups

    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [("ksi_teaching", "0009_placements")]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
