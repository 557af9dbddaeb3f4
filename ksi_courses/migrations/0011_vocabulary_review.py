# The vocabulary entry block gets a safety flag and the languages a native speaker has reviewed (issue 29).

import wagtail.fields
from django.db import migrations

import ksi_courses.blocks


class Migration(migrations.Migration):
    dependencies = [
        ("ksi_courses", "0010_branding_print_logo"),
    ]

    operations = [
        migrations.AlterField(
            model_name="lessonpage",
            name="body",
            field=wagtail.fields.StreamField(
                [
                    ("text", 1),
                    ("image", 7),
                    ("vocabulary", 24),
                    ("checklist", 30),
                    ("quiz", 41),
                    ("exercise", 45),
                    ("callout", 48),
                    ("teacher_note", 58),
                    ("video", 61),
                ],
                block_lookup={
                    0: ("ksi_courses.blocks.MarkdownBlock", (), {"label": "Text"}),
                    1: ("wagtail.blocks.StructBlock", [[("body", 0)]], {}),
                    2: ("wagtail.images.blocks.ImageChooserBlock", (), {"label": "Image", "required": False}),
                    3: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": ksi_courses.blocks.picture_choices,
                            "help_text": "Or choose a picture from the library instead of an image. Use one of them, not both.",
                            "label": "Picture from the library",
                            "required": False,
                        },
                    ),
                    4: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"help_text": "What the picture shows, for screen readers.", "label": "Alt text"},
                    ),
                    5: ("wagtail.blocks.CharBlock", (), {"label": "Caption", "required": False}),
                    6: ("wagtail.blocks.CharBlock", (), {"label": "Credit", "required": False}),
                    7: (
                        "wagtail.blocks.StructBlock",
                        [[("image", 2), ("picture", 3), ("alt", 4), ("caption", 5), ("credit", 6)]],
                        {},
                    ),
                    8: ("wagtail.blocks.CharBlock", (), {"default": "Ord og uttrykk", "label": "Title"}),
                    9: ("wagtail.blocks.CharBlock", (), {"label": "Word"}),
                    10: ("wagtail.blocks.CharBlock", (), {"label": "Explanation in plain Norwegian"}),
                    11: ("wagtail.blocks.CharBlock", (), {"label": "engelsk (en)"}),
                    12: ("wagtail.blocks.CharBlock", (), {"label": "ukrainsk (uk)"}),
                    13: ("wagtail.blocks.CharBlock", (), {"label": "arabisk (ar)"}),
                    14: ("wagtail.blocks.CharBlock", (), {"label": "tigrinja (ti)"}),
                    15: ("wagtail.blocks.CharBlock", (), {"label": "somali (so)"}),
                    16: ("wagtail.blocks.CharBlock", (), {"label": "dari (prs)"}),
                    17: ("wagtail.blocks.CharBlock", (), {"label": "russisk (ru)"}),
                    18: (
                        "wagtail.blocks.StructBlock",
                        [[("en", 11), ("uk", 12), ("ar", 13), ("ti", 14), ("so", 15), ("prs", 16), ("ru", 17)]],
                        {},
                    ),
                    19: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": ksi_courses.blocks.picture_choices,
                            "help_text": "Optional: a small picture shown beside the word.",
                            "label": "Picture from the library",
                            "required": False,
                        },
                    ),
                    20: (
                        "wagtail.blocks.BooleanBlock",
                        (),
                        {
                            "help_text": "Chemicals, allergens, emergencies: the Tigrinya and Somali translations are marked as not yet checked by a native speaker until they are reviewed.",
                            "label": "Safety term",
                            "required": False,
                        },
                    ),
                    21: (
                        "wagtail.blocks.MultipleChoiceBlock",
                        [],
                        {
                            "choices": [
                                ("en", "engelsk (en)"),
                                ("uk", "ukrainsk (uk)"),
                                ("ar", "arabisk (ar)"),
                                ("ti", "tigrinja (ti)"),
                                ("so", "somali (so)"),
                                ("prs", "dari (prs)"),
                                ("ru", "russisk (ru)"),
                            ],
                            "label": "Translations reviewed by a native speaker",
                            "required": False,
                        },
                    ),
                    22: (
                        "wagtail.blocks.StructBlock",
                        [
                            [
                                ("term", 9),
                                ("explanation", 10),
                                ("translations", 18),
                                ("picture", 19),
                                ("safety", 20),
                                ("reviewed", 21),
                            ]
                        ],
                        {},
                    ),
                    23: ("wagtail.blocks.ListBlock", (22,), {"label": "Words"}),
                    24: ("wagtail.blocks.StructBlock", [[("title", 8), ("entries", 23)]], {}),
                    25: ("ksi_courses.blocks.IdBlock", (), {}),
                    26: ("wagtail.blocks.CharBlock", (), {"label": "Title"}),
                    27: ("wagtail.blocks.CharBlock", (), {"label": "Text"}),
                    28: ("wagtail.blocks.StructBlock", [[("id", 25), ("text", 27)]], {}),
                    29: ("wagtail.blocks.ListBlock", (28,), {"label": "Items"}),
                    30: ("wagtail.blocks.StructBlock", [[("id", 25), ("title", 26), ("items", 29)]], {}),
                    31: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [
                                ("single", "One correct answer"),
                                ("multiple", "Several correct answers"),
                                ("true_false", "True or false"),
                            ],
                            "label": "Kind",
                        },
                    ),
                    32: ("wagtail.blocks.CharBlock", (), {"label": "Question"}),
                    33: ("wagtail.blocks.CharBlock", (), {"label": "Answer"}),
                    34: ("wagtail.blocks.BooleanBlock", (), {"label": "Correct", "required": False}),
                    35: ("wagtail.blocks.StructBlock", [[("text", 33), ("correct", 34)]], {}),
                    36: (
                        "wagtail.blocks.ListBlock",
                        (35,),
                        {"default": [], "help_text": "For one/several correct answers.", "label": "Choices"},
                    ),
                    37: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [("true", "True"), ("false", "False")],
                            "label": "Answer (true/false)",
                            "required": False,
                        },
                    ),
                    38: ("wagtail.blocks.CharBlock", (), {"label": "Explanation shown after answering"}),
                    39: (
                        "wagtail.blocks.StructBlock",
                        [
                            [
                                ("id", 25),
                                ("kind", 31),
                                ("prompt", 32),
                                ("choices", 36),
                                ("answer", 37),
                                ("explanation", 38),
                            ]
                        ],
                        {},
                    ),
                    40: ("wagtail.blocks.ListBlock", (39,), {"label": "Questions"}),
                    41: ("wagtail.blocks.StructBlock", [[("id", 25), ("title", 26), ("questions", 40)]], {}),
                    42: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [
                                ("task", "Task"),
                                ("discussion", "Discussion"),
                                ("role_play", "Role play"),
                                ("workplace", "Practice at the workplace"),
                            ],
                            "label": "Kind",
                        },
                    ),
                    43: ("ksi_courses.blocks.MarkdownBlock", (), {"label": "Instructions"}),
                    44: (
                        "wagtail.blocks.IntegerBlock",
                        (),
                        {"label": "Minutes", "max_value": 240, "min_value": 1, "required": False},
                    ),
                    45: (
                        "wagtail.blocks.StructBlock",
                        [[("kind", 42), ("title", 26), ("body", 43), ("duration_minutes", 44)]],
                        {},
                    ),
                    46: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [
                                ("warning", "Safety warning"),
                                ("hygiene", "Hygiene"),
                                ("tip", "Tip"),
                                ("info", "Note"),
                            ],
                            "label": "Kind",
                        },
                    ),
                    47: ("ksi_courses.blocks.MarkdownBlock", (), {"label": "Text", "rows": 3}),
                    48: ("wagtail.blocks.StructBlock", [[("kind", 46), ("title", 26), ("body", 47)]], {}),
                    49: ("ksi_courses.blocks.MarkdownBlock", (), {"label": "Note", "required": False}),
                    50: (
                        "ksi_courses.blocks.MarkdownBlock",
                        (),
                        {"label": "Preparation", "required": False, "rows": 3},
                    ),
                    51: ("wagtail.blocks.CharBlock", (), {"label": "Material"}),
                    52: ("wagtail.blocks.ListBlock", (51,), {"default": [], "label": "Materials"}),
                    53: ("wagtail.blocks.IntegerBlock", (), {"label": "Minutes", "max_value": 240, "min_value": 1}),
                    54: ("wagtail.blocks.CharBlock", (), {"label": "Activity"}),
                    55: ("wagtail.blocks.StructBlock", [[("minutes", 53), ("activity", 54)]], {}),
                    56: ("wagtail.blocks.ListBlock", (55,), {"default": [], "label": "Time plan"}),
                    57: (
                        "ksi_courses.blocks.MarkdownBlock",
                        (),
                        {"label": "Adapting for lower language levels", "required": False, "rows": 3},
                    ),
                    58: (
                        "wagtail.blocks.StructBlock",
                        [[("body", 49), ("preparation", 50), ("materials", 52), ("time_plan", 56), ("adaptation", 57)]],
                        {},
                    ),
                    59: (
                        "wagtail.blocks.URLBlock",
                        (),
                        {
                            "help_text": "Optional: a link to the video. Nothing is embedded from other sites.",
                            "label": "Video address",
                            "required": False,
                        },
                    ),
                    60: (
                        "ksi_courses.blocks.MarkdownBlock",
                        (),
                        {"help_text": "What is said and shown in the video.", "label": "Text alternative"},
                    ),
                    61: ("wagtail.blocks.StructBlock", [[("url", 59), ("title", 26), ("transcript", 60)]], {}),
                },
                verbose_name="lesson",
            ),
        ),
    ]
