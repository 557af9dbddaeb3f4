"""``ksi-courses site`` and ``ksi-courses scorm``: thin commands over the library."""

from __future__ import annotations

import zipfile

from course_content.cli import main
from tests.paths import MINI_COURSE


def test_site_to_a_folder(tmp_path, capsys):
    assert main(["site", str(MINI_COURSE), "-o", str(tmp_path / "site"), "--no-with-pdfs"]) == 0
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "timer" / "handvask.html").is_file()
    assert "2 lessons" in capsys.readouterr().out


def test_scorm_zip(tmp_path):
    output = tmp_path / "kurs.zip"
    assert main(["scorm", str(MINI_COURSE), "-o", str(output), "--version", "2004", "--sco", "module"]) == 0
    with zipfile.ZipFile(output) as archive:
        names = archive.namelist()
    assert "imsmanifest.xml" in names and "moduler/modul-en.html" in names and "timer/handvask.html" not in names


def test_a_file_where_the_site_folder_should_go(tmp_path, capsys):
    (tmp_path / "taken").write_text("x")
    assert main(["site", str(MINI_COURSE), "-o", str(tmp_path / "taken"), "--no-with-pdfs"]) == 2
    assert "is a file" in capsys.readouterr().err


def test_unknown_course(tmp_path, capsys):
    assert main(["site", "finnes-ikke", "-o", str(tmp_path / "x")]) == 2
    assert "finnes-ikke" in capsys.readouterr().err
