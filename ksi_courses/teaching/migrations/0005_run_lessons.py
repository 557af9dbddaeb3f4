from django.db import migrations, models


STEPLEN = 4  # treebeard's path step, as Wagtail uses it


def pin_existing_runs(apps, schema_editor):
    """Runs created before runs kept their lessons teach the course's live lessons as they are now,
    so the course upgrade that usually follows this migration changes neither them nor their report."""
    CourseRun = apps.get_model("ksi_teaching", "CourseRun")
    LessonPage = apps.get_model("ksi_courses", "LessonPage")
    ModulePage = apps.get_model("ksi_courses", "ModulePage")
    for run in CourseRun.objects.select_related("course"):
        course_path = run.course.path
        live_modules = set(
            ModulePage.objects.filter(path__startswith=course_path, live=True).values_list("path", flat=True)
        )
        # Lessons sit two tree levels (of STEPLEN characters each) below the course: course / module / lesson.
        lessons = [
            lesson
            for lesson in LessonPage.objects.filter(path__startswith=course_path, live=True)
            if len(lesson.path) == len(course_path) + 2 * STEPLEN and lesson.path[:-STEPLEN] in live_modules
        ]
        run.lessons.set(lessons)
        run.quiz_sizes = {str(lesson.pk): _quiz_sizes(lesson.body.raw_data) for lesson in lessons}
        run.save(update_fields=["quiz_sizes"])


def _quiz_sizes(raw_body) -> dict[str, int]:
    return {
        block["value"]["id"]: len(block["value"].get("questions", []))
        for block in raw_body
        if block.get("type") == "quiz"
    }


class Migration(migrations.Migration):
    dependencies = [
        ("ksi_courses", "0009_branding_data_protection_officer"),
        ("ksi_teaching", "0004_assessment_results_logbook"),
    ]

    operations = [
        migrations.AddField(
            model_name="courserun",
            name="lessons",
            field=models.ManyToManyField(
                blank=True,
                editable=False,
                help_text="The lessons this run teaches: the course's lessons when the run was created.",
                related_name="+",
                to="ksi_courses.lessonpage",
                verbose_name="lessons",
            ),
        ),
        migrations.AddField(
            model_name="courserun",
            name="quiz_sizes",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                help_text="Questions per quiz of those lessons.",
                verbose_name="quiz sizes",
            ),
        ),
        migrations.RunPython(pin_existing_runs, migrations.RunPython.noop),
    ]
