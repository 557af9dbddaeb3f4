"""The participant booklet and the teacher edition of the mini course, read back from the PDF."""

from exports.fonts import EMBEDDED_NAME_PREFIX


def test_booklet_has_course_title_and_lesson_text(participant_pdf, mini_course):
    assert mini_course.title in participant_pdf
    assert "Håndhygiene er det viktigste du gjør for å stoppe smitte." in participant_pdf
    assert "Vi bruker mopp og klut." in participant_pdf
    assert "Deltakerhefte" in participant_pdf


def test_participant_edition_has_no_teacher_notes_or_answers(participant_pdf):
    for teacher_only in ("Ta med såpe.", "Vis utstyret.", "Til læreren", "Bruk bilder.", "Innledning"):
        assert teacher_only not in participant_pdf
    assert "Håndhygiene stopper mest smitte." not in participant_pdf
    assert "riktig svar" not in participant_pdf
    assert "Kursbeskrivelse" not in participant_pdf


def test_teacher_edition_adds_notes_answers_and_course_description(teacher_pdf, mini_course):
    for teacher_only in ("Til læreren", "Ta med såpe.", "Vis utstyret.", "Såpe", "papirhåndklær", "Bruk bilder."):
        assert teacher_only in teacher_pdf
    assert "0–10 min Innledning" in teacher_pdf
    assert "Håndhygiene stopper mest smitte." in teacher_pdf
    assert "Når hendene er synlig skitne, må du vaske med såpe og vann." in teacher_pdf
    assert "Lærerutgave" in teacher_pdf
    assert "Kursbeskrivelse" in teacher_pdf
    assert mini_course.description.target_group in teacher_pdf
    assert "1 uke, 2 timer per uke (2 timer i alt)" in teacher_pdf


def test_quiz_questions_and_choices_are_in_both_editions(participant_pdf, teacher_pdf):
    for pdf in (participant_pdf, teacher_pdf):
        assert "Hva er viktigst for å stoppe smitte?" in pdf
        assert "Å åpne vinduet" in pdf


def test_checklists_print_as_boxes(participant_pdf):
    assert "☐ Jeg har såpe." in participant_pdf
    assert "☐ Jeg har papir." in participant_pdf


def test_exercise_callout_video_and_vocabulary_are_printed(participant_pdf):
    assert "Vis en kollega hvordan du vasker hendene." in participant_pdf
    assert "Tørk hendene godt etter vask." in participant_pdf
    assert "En person vasker hendene i 30 sekunder." in participant_pdf
    assert "https://example.org/video/handvask" in participant_pdf
    assert "Å holde hendene rene." in participant_pdf


def test_bookmarks_follow_modules_and_lessons(participant_pdf, teacher_pdf, mini_course):
    for pdf, front in ((participant_pdf, ["Innhold"]), (teacher_pdf, ["Innhold", "Kursbeskrivelse"])):
        outline = pdf.outline()
        modules = [(m.title, [(lesson.title, []) for lesson in mini_course.lessons_in(m)]) for m in mini_course.modules]
        assert outline[: len(front)] == [(title, []) for title in front]
        assert [entry for entry in outline if entry[1]] == modules
        assert [title for title, _ in outline[len(front) + len(modules):]] == ["Ordliste", "Kilder"]


def test_table_of_contents_has_page_numbers(participant_pdf):
    toc = participant_pdf.pages[1]
    assert toc.startswith("Innhold")
    for title in ("Håndvask", "Renholdsutstyr"):
        # The page a lesson starts on: the first body page that prints its numbered heading.
        start = next(i for i, text in enumerate(participant_pdf.pages[2:], start=3) if title in text)
        entry = next(line for line in toc.splitlines() if title in line)
        assert entry.rstrip().endswith(f"... {start}"), entry


def test_running_header_and_footer(participant_pdf, mini_course):
    n = participant_pdf.page_count
    assert n > 1
    body_pages = participant_pdf.pages[2:]
    assert all(f"av {n}" in text for text in body_pages)
    assert f"Side 3 av {n}" in participant_pdf.pages[2]
    assert "Første modul" in participant_pdf.pages[3]  # the module title runs on into the next page
    assert "Side 1 av" not in participant_pdf.pages[0]  # the cover has no page furniture


def test_teacher_edition_is_longer(participant_pdf, teacher_pdf):
    assert teacher_pdf.page_count > participant_pdf.page_count


def test_only_bundled_fonts_are_embedded(participant_pdf, teacher_pdf):
    fonts = participant_pdf.embedded_fonts() | teacher_pdf.embedded_fonts()
    assert fonts, "no fonts found in the PDF"
    assert all(name.startswith(EMBEDDED_NAME_PREFIX) for name in fonts), fonts


def test_tagged_pdf_ua(participant_pdf, mini_course):
    root = participant_pdf.reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nb"
    assert root["/MarkInfo"]["/Marked"]
    assert "pdfuaid:part" in participant_pdf.xmp()
    assert participant_pdf.reader.metadata.title == f"{mini_course.title} – Deltakerhefte"


def test_tag_tree_has_headings_tables_lists_and_image_alt_text(participant_pdf, mini_course):
    roles = [role for role, _ in participant_pdf.structure()]
    assert roles.count("H1") == 1  # the course title on the cover
    assert roles.count("H2") == len(mini_course.modules) + 3  # modules, Innhold, Ordliste, Kilder
    assert roles.count("H3") == len(mini_course.ordered_lessons())
    assert {"Table", "TH", "TD", "L", "LI", "Link"} <= set(roles)
    figures = [alt for role, alt in participant_pdf.structure() if role == "Figure"]
    # The library picture of an image block is a figure with its alt text; the one beside a key
    # word is decorative (a background, so an artifact) and not a figure.
    assert figures == ["To hender under en vannkran med såpeskum.", "En blå bøtte med hank."]
