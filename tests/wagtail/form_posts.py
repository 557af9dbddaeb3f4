"""POST data that fills a course form page's required fields, for tests that send a form."""


def filled_form(page, **values) -> dict:
    """Every required field of ``page`` with a valid value, then ``values`` (clean name → value)."""
    data = {}
    for field in page.form_fields.all():
        if not field.required:
            continue
        if field.field_type in ("radio", "dropdown", "checkboxes", "multiselect"):
            data[field.clean_name] = field.choices.splitlines()[0].strip()
        elif field.field_type == "checkbox":
            data[field.clean_name] = "on"
        elif field.field_type == "date":
            data[field.clean_name] = "2026-01-05"
        elif field.field_type == "number":
            data[field.clean_name] = "1"
        else:
            data[field.clean_name] = "x"
    return {**data, **values}
