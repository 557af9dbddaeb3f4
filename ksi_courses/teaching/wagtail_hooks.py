"""The Wagtail admin: every teaching model under one menu (municipality admins), and a link to
the teacher's pages for teachers (who manage their own runs there, not in the admin).

An admin who belongs to a municipality (see :mod:`.access`) sees the same as on the teaching
pages: the runs their municipality hosts (or they teach) and their own municipality's
participants' records; any other object is 404, and the forms' and filters' choice lists offer
nothing else either (:mod:`.admin_visibility`). Municipalities and memberships they only look at.
"""

import functools

from axes.models import AccessAttempt
from django.contrib.admin.utils import unquote
from django.forms import modelform_factory
from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .access import admin_scope, can_manage_all_runs, can_teach
from .admin_visibility import ScopedModelForm, limit_filter_choices, scoped_queryset
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


class MunicipalScopeMixin:
    """Apply :func:`scoped_queryset` to the index and to every view of one object (404 outside)."""

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        model = self.model

        @functools.wraps(view)
        def scoped(request, *args, **view_kwargs):
            pk = view_kwargs.get("pk")
            if (
                pk is not None
                and not scoped_queryset(
                    request.user, model, model._default_manager.filter(pk=unquote(str(pk)))
                ).exists()
            ):
                raise Http404("not in your municipality")
            return view(request, *args, **view_kwargs)

        return scoped


class ScopedIndexView(IndexView):
    def get_base_queryset(self):
        return scoped_queryset(self.request.user, self.model, super().get_base_queryset())

    @cached_property
    def filters(self):
        """The list's filters offer only values found in the rows this admin sees."""
        filterset = super().filters
        if filterset is not None:
            limit_filter_choices(filterset.form, self.request.user, self.get_base_queryset())
        return filterset


class ScopedCreateView(CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class ScopedEditView(EditView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class ScopedViewSet(MunicipalScopeMixin, ModelViewSet):
    """Lists, single objects and the forms' choice lists cut down to a municipality admin's scope."""

    index_view_class = ScopedIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView

    def get_form_class(self, for_update=False):
        return modelform_factory(
            self.model,
            form=ScopedModelForm,
            formfield_callback=self.formfield_for_dbfield,
            fields=self.get_form_fields(),
        )


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
    form_fields = [
        "course",
        "title",
        "host_municipality",
        "place",
        "start_date",
        "end_date",
        "schedule",
        "teachers",
        "auto_certificate",
    ]
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


@hooks.register("before_edit_user")
@hooks.register("before_delete_user")
def keep_user_accounts_in_scope(request, user):
    """Wagtail's user admin: a municipality admin edits or deletes only the accounts they answer for
    (:func:`.admin_visibility.scoped_queryset`), never another municipality's participant's or the
    region's admin's (a new password there would hand them the account); 404 as elsewhere."""
    model = type(user)
    if not scoped_queryset(request.user, model, model._default_manager.filter(pk=user.pk)).exists():
        raise Http404("not in your municipality")


class TeacherMenuItem(MenuItem):
    def is_shown(self, request):
        return can_teach(request.user)


@hooks.register("register_admin_menu_item")
def register_teacher_pages_link():
    return TeacherMenuItem(_("My course runs"), reverse("ksi_teaching:runs"), icon_name="group", order=240)
