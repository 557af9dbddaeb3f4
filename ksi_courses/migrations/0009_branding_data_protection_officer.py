from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ksi_courses", "0008_library_pictures"),
    ]

    operations = [
        migrations.AddField(
            model_name="branding",
            name="data_protection_officer",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Name, phone and e-mail of the municipality's data protection officer (personvernombud)."
                    " Printed in the privacy notice of the registration form."
                ),
                max_length=200,
                verbose_name="data protection officer",
            ),
        ),
    ]
