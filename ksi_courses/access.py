"""Who may see what. Teacher material (teacher notes, quiz answers) is never shown to
participants or anonymous visitors."""

TEACHER_MATERIAL_PERMISSION = "ksi_courses.view_teacher_material"


def can_see_teacher_material(user) -> bool:
    """Teachers and admins (the permission, or superuser) see teacher material."""
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(TEACHER_MATERIAL_PERMISSION))
