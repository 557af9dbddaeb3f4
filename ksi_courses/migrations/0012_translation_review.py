# Translation review (issue 20): who marked which language of a course reviewed, and the
# "review translations" permission, given to the Kommuneadministrator role.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ADMIN_GROUP = "Kommuneadministrator"  # ksi_courses.teaching.roles.ADMIN_GROUP, frozen here


def give_admins_the_permission(apps, schema_editor):
    # Model permissions are created after all migrations (post_migrate); create this one now.
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("ksi_courses")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="ksi_courses", codename="review_translations")
    group, _ = Group.objects.get_or_create(name=ADMIN_GROUP)
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("ksi_courses", "0011_vocabulary_review"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="TranslationReview",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "language",
                    models.CharField(
                        choices=[
                            ("en", "engelsk"),
                            ("uk", "ukrainsk"),
                            ("ar", "arabisk"),
                            ("ti", "tigrinja"),
                            ("so", "somali"),
                            ("prs", "dari"),
                            ("ru", "russisk"),
                        ],
                        max_length=8,
                        verbose_name="language",
                    ),
                ),
                ("reviewed_at", models.DateTimeField(auto_now_add=True, verbose_name="reviewed at")),
                ("entries", models.PositiveIntegerField(default=0, verbose_name="entries marked")),
                (
                    "course_page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="ksi_courses.coursepage",
                        verbose_name="course",
                    ),
                ),
                (
                    "reviewer",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="reviewed by",
                    ),
                ),
            ],
            options={
                "verbose_name": "translation review",
                "verbose_name_plural": "translation reviews",
                "ordering": ["-reviewed_at", "-pk"],
                "permissions": [("review_translations", "Can review and correct vocabulary translations")],
            },
        ),
        migrations.RunPython(give_admins_the_permission, migrations.RunPython.noop),
    ]
