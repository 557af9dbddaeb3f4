"""StreamField blocks, one per content block type of course_content (same names, same fields).

Field names match the content model exactly, so converting between a lesson file and a page's
body is a mechanical walk (see ``stream.py``). Text is Markdown, rendered by the package's one
Markdown renderer, so what an editor writes looks the same on the page, in print and in Open edX.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from course_content.base import LANGUAGES
from course_content.pictures import library

MARKDOWN_HELP = _("Markdown: **bold**, *italic*, lists with '-' or '1.', a blank line between paragraphs.")


class MarkdownBlock(blocks.TextBlock):
    """Multi-line Markdown text."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", MARKDOWN_HELP)
        kwargs.setdefault("rows", 6)
        super().__init__(**kwargs)


class IdBlock(blocks.RegexBlock):
    """A stable id (lowercase letters, digits, hyphens). Progress records hang on it: keep it."""

    def __init__(self, **kwargs):
        super().__init__(
            regex=r"^[a-z0-9][a-z0-9-]*$",
            error_messages={"invalid": _("Use lowercase letters, digits and hyphens.")},
            help_text=_("Stable id; progress is saved against it. Do not change it once participants use the page."),
            max_length=80,
            **kwargs,
        )


class TextBlock(blocks.StructBlock):
    body = MarkdownBlock(label=_("Text"))

    class Meta:
        icon = "doc-full"
        label = _("Text")
        template = "ksi_courses/blocks/text.html"
        description = _("Participant text in plain Norwegian, Markdown.")
        preview_value = {"body": "**Håndhygiene** er det viktigste du gjør for å stoppe smitte."}


def picture_choices() -> list[tuple[str, str]]:
    """The picture library as choices: id, and what the picture shows. A callable, so the
    migrations do not change when the library grows."""
    return [
        (picture.id, f"{picture.id} – {picture.alt}")
        for picture in sorted(library().pictures.values(), key=lambda p: p.id)
    ]


class PictureChoiceBlock(blocks.ChoiceBlock):
    """A picture of the package's picture library, by id (kept as the id, so upgrades and the
    round trip to content files keep it)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Picture from the library"))
        super().__init__(choices=picture_choices, required=False, **kwargs)

    def normalize_choice(self, value):
        """The stored value is the id, a string, as the choices' keys are: nothing to convert.
        (Wagtail's own version scans every choice, hundreds of pictures, for every word that has
        a picture, each time a page's stream is read.)"""
        return value


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"), required=False)
    picture = PictureChoiceBlock(
        help_text=_("Or choose a picture from the library instead of an image. Use one of them, not both.")
    )
    alt = blocks.CharBlock(label=_("Alt text"), help_text=_("What the picture shows, for screen readers."))
    caption = blocks.CharBlock(label=_("Caption"), required=False)
    credit = blocks.CharBlock(label=_("Credit"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "ksi_courses/blocks/image.html"
        description = _("An image with required alt text.")

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and value.get("picture"):
            message = _("Choose an image or a picture from the library, not both.")
        elif not (value.get("image") or value.get("picture")):
            message = _("Choose an image or a picture from the library.")
        else:
            return value
        raise blocks.StructBlockValidationError(non_block_errors=[ValidationError(message)])

    def get_preview_value(self):
        """Preview with the newest image in the library, or a library picture if there is none."""
        image = get_image_model().objects.order_by("-pk").first()
        if image is None:
            return self.to_python({"picture": "sape", "alt": "Et såpestykke.", "caption": "Vask hendene med såpe."})
        return self.to_python({"image": image.pk, "alt": "Hender under en vannkran.", "caption": "Vask hendene."})


def _translation(code: str) -> blocks.CharBlock:
    return blocks.CharBlock(label=f"{LANGUAGES[code]['name_nb']} ({code})")


class TranslationsBlock(blocks.StructBlock):
    """One field per language in ``course_content.base.LANGUAGES`` (a test keeps them in step)."""

    en = _translation("en")
    uk = _translation("uk")
    ar = _translation("ar")
    ti = _translation("ti")
    so = _translation("so")
    prs = _translation("prs")
    ru = _translation("ru")

    class Meta:
        label = _("Translations")


class VocabularyEntryBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("Word"))
    explanation = blocks.CharBlock(label=_("Explanation in plain Norwegian"))
    translations = TranslationsBlock()
    picture = PictureChoiceBlock(help_text=_("Optional: a small picture shown beside the word."))
    safety = blocks.BooleanBlock(
        required=False,
        label=_("Safety term"),
        help_text=_(
            "Chemicals, allergens, emergencies: the Tigrinya and Somali translations are marked as not yet "
            "checked by a native speaker until they are reviewed."
        ),
    )
    reviewed = blocks.MultipleChoiceBlock(
        choices=[(code, f"{language['name_nb']} ({code})") for code, language in LANGUAGES.items()],
        required=False,
        label=_("Translations reviewed by a native speaker"),
    )


class VocabularyBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), default="Ord og uttrykk")
    entries = blocks.ListBlock(VocabularyEntryBlock(), label=_("Words"))

    class Meta:
        icon = "list-ul"
        label = _("Vocabulary")
        template = "ksi_courses/blocks/vocabulary.html"
        description = _("Key words with explanations and translations.")
        preview_value = {
            "title": "Ord og uttrykk",
            "entries": [
                {
                    "term": "håndhygiene",
                    "explanation": "Å holde hendene rene.",
                    "translations": {
                        "en": "hand hygiene",
                        "uk": "гігієна рук",
                        "ar": "نظافة اليدين",
                        "ti": "ጽሬት ኢድ",
                        "so": "nadaafadda gacmaha",
                        "prs": "بهداشت دست",
                        "ru": "гигиена рук",
                    },
                    "picture": "sape",
                }
            ],
        }


