"""A cheap fingerprint of an imported page's current state (its "stamp").

The importer stores the stamp of every page it writes (``ksi_page_stamp``). While a page's
stamp is unchanged, nobody has edited it since: the admin saves a new revision for every draft
or publish, and a change made in code without a revision changes the page's own fields. A
later import that finds the stamp unchanged and the shipped content's fingerprint equal to
``ksi_import_hash`` knows the page is up to date without rebuilding its stream and comparing
payloads. Any other case takes the full comparison, exactly as before stamps existed.

The stamp hashes the stored (raw) values of the fields the page class adds to Wagtail's
``Page``, its title, its revision and publishing state, and the rows of its own child
relations (a form page's fields). The importer's bookkeeping fields and the tree position
(which moves and reorders change) are left out.
"""

from __future__ import annotations

import hashlib
import json

from modelcluster.models import get_all_child_relations
from wagtail.models import Page

#: Fields the importer itself keeps up to date; they say nothing about the page's content.
BOOKKEEPING_FIELDS = frozenset(
    {"ksi_import_hash", "ksi_page_stamp", "ksi_version", "ksi_content_hash", "ksi_import_state"}
)
STATE_FIELDS = ("title", "latest_revision_id", "live", "has_unpublished_changes")


def page_stamp(page) -> str:
    """The stamp of ``page`` (a specific page instance as loaded from the database)."""
    state: list = [type(page)._meta.label_lower]
    state += [getattr(page, name) for name in STATE_FIELDS]
    for field in _own_fields(type(page)):
        state.append((field.name, field.get_prep_value(field.value_from_object(page))))
    for name in own_child_relations(type(page)):
        rows = sorted(getattr(page, name).all(), key=lambda row: row.pk)  # .all() uses a prefetch
        state.append((name, [[field.value_from_object(row) for field in row._meta.concrete_fields] for row in rows]))
    data = json.dumps(state, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode()).hexdigest()


def _own_fields(page_class) -> list:
    return [
        field
        for field in page_class._meta.concrete_fields
        if field.model is not Page and not field.primary_key and field.name not in BOOKKEEPING_FIELDS
    ]


def own_child_relations(page_class) -> list[str]:
    """Names of the child relations ``page_class`` adds to ``Page`` (for ``prefetch_related``)."""
    inherited = {relation.get_accessor_name() for relation in get_all_child_relations(Page)}
    return [
        name
        for name in (relation.get_accessor_name() for relation in get_all_child_relations(page_class))
        if name not in inherited
    ]
