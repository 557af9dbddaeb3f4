"""Every DOCX template of every shipped course opens in LibreOffice, checked by converting it to PDF.

LibreOffice (Debian ``libreoffice-writer-nogui``, installed by ``scripts/setup``) converts all
templates of a course in one headless run; each must give a PDF with pages whose fonts are the
bundled Noto fonts the DOCX names (never a fallback such as DejaVu or Liberation). The bundled
font folder is given to LibreOffice through fontconfig, as on a PC where the fonts are installed.
"""

import io
import shutil
import subprocess
from datetime import date

import docx
import pytest

from course_content import course_dirs, load_course
from course_content.loader import COURSES_DIR
from exports.filled_templates import render_template_docx
from exports.fonts import FONTS_DIR
from exports.markdown_docx import HEADING_STYLES, TEXT_FONT

SHIPPED = course_dirs(COURSES_DIR)
TODAY = date(2026, 3, 2)
FONTCONFIG = f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{FONTS_DIR}</dir>
</fontconfig>
"""


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: install libreoffice-writer-nogui and poppler-utils (scripts/setup does)")
    return found


def pdf_fonts(path) -> list[str]:
    lines = subprocess.run([tool("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split()[0].split("+", 1)[-1] for line in lines.splitlines()[2:] if line.strip()]


def pdf_pages(path) -> int:
    info = subprocess.run([tool("pdfinfo"), str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_every_template_converts_in_libreoffice_with_the_noto_fonts(path, tmp_path):
    course = load_course(path)
    sources = []
    for template in course.templates.values():
        source = tmp_path / f"{template.id}.docx"
        source.write_bytes(render_template_docx(course, template, today=TODAY))
        sources.append(source)
    (tmp_path / "fonts.conf").write_text(FONTCONFIG)
    done = subprocess.run(
        [
            tool("soffice"), "--headless", "--norestore",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), *map(str, sources),
        ],
        capture_output=True, text=True, timeout=600, check=False,
        env={"FONTCONFIG_FILE": str(tmp_path / "fonts.conf"), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    problems = {}
    for source in sources:
        converted = tmp_path / "pdf" / f"{source.stem}.pdf"
        if not converted.is_file():
            problems[source.stem] = "no PDF"
            continue
        fonts = pdf_fonts(converted)
        if pdf_pages(converted) < 1 or not fonts or not all(font.startswith("NotoSans") for font in fonts):
            problems[source.stem] = f"{pdf_pages(converted)} pages, fonts {fonts}"
    assert problems == {}, f"{course.slug}: {problems}"


def test_the_template_names_the_noto_fonts_norwegian_and_keeps_headings_with_what_follows(mini_course):
    data = render_template_docx(mini_course, "kursplan", today=TODAY)
    document = docx.Document(io.BytesIO(data))
    styles = document.styles.element.xml
    assert "Calibri" not in styles and "Cambria" not in styles and "Theme" not in styles.split("<w:latentStyles")[0]
    assert f'w:ascii="{TEXT_FONT}"' in styles and 'w:val="nb-NO"' in styles
    for name in HEADING_STYLES:
        assert document.styles[name].paragraph_format.keep_with_next, name
    assert any(p.style.name.startswith("Heading") for p in document.paragraphs)
