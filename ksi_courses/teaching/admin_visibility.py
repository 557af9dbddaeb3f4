"""What a municipality admin (see :func:`.access.admin_scope`) sees of the teaching models in the
Wagtail admin: the rows of each list, and the choices of each form field and list filter.

Scoping the lists is not enough: a form's select (or a filter's) offers every row of the related
table, so an admin of one municipality would read the names of another's participants, runs and
enrolments there, and a forged POST with such an id would be saved. :func:`limit_form_choices`
cuts the choice querysets down, so those rows are not offered and Django refuses their ids with
the field's own error ("Select a valid choice"). Unlimited admins (the region's admin, superusers)
keep every choice.

Seeing is not writing: in a run hosted by another municipality the admin looks at their own
participants' enrolments, marks and certificates (list, inspect) but does not change them, as on
the teaching pages (:func:`writable_queryset`; :class:`MunicipalScopeMixin` answers 404).
"""

from __future__ import annotations

import functools

from axes.models import AccessAttempt
from django import forms
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from wagtail.admin.views.generic import DeleteView, EditView

from .access import admin_scope, fully_managed, visible_enrolments, visible_participant_ids
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


def scoped_queryset(user, model: type[Model], queryset: QuerySet) -> QuerySet:
    """``queryset`` cut down to what ``user`` may see of ``model`` (everything for an unlimited admin)."""
    scope = admin_scope(user)
    if scope is None:
        return queryset
    if model is CourseRun:
        return queryset.filter(pk__in=CourseRun.objects.filter(fully_managed(user, scope)).values("pk"))
    if model is AttendanceSession:
        return queryset.filter(run__in=scoped_queryset(user, CourseRun, CourseRun.objects.all()))
    if model is Enrolment:
        return queryset.filter(pk__in=visible_enrolments(user).values("pk"))
    if model in (Attendance, Certificate):
        return queryset.filter(enrolment__in=visible_enrolments(user).values("pk"))
    if model in (LessonProgress, QuizAttempt):
        return queryset.filter(participant__in=visible_participant_ids(user))
    if model is get_user_model():
        return queryset.filter(pk__in=visible_participant_ids(user))
    if model is AccessAttempt:
        User = get_user_model()
        usernames = User.objects.filter(pk__in=visible_participant_ids(user)).values(User.USERNAME_FIELD)
        return queryset.filter(username__in=usernames)
    if model is MunicipalityMembership:
        return queryset.filter(municipality__in=scope)
    return queryset  # municipalities, course pages: the names are no secret


def writable_queryset(user, model: type[Model], queryset: QuerySet) -> QuerySet:
    """What ``user`` may change or delete of ``model``: :func:`scoped_queryset`, less the records of
    runs hosted by another municipality (their own participants' there are read-only)."""
    scope = admin_scope(user)
    if scope is None:
        return queryset
    full_runs = CourseRun.objects.filter(fully_managed(user, scope)).values("pk")
    if model is Enrolment:
        return queryset.filter(run__in=full_runs)
    if model in (Attendance, Certificate):
        return queryset.filter(enrolment__run__in=full_runs)
    return scoped_queryset(user, model, queryset)


def _choosable(user, queryset: QuerySet) -> QuerySet:
    """What a form may set: what the admin may write, and for a municipality only their own (a run
    hosted by another municipality would be handed over to it)."""
    if queryset.model is Municipality:
        return queryset.filter(pk__in=admin_scope(user))
    return writable_queryset(user, queryset.model, queryset)


def _current_ids(instance: Model | None, name: str) -> list:
    """The ids ``instance`` holds in field ``name`` now (kept choosable: an edit must not drop them)."""
    if instance is None or instance.pk is None:
        return []
    field = instance._meta.get_field(name)
    if field.many_to_many:
        return list(getattr(instance, name).values_list("pk", flat=True))
    value = getattr(instance, field.attname, None)
    return [] if value is None else [value]


def limit_form_choices(form: forms.BaseForm, user, instance: Model | None = None) -> None:
    """Cut every model choice field of ``form`` down to what ``user`` may set (see the module docstring).

    The values ``instance`` already holds stay choosable, so saving an edit keeps them.
    """
    if admin_scope(user) is None:
        return
    for name, field in form.fields.items():
        if not isinstance(field, forms.ModelChoiceField):  # ModelMultipleChoiceField is one too
            continue
        allowed = Q(pk__in=_choosable(user, field.queryset).values("pk"))
        if current := _current_ids(instance, name):
            allowed |= Q(pk__in=current)
        field.queryset = field.queryset.filter(allowed)


def limit_filter_choices(form: forms.BaseForm, user, rows: QuerySet) -> None:
    """Cut a list filter's choices down to the values found in ``rows``, the list ``user`` sees."""
    if admin_scope(user) is None:
        return
    for name, field in form.fields.items():
        if isinstance(field, forms.ModelChoiceField) and name in {f.name for f in rows.model._meta.get_fields()}:
            field.queryset = field.queryset.filter(pk__in=rows.values(name))


class ScopedModelForm(forms.ModelForm):
    """The base of the teaching viewsets' forms: choices limited to the admin's scope (``for_user``)."""

    def __init__(self, *args, for_user, **kwargs):
        super().__init__(*args, **kwargs)
        limit_form_choices(self, for_user, self.instance)


class MunicipalScopeMixin:
    """A viewset mixin: every view of one object is 404 outside :meth:`objects_in_scope`
    (edit and delete views: ``write=True``)."""

    def objects_in_scope(self, user, queryset: QuerySet, *, write: bool) -> QuerySet:
        return (writable_queryset if write else scoped_queryset)(user, self.model, queryset)

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        write = issubclass(view_class, (EditView, DeleteView))

        @functools.wraps(view)
        def scoped(request, *args, **view_kwargs):
            pk = view_kwargs.get("pk")
            if pk is not None:
                found = self.model._default_manager.filter(pk=unquote(str(pk)))
                if not self.objects_in_scope(request.user, found, write=write).exists():
                    raise Http404("not in your municipality")
            return view(request, *args, **view_kwargs)

        return scoped