class ChecklistItemBlock(blocks.StructBlock):
    id = IdBlock()
    text = blocks.CharBlock(label=_("Text"))


class ChecklistBlock(blocks.StructBlock):
    id = IdBlock()
    title = blocks.CharBlock(label=_("Title"))
    items = blocks.ListBlock(ChecklistItemBlock(), label=_("Items"))

    class Meta:
        icon = "tasks"
        label = _("Checklist")
        template = "ksi_courses/blocks/checklist.html"
        description = _("Items a participant ticks off; saved per participant.")
        preview_value = {
            "id": "for-jobb",
            "title": "Før du begynner",
            "items": [{"id": "sape", "text": "Jeg har såpe."}, {"id": "papir", "text": "Jeg har papir."}],
        }


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"))
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)


class QuestionBlock(blocks.StructBlock):
    id = IdBlock()
    kind = blocks.ChoiceBlock(
        choices=[
            ("single", _("One correct answer")),
            ("multiple", _("Several correct answers")),
            ("true_false", _("True or false")),
        ],
        label=_("Kind"),
    )
    prompt = blocks.CharBlock(label=_("Question"))
    choices = blocks.ListBlock(
        ChoiceBlock(), label=_("Choices"), default=[], help_text=_("For one/several correct answers.")
    )
    answer = blocks.ChoiceBlock(
        choices=[("true", _("True")), ("false", _("False"))], required=False, label=_("Answer (true/false)")
    )
    explanation = blocks.CharBlock(label=_("Explanation shown after answering"))


class QuizBlock(blocks.StructBlock):
    id = IdBlock()
    title = blocks.CharBlock(label=_("Title"))
    questions = blocks.ListBlock(QuestionBlock(), label=_("Questions"))

    class Meta:
        icon = "help"
        label = _("Quiz")
        template = "ksi_courses/blocks/quiz.html"
        description = _("Questions scored on the server; answers are never sent to participants' browsers.")
        preview_value = {
            "id": "quiz",
            "title": "Test deg selv",
            "questions": [
                {
                    "id": "q1",
                    "kind": "true_false",
                    "prompt": "Du skal vaske hendene etter toalettbesøk.",
                    "choices": [],
                    "answer": "true",
                    "explanation": "Ja, alltid etter toalettbesøk.",
                }
            ],
        }


class ExerciseBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[
            ("task", _("Task")),
            ("discussion", _("Discussion")),
            ("role_play", _("Role play")),
            ("workplace", _("Practice at the workplace")),
        ],
        label=_("Kind"),
    )
    title = blocks.CharBlock(label=_("Title"))
    body = MarkdownBlock(label=_("Instructions"))
    duration_minutes = blocks.IntegerBlock(required=False, min_value=1, max_value=240, label=_("Minutes"))

    class Meta:
        icon = "group"
        label = _("Exercise")
        template = "ksi_courses/blocks/exercise.html"
        description = _("A practical task, discussion, role play or workplace practice.")
        preview_value = {
            "kind": "role_play",
            "title": "Vis en kollega",
            "body": "1. Vask hendene.\n2. Forklar hvert steg.",
            "duration_minutes": 10,
        }


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("warning", _("Safety warning")), ("hygiene", _("Hygiene")), ("tip", _("Tip")), ("info", _("Note"))],
        label=_("Kind"),
    )
    title = blocks.CharBlock(label=_("Title"))
    body = MarkdownBlock(label=_("Text"), rows=3)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "ksi_courses/blocks/callout.html"
        description = _("A boxed safety or hygiene warning, tip or note.")
        preview_value = {"kind": "warning", "title": "Pass på", "body": "Bruk hansker når du bruker kjemikalier."}


class TimeSlotBlock(blocks.StructBlock):
    minutes = blocks.IntegerBlock(min_value=1, max_value=240, label=_("Minutes"))
    activity = blocks.CharBlock(label=_("Activity"))


class TeacherNoteBlock(blocks.StructBlock):
    body = MarkdownBlock(label=_("Note"), required=False)
    preparation = MarkdownBlock(label=_("Preparation"), required=False, rows=3)
    materials = blocks.ListBlock(blocks.CharBlock(label=_("Material")), label=_("Materials"), default=[])
    time_plan = blocks.ListBlock(TimeSlotBlock(), label=_("Time plan"), default=[])
    adaptation = MarkdownBlock(label=_("Adapting for lower language levels"), required=False, rows=3)

    class Meta:
        icon = "user"
        label = _("Teacher note")
        template = "ksi_courses/blocks/teacher_note.html"
        description = _("Guidance for teachers. Never shown to participants or visitors.")
        preview_value = {
            "preparation": "Ta med såpe.",
            "materials": ["Såpe"],
            "time_plan": [{"minutes": 10, "activity": "Innledning"}],
            "adaptation": "Bruk bilder.",
        }


class VideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(
        required=False,
        label=_("Video address"),
        help_text=_("Optional: a link to the video. Nothing is embedded from other sites."),
    )
    title = blocks.CharBlock(label=_("Title"))
    transcript = MarkdownBlock(label=_("Text alternative"), help_text=_("What is said and shown in the video."))

    class Meta:
        icon = "media"
        label = _("Video")
        template = "ksi_courses/blocks/video.html"
        description = _("A video link with a full text alternative.")
        preview_value = {
            "url": "",
            "title": "Slik vasker du hendene",
            "transcript": "En person vasker hendene med såpe i 30 sekunder.",
        }


class LessonBodyBlock(blocks.StreamBlock):
    text = TextBlock()
    image = ImageBlock()
    vocabulary = VocabularyBlock()
    checklist = ChecklistBlock()
    quiz = QuizBlock()
    exercise = ExerciseBlock()
    callout = CalloutBlock()
    teacher_note = TeacherNoteBlock()
    video = VideoBlock()


class SourceBlock(blocks.StructBlock):
    id = IdBlock()
    title = blocks.CharBlock(label=_("Title"))
    publisher = blocks.CharBlock(label=_("Publisher"), required=False)
    url = blocks.URLBlock(label=_("Address"), required=False)
    note = blocks.CharBlock(label=_("What it is used for"), required=False)

    class Meta:
        icon = "link"
        label = _("Source")
        template = "ksi_courses/blocks/source.html"
        description = _("A law, regulation, curriculum or standard the course relies on.")
        preview_value = {"id": "fhi", "title": "Håndhygieneveileder", "publisher": "FHI", "url": "", "note": ""}
