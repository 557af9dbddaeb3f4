# Submissions of course forms get their own model, tied to the user who sent them (for the data
# export and erasure). Earlier submissions move over from Wagtail's FormSubmission, anonymous.

import django.core.serializers.json
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_submissions(apps, schema_editor):
    FormSubmission = apps.get_model("wagtailforms", "FormSubmission")
    CourseFormPage = apps.get_model("ksi_courses", "CourseFormPage")
    CourseFormSubmission = apps.get_model("ksi_courses", "CourseFormSubmission")
    old = FormSubmission.objects.filter(page_id__in=CourseFormPage.objects.values("pk")).order_by("pk")
    for submission in old:
        moved = CourseFormSubmission.objects.create(form_data=submission.form_data, page_id=submission.page_id)
        CourseFormSubmission.objects.filter(pk=moved.pk).update(submit_time=submission.submit_time)  # auto_now_add
    old.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("ksi_courses", "0004_course_plan"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CourseFormSubmission",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("form_data", models.JSONField(encoder=django.core.serializers.json.DjangoJSONEncoder)),
                ("submit_time", models.DateTimeField(auto_now_add=True, verbose_name="submit time")),
                (
                    "page",
                    models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to=settings.WAGTAIL_PAGE_MODEL),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="ksi_form_submissions",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="sent by",
                    ),
                ),
            ],
            options={
                "verbose_name": "form submission",
                "verbose_name_plural": "form submissions",
                "abstract": False,
                "indexes": [models.Index(fields=["submit_time"], name="ksi_form_submit_time")],
            },
        ),
        migrations.RunPython(move_submissions, migrations.RunPython.noop),
    ]
