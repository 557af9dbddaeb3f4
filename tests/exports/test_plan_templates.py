"""kursplan and ukeplan filled from the course plan (and with blank rows for a course without one)."""

import re
from datetime import date

import pytest

from course_content import load_course
from exports.filled_templates import TemplateValuesError, fill_template, template_values
from tests.content.test_broken_content import edit
from tests.plans import planned_mini_course


@pytest.fixture(scope="module")
def planned(tmp_path_factory):
    """With a "|" in the week's theme, which must not break the tables."""
    folder = planned_mini_course(tmp_path_factory.mktemp("plan"))
    edit(folder / "plan.yaml", "theme: Hygiene og utstyr", "theme: Hygiene | utstyr")
    return load_course(folder)


def table_rows(markdown: str, header_start: str) -> list[list[str]]:
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip()[1:-1])])
    return rows


def test_course_plan_rows_come_from_the_plan(planned):
    text = fill_template(planned, "kursplan", {"teacher.name": "Kari"}, today=date(2026, 8, 3))
    rows = table_rows(text, "| Uke | Tema |")
    # The theme's "|" is escaped, so the row keeps its five columns.
    assert rows == [["1", "Hygiene \\| utstyr", "5", "2", ""]]
    assert "- **Timer totalt:** 5" in text


def test_week_plan_lists_the_sessions_with_dates_from_the_run_start(planned):
    values = {"run.start": date(2026, 8, 19), "week.course_week": 1}  # a Wednesday: dates count from Monday 17th
    rows = table_rows(fill_template(planned, "ukeplan", values), "| Dag | Dato |")
    assert rows[0] == ["Mandag", "17.8.", "Leksjon: Håndvask", "1"]
    assert rows[1] == ["", "", "Leksjon: Renholdsutstyr", "1"]
    assert rows[2][:3] == ["Tirsdag", "18.8.", "Repetisjon"] and rows[2][3] == "0,5"
    assert rows[4] == ["Onsdag", "19.8.", "Praksis: Praksislogg uke 1 – se og gjør håndvask på arbeidsplassen.", "2"]


def test_a_week_outside_the_plan_gives_blank_rows(planned):
    rows = table_rows(template_values(planned, {"week.course_week": 7})["week.plan"], "| Dag | Dato |")
    assert [row[0] for row in rows] == ["Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag"]
    assert all(cell == "" for row in rows for cell in row[1:])


def test_a_week_that_is_not_a_number_is_a_clear_error(planned):
    with pytest.raises(TemplateValuesError, match=r"week\.course_week must be a week number"):
        template_values(planned, {"week.course_week": "neste"})


def test_a_course_without_plan_gets_a_blank_row_per_week(mini_course):
    rows = table_rows(fill_template(mini_course, "kursplan", {}), "| Uke | Tema |")
    assert rows == [["", "", "", "", ""]]  # the mini course states one week
