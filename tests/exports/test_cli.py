"""``ksi-courses pdf`` run in-process: files written, arguments checked."""

from course_content.cli import main
from tests.exports.pdfread import Pdf, no_render_warnings
from tests.paths import FIXTURES, MINI_COURSE


def test_pdf_command_writes_a_booklet(tmp_path, capsys):
    out = tmp_path / "out" / "booklet.pdf"
    with no_render_warnings():
        assert main(["pdf", str(MINI_COURSE), "--edition", "teacher", "--municipality", "Testvik kommune",
                     "--colour", "#005a9c", "-o", str(out)]) == 0
    pdf = Pdf(out.read_bytes())
    assert "Testvik kommune" in pdf
    assert "Lærerutgave" in pdf
    assert f"wrote {out}" in capsys.readouterr().out


def test_pdf_command_writes_a_vocabulary_list(tmp_path):
    out = tmp_path / "ordliste.pdf"
    assert main(["pdf", str(MINI_COURSE), "--lang", "ti", "-o", str(out)]) == 0
    assert "ጽሬት ኢድ" in Pdf(out.read_bytes())


def test_pdf_all_writes_every_document_of_every_course(tmp_path, capsys):
    assert main(["pdf", "--all", str(FIXTURES), "--handouts", "-o", str(tmp_path)]) == 0
    names = sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*.pdf"))
    assert names == sorted(
        ["mini-kurs/deltakerhefte.pdf", "mini-kurs/laererutgave.pdf"]
        + [f"mini-kurs/ordliste-{code}.pdf" for code in ("en", "uk", "ar", "ti", "so", "prs", "ru")]
        + ["mini-kurs/timer/01-handvask.pdf", "mini-kurs/timer/02-renholdsutstyr.pdf"]
    )
    assert "Ta med såpe." in Pdf((tmp_path / "mini-kurs/laererutgave.pdf").read_bytes())
    assert "wrote 11 PDFs" in capsys.readouterr().out


def test_unknown_lesson_is_a_clear_error(tmp_path, capsys):
    assert main(["pdf", str(MINI_COURSE), "--lesson", "nope", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "no lesson 'nope'" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_bad_branding_colour_is_a_clear_error(tmp_path, capsys):
    assert main(["pdf", str(MINI_COURSE), "--colour", "blue", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "is not a hex colour: use #rgb or #rrggbb" in capsys.readouterr().err


def test_all_refuses_single_document_options(tmp_path, capsys):
    assert main(["pdf", "--all", "--lang", "ar", "-o", str(tmp_path)]) == 2
    assert "leave out --lang" in capsys.readouterr().err


def test_course_needed_without_all(tmp_path, capsys):
    assert main(["pdf", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "name a course" in capsys.readouterr().err
