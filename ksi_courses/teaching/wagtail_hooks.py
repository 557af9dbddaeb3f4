"""The Wagtail admin: every teaching model under one menu (municipality admins), and a link to
the teacher's pages for teachers (who manage their own runs there, not in the admin)."""

from axes.models import AccessAttempt
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .access import can_manage_all_runs, can_teach
from .models import Attendance, AttendanceSession, Certificate, CourseRun, Enrolment, LessonProgress, QuizAttempt


class RecordPermissionPolicy(ModelPermissionPolicy):
    """Records made by participants (progress, quiz attempts, attendance marks) are looked at
    and, if need be, deleted in the admin, never written by hand: a hand-edited quiz attempt
    would no longer match its score."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change") and super().user_has_permission(user, action)


for _model in (LessonProgress, QuizAttempt, Attendance):
    register_permission_policy(_model, RecordPermissionPolicy(_model))


class CourseRunViewSet(ModelViewSet):
    model = CourseRun
    icon = "group"
    form_fields = ["course", "title", "place", "start_date", "end_date", "schedule", "teachers", "auto_certificate"]
    list_display = ["title", "course", "start_date", "end_date", "place"]
    search_fields = ["title", "place"]
    inspect_view_enabled = True
    copy_view_enabled = False


class EnrolmentViewSet(ModelViewSet):
    model = Enrolment
    icon = "user"
    form_fields = ["run", "participant"]
    list_display = ["participant", "run", "enrolled_at"]
    list_filter = ["run"]
    search_fields = ["participant__username", "participant__first_name", "participant__last_name"]
    copy_view_enabled = False


class AttendanceSessionViewSet(ModelViewSet):
    model = AttendanceSession
    icon = "date"
    form_fields = ["run", "date", "hours", "topic"]
    list_display = ["date", "run", "hours", "topic"]
    list_filter = ["run"]
    copy_view_enabled = False


class AttendanceViewSet(ModelViewSet):
    model = Attendance
    icon = "tick"
    form_fields = ["session", "enrolment", "present"]
    list_display = ["enrolment", "session", "present"]
    list_filter = ["present"]
    inspect_view_enabled = True
    copy_view_enabled = False


class LessonProgressViewSet(ModelViewSet):
    model = LessonProgress
    icon = "tasks"
    form_fields = ["completed_at", "checklist"]
    list_display = ["participant", "lesson", "completed_at", "updated_at"]
    search_fields = ["participant__username"]
    inspect_view_enabled = True
    copy_view_enabled = False


class QuizAttemptViewSet(ModelViewSet):
    model = QuizAttempt
    icon = "help"
    form_fields = ["quiz_id", "answers"]
    list_display = ["participant", "lesson", "quiz_id", "correct", "total", "created_at"]
    search_fields = ["participant__username", "quiz_id"]
    inspect_view_enabled = True
    copy_view_enabled = False


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    form_fields = ["enrolment", "hours"]
    list_display = ["enrolment", "issued_at", "hours"]
    inspect_view_enabled = True
    inspect_view_fields = ["enrolment", "code", "issued_at", "issued_by", "hours"]
    copy_view_enabled = False


class LoginLockPermissionPolicy(ModelPermissionPolicy):
    """Locked logins (django-axes): municipality admins look at them and lift a lock by deleting
    it; nobody writes them by hand. Teachers lift locks on their run's participant list."""

    def user_has_permission(self, user, action):
        return action in ("view", "delete") and can_manage_all_runs(user)


register_permission_policy(AccessAttempt, LoginLockPermissionPolicy(AccessAttempt))


class LoginLockViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = _("Locked logins")
    form_fields = ["username"]
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username"]
    copy_view_enabled = False


class TeachingViewSetGroup(ModelViewSetGroup):
    menu_label = _("Course runs")
    menu_icon = "group"
    menu_order = 250
    items = (
        CourseRunViewSet("ksi_courseruns"),
        EnrolmentViewSet("ksi_enrolments"),
        AttendanceSessionViewSet("ksi_sessions"),
        AttendanceViewSet("ksi_attendance"),
        LessonProgressViewSet("ksi_progress"),
        QuizAttemptViewSet("ksi_quiz_attempts"),
        CertificateViewSet("ksi_certificates"),
        LoginLockViewSet("ksi_login_locks"),
    )


@hooks.register("register_admin_viewset")
def register_teaching_viewsets():
    return TeachingViewSetGroup()


class TeacherMenuItem(MenuItem):
    def is_shown(self, request):
        return can_teach(request.user)


@hooks.register("register_admin_menu_item")
def register_teacher_pages_link():
    return TeacherMenuItem(_("My course runs"), reverse("ksi_teaching:runs"), icon_name="group", order=240)
