"""Admin form data for a page's current values, including StreamFields (which the edit view
renders with JavaScript, so Wagtail's test helper cannot read them from the HTML)."""

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.test.utils.form_data import inline_formset, nested_form_data


def block_form_data(block, value):
    if isinstance(block, blocks.StreamBlock):
        items = {
            str(i): {
                "type": child.block_type,
                "value": block_form_data(child.block, child.value),
                "deleted": "",
                "order": i,
                "id": child.id or "",
            }
            for i, child in enumerate(value)
        }
        return {"count": len(items), **items}
    if isinstance(block, blocks.ListBlock):
        items = {
            str(i): {"value": block_form_data(block.child_block, item), "deleted": "", "order": i, "id": ""}
            for i, item in enumerate(value)
        }
        return {"count": len(items), **items}
    if isinstance(block, blocks.StructBlock):
        return {name: block_form_data(child, value.get(name)) for name, child in block.child_blocks.items()}
    if isinstance(block, blocks.BooleanBlock):
        return "on" if value else ""
    if isinstance(block, ImageChooserBlock):
        return value.pk if value else ""
    prepared = block.get_prep_value(value)
    return "" if prepared is None else prepared


def page_form_data(page, fields, inlines=None) -> dict:
    """Form data for ``fields`` of ``page``, as the edit view would post it; ``inlines`` maps an
    inline panel's relation name to the child fields it edits."""
    data = {}
    for relation, child_fields in (inlines or {}).items():
        children = [
            {name: _plain(getattr(child, name)) for name in ("id", *child_fields)}
            for child in getattr(page, relation).all()
        ]
        data[relation] = inline_formset(children)
    for name in fields:
        field = page._meta.get_field(name)
        value = getattr(page, name)
        if isinstance(field, StreamField):
            data[name] = block_form_data(field.stream_block, value)
        elif hasattr(value, "all"):  # many-to-many (e.g. tags)
            data[name] = ""
        else:
            data[name] = _plain(value)
    return nested_form_data(data)


def _plain(value):
    if value is None or isinstance(value, bool):
        return "on" if value else ""
    return getattr(value, "pk", value)
