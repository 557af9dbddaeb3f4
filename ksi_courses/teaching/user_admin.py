"""Wagtail's user admin for several municipalities: a municipality admin lists, edits and acts on
the accounts they manage only, and gives only the roles they may give (:mod:`.account_scope`).

Wagtail picks its user viewset from the ``wagtail.users`` app's ``user_viewset`` setting, so an
installation lists :class:`~.users_app.KsiUsersAppConfig` instead of ``"wagtail.users"`` in
``INSTALLED_APPS``. The user bulk actions (assign role, set active state, delete) are replaced by
hooks (:mod:`.wagtail_hooks`), whatever the viewset. The region's admin sees every account but
superusers' and gives the three roles only; superusers see plain Wagtail.

Every refusal happens on the server: the groups field and the bulk "assign role" field offer only
the grantable groups, so a forged id gets the field's own error ("Select a valid choice"); the
"Administrator" (superuser) box is left out, and a forged tick is a form error; an account out of
scope is 404 in every view of one user and is left out of the bulk actions.
"""

from __future__ import annotations

from django import forms
from django.shortcuts import get_list_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_users
from wagtail.users.views.bulk_actions import AssignRoleBulkAction, DeleteBulkAction, SetActiveStateBulkAction
from wagtail.users.views.bulk_actions.assign_role import RoleForm

from .access import admin_scope
from .account_scope import grantable_groups, groups_grantable_to_all, manageable_accounts
from .admin_visibility import MunicipalScopeMixin
from .models import Municipality, MunicipalityMembership

SUPERUSER_REFUSED = _("Only a superuser may make an account an administrator (superuser).")


class ScopedRolesForm(forms.ModelForm):
    """The groups field offers what ``for_user`` may give; the superuser box only to superusers."""

    def __init__(self, *args, for_user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limited = not for_user.is_superuser
        if not self.limited:
            return
        target = self.instance if self.instance.pk is not None else None
        if "groups" in self.fields:
            self.fields["groups"].queryset = grantable_groups(for_user, target)
        self.fields.pop("is_superuser", None)

    def clean(self):
        cleaned = super().clean()
        field = forms.BooleanField(required=False)
        if self.limited and field.to_python(self.data.get(self.add_prefix("is_superuser"))):
            self.add_error(None, SUPERUSER_REFUSED)
        return cleaned


class ScopedUserCreationForm(ScopedRolesForm, UserCreationForm):
    """A new account made by a municipality's admin belongs to one of their municipalities (their
    only one, shown but fixed; or the one they choose): without a membership it would be nobody's,
    and they would not see it again in their own list."""

    def __init__(self, *args, for_user, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        scope = admin_scope(for_user)
        if scope:
            only_one = len(scope) == 1
            self.fields["ksi_municipality"] = forms.ModelChoiceField(
                queryset=Municipality.objects.filter(pk__in=scope),
                label=_("Municipality"),
                help_text=_("The new account belongs to this municipality."),
                initial=next(iter(scope)) if only_one else None,
                disabled=only_one,  # a disabled field takes its initial value, whatever is posted
            )

    def _save_m2m(self):
        super()._save_m2m()
        municipality = self.cleaned_data.get("ksi_municipality")
        if municipality is not None:
            MunicipalityMembership.objects.get_or_create(user=self.instance, municipality=municipality)


class ScopedUserEditForm(ScopedRolesForm, UserEditForm):
    pass


class _ForUserFormKwargs:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class ScopedUserCreateView(_ForUserFormKwargs, wagtail_users.CreateView):
    pass


class ScopedUserEditView(_ForUserFormKwargs, wagtail_users.EditView):
    pass


class ScopedUserIndexView(wagtail_users.IndexView):
    def get_base_queryset(self):
        return manageable_accounts(self.request.user, super().get_base_queryset())

    @cached_property
    def filters(self):
        """The group filter offers only groups found in the list this admin sees."""
        filterset = super().filters
        if filterset is not None and admin_scope(self.request.user) is not None and "group" in filterset.form.fields:
            field = filterset.form.fields["group"]
            field.queryset = field.queryset.filter(pk__in=self.get_base_queryset().values("groups"))
        return filterset


class ScopedUserViewSet(MunicipalScopeMixin, wagtail_users.UserViewSet):
    """Wagtail's :class:`~wagtail.users.views.users.UserViewSet`, cut down to the accounts a
    municipality admin manages (:func:`.account_scope.manageable_accounts`)."""

    index_view_class = ScopedUserIndexView
    add_view_class = ScopedUserCreateView
    edit_view_class = ScopedUserEditView
    create_template_name = "ksi_teaching/users/create.html"  # Wagtail's, with the municipality field

    def objects_in_scope(self, user, queryset, *, write):
        return manageable_accounts(user, queryset)

    def get_form_class(self, for_update=False):
        return ScopedUserEditForm if for_update else ScopedUserCreationForm


class ScopedUserBulkAction:
    """A user bulk action on the accounts its user manages only: others are not found (404 if none is)."""

    def get_queryset(self, model, object_ids):  # an instance method here: the scope needs the request
        return get_list_or_404(manageable_accounts(self.request.user, model._default_manager.all()), pk__in=object_ids)


class ScopedAssignRoleBulkAction(ScopedUserBulkAction, AssignRoleBulkAction):
    """Assign role: only a group the admin may give every chosen account."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if isinstance(form, RoleForm) and not self.request.user.is_superuser:
            targets, _without_access = self.get_actionable_objects()
            form.fields["role"].queryset = groups_grantable_to_all(self.request.user, targets)
        return form


class ScopedSetActiveStateBulkAction(ScopedUserBulkAction, SetActiveStateBulkAction):
    pass


class ScopedDeleteBulkAction(ScopedUserBulkAction, DeleteBulkAction):
    pass


BULK_ACTIONS = (ScopedAssignRoleBulkAction, ScopedSetActiveStateBulkAction, ScopedDeleteBulkAction)
