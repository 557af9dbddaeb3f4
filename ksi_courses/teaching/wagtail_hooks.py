"""The Wagtail admin: every teaching model under one menu (municipality admins), and a link to
the teacher's pages for teachers (who manage their own runs there, not in the admin).

An admin who belongs to a municipality (see :mod:`.access`) sees the same as on the teaching
pages: the runs their municipality hosts (or they teach) and their own municipality's
participants' records; any other object is 404. Municipalities and memberships they only look at.
"""

import functools

from axes.models import AccessAttempt
from django.contrib.admin.utils import unquote
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .access import (
    admin_scope,
    can_manage_all_runs,
    can_teach,
    fully_managed,
    visible_enrolments,
    visible_participant_ids,
)
from .models import (
    Attendance,
    AttendanceSession,
    Certificate,
    CourseRun,
    Enrolment,
    LessonProgress,
    Municipality,
    MunicipalityMembership,
    QuizAttempt,
)


def scoped_queryset(user, model, queryset):
    """``queryset`` cut down to what ``user`` may see of ``model`` (everything for an unlimited admin)."""
    scope = admin_scope(user)
    if scope is None:
        return queryset
    enrolments = visible_enrolments(user).values("pk")
    participants = visible_participant_ids(user)
    if model is CourseRun:
        return queryset.filter(pk__in=CourseRun.objects.filter(fully_managed(user, scope)).values("pk"))
    if model is AttendanceSession:
        return queryset.filter(run__in=scoped_queryset(user, CourseRun, CourseRun.objects.all()))
    if model in (Enrolment,):
        return queryset.filter(pk__in=enrolments)
    if model in (Attendance, Certificate):
        return queryset.filter(enrolment__in=enrolments)
    if model in (LessonProgress, QuizAttempt):
        return queryset.filter(participant__in=participants)
    if model is AccessAttempt:
        from django.contrib.auth import get_user_model

        usernames = get_user_model().objects.filter(pk__in=participants).values(get_user_model().USERNAME_FIELD)
        return queryset.filter(username__in=usernames)
    if model is MunicipalityMembership:
        return queryset.filter(municipality__in=scope)
    return queryset  # municipalities: the names and numbers are no secret


class MunicipalScopeMixin:
    """Apply :func:`scoped_queryset` to the index and to every view of one object (404 outside)."""

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        model = self.model

        @functools.wraps(view)
        def scoped(request, *args, **view_kwargs):
            pk = view_kwargs.get("pk")
            if pk is not None and not scoped_queryset(request.user, model, model._default_manager.filter(pk=unquote(str(pk)))).exists():
                raise Http404("not in your municipality")
            return view(request, *args, **view_kwargs)

        return scoped



class ScopedIndexView(IndexView):
    def get_base_queryset(self):
        return scoped_queryset(self.request.user, self.model, super().get_base_queryset())


class ScopedViewSet(MunicipalScopeMixin, ModelViewSet):
    index_view_class = ScopedIndexView


class RecordPermissionPolicy(ModelPermissionPolicy):
    """Records made by participants (progress, quiz attempts, attendance marks) are looked at
    and, if need be, deleted in the admin, never written by hand: a hand-edited quiz attempt
    would no longer match its score."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change") and super().user_has_permission(user, action)


for _model in (LessonProgress, QuizAttempt, Attendance):
    register_permission_policy(_model, RecordPermissionPolicy(_model))


class CourseRunViewSet(ScopedViewSet):
    model = CourseRun
    icon = "group"
    form_fields = ["course", "title", "host_municipality", "place", "start_date", "end_date", "schedule", "teachers", "auto_certificate"]
    list_display = ["title", "course", "host_municipality", "start_date", "end_date", "place"]
    search_fields = ["title", "place"]
    inspect_view_enabled = True
    copy_view_enabled = False


class EnrolmentViewSet(ScopedViewSet):
    model = Enrolment
    icon = "user"
    form_fields = ["run", "participant"]
    list_display = ["participant", "run", "enrolled_at"]
    list_filter = ["run"]
    search_fields = ["participant__username", "participant__first_name", "participant__last_name"]
    copy_view_enabled = False


class AttendanceSessionViewSet(ScopedViewSet):
    model = AttendanceSession
    icon = "date"
    form_fields = ["run", "date", "hours", "topic"]
    list_display = ["date", "run", "hours", "topic"]
    list_filter = ["run"]
    copy_view_enabled = False


class AttendanceViewSet(ScopedViewSet):
    model = Attendance
    icon = "tick"
    form_fields = ["session", "enrolment", "present"]
    list_display = ["enrolment", "session", "present"]
    list_filter = ["present"]
    inspect_view_enabled = True
    copy_view_enabled = False


class LessonProgressViewSet(ScopedViewSet):
    model = LessonProgress
    icon = "tasks"
    form_fields = ["completed_at", "checklist"]
    list_display = ["participant", "lesson", "completed_at", "updated_at"]
    search_fields = ["participant__username"]
    inspect_view_enabled = True
    copy_view_enabled = False


class QuizAttemptViewSet(ScopedViewSet):
    model = QuizAttempt
    icon = "help"
    form_fields = ["quiz_id", "answers"]
    list_display = ["participant", "lesson", "quiz_id", "correct", "total", "created_at"]
    search_fields = ["participant__username", "quiz_id"]
    inspect_view_enabled = True
    copy_view_enabled = False


class CertificateViewSet(ScopedViewSet):
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


class LoginLockViewSet(ScopedViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = _("Locked logins")
    form_fields = ["username"]
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username"]
    copy_view_enabled = False


class ReadOnlyForMunicipalAdmins(ModelPermissionPolicy):
    """The region's admin (no membership) and superusers write; a municipality's admin only looks."""

    def user_has_permission(self, user, action):
        if action not in ("view",) and admin_scope(user) is not None:
            return False
        return super().user_has_permission(user, action)


for _model in (Municipality, MunicipalityMembership):
    register_permission_policy(_model, ReadOnlyForMunicipalAdmins(_model))


class MunicipalityViewSet(ScopedViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Municipalities")
    form_fields = ["name", "number"]
    list_display = ["name", "number"]
    search_fields = ["name", "number"]
    copy_view_enabled = False


class MunicipalityMembershipViewSet(ScopedViewSet):
    model = MunicipalityMembership
    icon = "user"
    form_fields = ["user", "municipality"]
    list_display = ["user", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
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
        MunicipalityViewSet("ksi_municipalities"),
        MunicipalityMembershipViewSet("ksi_memberships"),
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
