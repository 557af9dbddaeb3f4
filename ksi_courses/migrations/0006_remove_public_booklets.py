# Earlier releases kept the teacher edition (every teacher note and quiz answer) in the default
# storage, under the public MEDIA_URL. Its file name does not tell it from the participant
# booklet, so every stored booklet goes; participant booklets are built again when next asked for,
# teacher editions now go to the restricted storage (ksi_courses.restricted_files).

from django.core.files.storage import default_storage
from django.db import migrations

PDF_DIR = "ksi_courses/pdf"


def remove_public_booklets(apps, schema_editor):
    try:
        files = default_storage.listdir(PDF_DIR)[1]
    except FileNotFoundError:  # no PDF was ever built
        return
    except NotImplementedError:  # a storage that cannot list: the release notes say what to delete
        return
    for name in files:
        if "-booklet-" in name and name.endswith(".pdf"):
            default_storage.delete(f"{PDF_DIR}/{name}")


class Migration(migrations.Migration):

    dependencies = [("ksi_courses", "0005_course_form_submissions")]

    operations = [migrations.RunPython(remove_public_booklets, migrations.RunPython.noop, elidable=True)]
