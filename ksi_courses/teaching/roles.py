"""The three roles, as Django groups with permissions.

The data migration ``0002_roles`` creates the groups by calling :func:`sync_role_groups`. To change
a role later, edit :data:`ROLES` and add a migration that calls :func:`sync_role_groups` again: it
adds what is missing and never removes permissions a municipality granted by hand.

What each role can do follows from the permissions, checked in :mod:`.access`:

- *Kommuneadministrator* sees and manages every course run (also in the Wagtail admin), edits
  the course pages, images and branding, and manages user accounts.
- *Lærer* sees teacher material, sets up course runs and manages the runs they teach.
- *Deltaker* has no permissions: participants see their own data only, through enrolments.
"""

from __future__ import annotations

from dataclasses import dataclass

ADMIN_GROUP = "Kommuneadministrator"
TEACHER_GROUP = "Lærer"
PARTICIPANT_GROUP = "Deltaker"

TEACH = "ksi_teaching.teach_courserun"
MANAGE_ALL_RUNS = "ksi_teaching.manage_all_courseruns"

_TEACHING_MODELS = (
    "courserun",
    "enrolment",
    "lessonprogress",
    "quizattempt",
    "attendancesession",
    "attendance",
    "certificate",
    "temporarypassword",
    # issue 23; an admin who belongs to a municipality only looks at them (see wagtail_hooks)
    "municipality",
    "municipalitymembership",
)


@dataclass(frozen=True)
class Role:
    group: str
    permissions: tuple[str, ...]  # "app_label.codename"
    page_permissions: tuple[str, ...] = ()  # wagtailcore page permissions on the root page
    collection_permissions: tuple[str, ...] = ()  # image/document permissions on the root collection


ROLES = (
    Role(
        ADMIN_GROUP,
        permissions=(
            "wagtailadmin.access_admin",
            "ksi_courses.view_teacher_material",
            "ksi_courses.change_branding",
            "ksi_courses.review_translations",
            TEACH,
            MANAGE_ALL_RUNS,
            *(f"ksi_teaching.{action}_{model}" for model in _TEACHING_MODELS for action in ("add", "change", "delete", "view")),
            "auth.add_user",
            "auth.change_user",
            "auth.view_user",
        ),
        # No delete_page: lessons are unpublished, never deleted (progress records hang on them).
        page_permissions=("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
        collection_permissions=(
            "wagtailimages.add_image",
            "wagtailimages.change_image",
            "wagtailimages.choose_image",
            "wagtaildocs.add_document",
            "wagtaildocs.change_document",
            "wagtaildocs.choose_document",
        ),
    ),
    Role(TEACHER_GROUP, permissions=("wagtailadmin.access_admin", "ksi_courses.view_teacher_material", TEACH)),
    Role(PARTICIPANT_GROUP, permissions=()),
)


def sync_role_groups(apps) -> None:
    """Create the role groups and give them their permissions (``apps``: a migration's app registry)."""
    _create_missing_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def permission(name: str):
        app_label, codename = name.split(".")
        try:
            return Permission.objects.get(content_type__app_label=app_label, codename=codename)
        except Permission.DoesNotExist:
            if _model_not_yet(apps, name):
                return None  # a model a later migration creates; that migration syncs again
            raise LookupError(f"role permission {name} does not exist: is the app '{app_label}' installed?") from None

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.group)
        group.permissions.add(*(found for name in role.permissions if (found := permission(name)) is not None))
        if root_page is not None:
            for codename in role.page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission(f"wagtailcore.{codename}")
                )
        if root_collection is not None:
            for name in role.collection_permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission(name)
                )


def _model_not_yet(apps, name: str) -> bool:
    """Whether ``name`` is a permission of a model that a later migration creates.

    An early migration (``0002_roles``) calls :func:`sync_role_groups` with the models of its
    time; the later migration that creates the model gives its permissions (calling this again,
    or granting them itself, as ``ksi_courses 0012_translation_review`` does).
    """
    from django.apps import apps as installed_apps

    app_label, codename = name.split(".")
    for model in installed_apps.get_app_config(app_label).get_models():
        meta = model._meta
        declared = {f"{action}_{meta.model_name}" for action in meta.default_permissions}
        declared |= {custom for custom, _label in meta.permissions}
        if codename in declared:
            try:
                apps.get_model(app_label, meta.object_name)
            except LookupError:
                return True
            return False
    return False


def _create_missing_permissions(apps) -> None:
    # Django creates model permissions after *all* migrations (post_migrate); this migration
    # runs before that on a fresh database, so it creates them itself (idempotent).
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
