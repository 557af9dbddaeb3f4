"""URLs of the teaching app, mounted at ``ksi/`` (Norwegian paths: participants see them)."""

from django.urls import path, re_path, register_converter

from .busy import database_busy_as_503
from .url_ids import RowId
from .views import account, assessments, certificates, classroom, flashcards, learner, offline, reports, teacher
from .views import mentor as mentor_views
from .views import placement_documents as placement_document_views
from .views import placements as placement_views

app_name = "ksi_teaching"
register_converter(RowId, "id")

urlpatterns = [
    # accounts
    path("logg-inn/", account.LoginView.as_view(), name="login"),
    path("logg-ut/", account.LogoutView.as_view(), name="logout"),
    path("passord/", account.PasswordChangeView.as_view(), name="password_change"),
    # participant
    path("mine-kurs/", learner.dashboard, name="dashboard"),
    path("leksjon/<id:page_id>/fullfort/", learner.lesson_done, name="lesson_done"),
    path("leksjon/<id:page_id>/sjekkliste/<slug:checklist_id>/", learner.lesson_checklist, name="checklist"),
    path("leksjon/<id:page_id>/quiz/<slug:quiz_id>/", learner.lesson_quiz, name="quiz"),
    path("leksjon/<id:page_id>/klasserom/", classroom.classroom, name="classroom"),
    path("kursbevis/<id:certificate_id>/pdf/", learner.certificate_pdf, name="certificate_pdf"),
    # participant: word practice and offline reading (issue 19)
    path("ordkort/<id:page_id>/", flashcards.flashcards, name="flashcards"),
    path("ordkort/<id:page_id>/svar/", flashcards.flashcard_answer, name="flashcard_answer"),
    path("frakoblet/<id:page_id>/", offline.pages, name="offline_pages"),
    path("frakoblet/manifest.webmanifest", offline.manifest, name="manifest"),
    path("frakoblet/service-worker.js", offline.service_worker, name="service_worker"),
    path("bevis/<str:code>/", learner.verify, name="verify"),
    # teacher
    path("kurs/", teacher.run_list, name="runs"),
    path("kurs/ny/", teacher.run_create, name="run_create"),
    # municipality reports (issue 23)
    path("kurs/rapporter/", reports.reports, name="reports"),
    path("kurs/rapporter/nir.csv", reports.nir_export, name="nir_export"),
    path("kurs/<id:run_id>/", teacher.run_detail, name="run"),
    path("kurs/<id:run_id>/endre/", teacher.run_edit, name="run_edit"),
    path("kurs/<id:run_id>/deltakere/ny/", teacher.participant_add, name="participant_add"),
    path("kurs/<id:run_id>/deltakere/liste/", teacher.participants_import, name="participants_import"),
    re_path(
        r"^kurs/(?P<run_id>[0-9]{1,18})/deltakere/nye-passord/(?P<key>[A-Za-z0-9_-]{16,64})/$",
        teacher.new_credentials,
        name="new_credentials",
    ),
    path("kurs/<id:run_id>/deltakere/<id:enrolment_id>/nytt-passord/", teacher.new_password, name="new_password"),
    path("kurs/<id:run_id>/deltakere/<id:enrolment_id>/las-opp/", teacher.unlock, name="unlock"),
    path("kurs/<id:run_id>/passordark/", teacher.password_sheet, name="password_sheet"),
    path("kurs/<id:run_id>/passordark/nye/", teacher.run_passwords, name="run_passwords"),
    path("kurs/<id:run_id>/oppmote/", teacher.sessions, name="sessions"),
    path("kurs/<id:run_id>/oppmote/<id:session_id>/", teacher.session_attendance, name="attendance"),
    path("kurs/<id:run_id>/oppmote/<id:session_id>/alle/", teacher.attendance_all, name="attendance_all"),
    path("kurs/<id:run_id>/framdrift/", teacher.progress, name="progress"),
    path("kurs/<id:run_id>/kursbevis/", certificates.run_certificates, name="certificates"),
    path("kurs/<id:run_id>/kursbevis/alle.pdf", certificates.certificates_pdf, name="certificates_pdf"),
    path("kurs/<id:run_id>/vurdering/", assessments.overview, name="assessments"),
    path(
        "kurs/<id:run_id>/vurdering/<slug:assessment_id>/<id:enrolment_id>/",
        assessments.record,
        name="assessment_result",
    ),
    path("kurs/<id:run_id>/praksislogg/<id:enrolment_id>/", assessments.logbook, name="logbook"),
    path("kurs/<id:run_id>/skjema/", teacher.submissions, name="submissions"),
    path("kurs/<id:run_id>/rapport.csv", teacher.report_csv, name="report"),
    path("kurs/<id:run_id>/oppmoteliste.pdf", teacher.attendance_list_pdf, name="attendance_list_pdf"),
    # practice placements (issue 25)
    path("praksissteder/", placement_views.workplace_list, name="workplaces"),
    path("praksissteder/ny/", placement_views.workplace_create, name="workplace_create"),
    path("praksissteder/<id:workplace_id>/", placement_views.workplace_edit, name="workplace_edit"),
    path("kurs/<id:run_id>/praksis/", placement_views.overview, name="placements"),
    path("kurs/<id:run_id>/praksis/ny/", placement_views.placement_create, name="placement_create"),
    path("kurs/<id:run_id>/praksis/<id:placement_id>/", placement_views.placement_edit, name="placement_edit"),
    path("kurs/<id:run_id>/praksis.csv", placement_views.placements_csv, name="placements_csv"),
    path("kurs/<id:run_id>/timeplan/", placement_views.timetable, name="timetable"),
    # a placement's documents and evaluations (issue 25): teachers, the mentor's link, the participant
    re_path(
        r"^kurs/(?P<run_id>[0-9]{1,18})/praksis/(?P<placement_id>[0-9]{1,18})/(?P<document>avtale|taushetserklaering|brev|evaluering)\.(?P<fmt>pdf|docx)$",
        placement_document_views.placement_file,
        name="placement_file",
    ),
    path("kurs/<id:run_id>/praksis/<id:placement_id>/vurdering/", placement_document_views.placement_evaluations, name="placement_evaluations"),
    path("kurs/<id:run_id>/praksis/<id:placement_id>/vurderingslenke/", placement_document_views.mentor_link_create, name="mentor_link_create"),
    path("praksis/vurdering/<str:token>/", mentor_views.mentor_evaluation, name="mentor_evaluation"),
    path("mine-kurs/praksis/<id:placement_id>/vurdering/", mentor_views.participant_evaluation, name="participant_evaluation"),
    re_path(
        r"^kurs/(?P<run_id>[0-9]{1,18})/maler/(?P<template_id>[a-z0-9-]+)\.(?P<fmt>pdf|docx)$",
        teacher.run_template,
        name="run_template",
    ),
]

# Every teaching page answers 503 with a retry message, not 500, when SQLite cannot give it the
# write lock in time (see .busy). Done here so that no view can be left out.
for _pattern in urlpatterns:
    _pattern.callback = database_busy_as_503(_pattern.callback)
