"""The Wagtail admin: every teaching model under one menu (municipality admins), and a link to
the teacher's pages for teachers (who manage their own runs there, not in the admin).

An admin who belongs to a municipality (see :mod:`.access`) sees the same as on the teaching
pages: the runs their municipality hosts (or they teach) and their own municipality's
participants' records; any other object is 404, and the forms' and filters' choice lists offer
nothing else either (:mod:`.admin_visibility`). Municipalities and memberships they only look at,
and their participants' records in a run hosted elsewhere (edit and delete 404, no buttons).
Wagtail's user admin: :mod:`.user_admin` (the bulk actions are registered here).
"""

from axes.models import AccessAttempt
from django.forms import modelform_factory
from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import CreateView, EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .access import admin_scope, can_manage_all_runs, can_teach
from .account_scope import manageable_accounts
from .admin_visibility import (
    MunicipalScopeMixin,
    ScopedModelForm,
    limit_filter_choices,
    scoped_queryset,
    writable_queryset,
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
from .user_admin import BULK_ACTIONS


class ScopedIndexView(IndexView):
    def get_base_queryset(self):
        return scoped_queryset(self.request.user, self.model, super().get_base_queryset())

    @cached_property
    def read_only_ids(self) -> set:
        """Rows listed but not writable (their participants' records in a run hosted elsewhere)."""
        if admin_scope(self.request.user) is None:
            return set()
        rows = self.get_base_queryset()
        writable = writable_queryset(self.request.user, self.model, rows)
        return set(rows.exclude(pk__in=writable.values("pk")).values_list("pk", flat=True))

    def get_edit_url(self, instance):
        return None if instance.pk in self.read_only_ids else super().get_edit_url(instance)

    def get_delete_url(self, instance):
        return None if instance.pk in self.read_only_ids else super().get_delete_url(instance)

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


class ScopedInspectView(InspectView):
    """No edit or delete button on a record the admin may only look at."""

    @cached_property
    def writable(self) -> bool:
        found = self.model._default_manager.filter(pk=self.object.pk)
        return writable_queryset(self.request.user, self.model, found).exists()

    def get_edit_url(self):
        return super().get_edit_url() if self.writable else None

    def get_delete_url(self):
        return super().get_delete_url() if self.writable else None


class ScopedViewSet(MunicipalScopeMixin, ModelViewSet):
    """Lists, single objects and the forms' choice lists cut down to a municipality admin's scope."""

    index_view_class = ScopedIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    inspect_view_class = ScopedInspectView

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
    """Wagtail's user admin: a municipality admin edits or deletes only the accounts they manage
    (:func:`.account_scope.manageable_accounts`), never another municipality's participant's, the
    region's admin's or a teacher's of another municipality's run (a new password there would hand
    them the account); 404 as elsewhere. :class:`.user_admin.ScopedUserViewSet` does the same for
    every view; this hook keeps the edit closed where a site still lists ``wagtail.users``."""
    model = type(user)
    if not manageable_accounts(request.user, model._default_manager.filter(pk=user.pk)).exists():
        raise Http404("not in your municipality")


# After Wagtail's own (order 0): the registry keeps the last action registered for a name.
for _action in BULK_ACTIONS:
    hooks.register("register_bulk_action", _action, order=1)


class TeacherMenuItem(MenuItem):
    def is_shown(self, request):
        return can_teach(request.user)


@hooks.register("register_admin_menu_item")
def register_teacher_pages_link():
    return TeacherMenuItem(_("My course runs"), reverse("ksi_teaching:runs"), icon_name="group", order=240)
