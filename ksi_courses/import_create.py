"""New pages, created live with their first revision in a few queries per course.

For a new page Wagtail's own path is ``parent.add_child(instance=page)``, then
``page.save_revision().publish()``: the page is validated and saved three times (created, revision
noted, revision published, the last from the revision's JSON, validated once more), and every
step asks the database again (the parent, the previous revision, workflow states, aliases, the
stored page before a save). For an import that creates a course that is most of the time.

:class:`NewPages` keeps what the database ends up holding and does the rest in batches: each
page is added to the tree one node at a time and validated once, as treebeard's ``add_child``
does it (the parent's row locked, the new path after its last child), except that the last child
of a parent is remembered rather than asked for again. Validation is Wagtail's ``full_clean``
without the checks that would ask the database about values this class has just read from it
(see :data:`TRUSTED_FIELDS`); the database's own constraints still guard them. A page's child
rows (a form page's fields) are inserted in one query per relation instead of one each.
:meth:`NewPages.flush` then prepares every page's revision from the page as saved (exactly the
content ``save_revision`` would store, with the child rows read in one query per relation),
writes the revisions, the pages' revision and publishing fields and the "created" and
"published" log entries in one query each, stores the importer's stamps, and sends Wagtail's
``page_published`` and ``published`` signals for every page, as ``publish()`` does. The result
(tree, fields, child rows, revisions, log entries, signals) is what Wagtail's path gives;
``tests/wagtail/test_import_create.py`` compares the two.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F, prefetch_related_objects
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from treebeard.exceptions import PathOverflow
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published, published

from .import_stamps import own_child_relations, page_stamp

#: Page fields ``save_revision()`` and ``publish()`` set on a new page.
PUBLISHED_FIELDS = (
    "latest_revision",
    "live_revision",
    "latest_revision_created_at",
    "first_published_at",
    "last_published_at",
    "has_unpublished_changes",
)
#: Fields whose values :meth:`NewPages.add` takes from the database itself, so that validating them
#: again (a query each: the locale and content type exist, the path and the translation key are
#: unused) would only repeat what is known: the locale is the parent's, the content type Django's,
#: the path the next free one under the parent's locked row, the translation key a new UUID.
TRUSTED_FIELDS = ("locale", "content_type", "path", "translation_key")


class NewPages:
    """Pages created by :meth:`add`, published (revisions, log entries, signals) by :meth:`flush`."""

    def __init__(self):
        #: Pages added since the last flush, each with its unsaved revision and its ``numchild``
        #: when it was saved (the revision's content is read at the flush, by when children may
        #: have been added below it).
        self.pending: list[tuple[Page, Revision, int]] = []
        #: Parent page id → the path of its last child ("" for none), for parents whose row this
        #: transaction has locked or created.
        self.last_child: dict[int, str] = {}

    def add(self, parent, page):
        """Add ``page`` (a new, specific page) as the last child of ``parent``; returns it.

        The page is saved live, as ``publish()`` leaves it; until :meth:`flush` it has no revision.
        """
        page.live = True
        page.has_unpublished_changes = False
        if parent.pk not in self.last_child:
            # As treebeard's add_child: lock the parent's row (until the import commits), find its last child.
            locked = Page.objects.select_for_update().get(pk=parent.pk)
            last = locked.get_last_child()
            self.last_child[parent.pk] = last.path if last is not None else ""
        last_path = self.last_child[parent.pk]
        page.depth = parent.depth + 1
        step = Page._str2int(last_path[-Page.steplen :]) + 1 if last_path else 1
        page.path = Page._get_path(parent.path, page.depth, step)
        if len(Page._int2str(step)) > Page.steplen or len(page.path) > Page._meta.get_field("path").max_length:
            raise PathOverflow(f"no room in the page tree for '{page.title}' under '{parent.title}'")
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
        parent.numchild += 1
        page._cached_parent_obj = parent
        if page.locale_id is None:
            page.locale_id = parent.locale_id  # what Page.get_default_locale() would read back from the database
        page.full_clean(exclude=TRUSTED_FIELDS)  # what save() validates, less the repeated queries
        # What PageQuerySet.annotate_site_root_state() would say, for save() to use instead of a query:
        # no site's root page can share the new page's translation key (a new UUID).
        page._is_site_root = False
        children = _take_child_rows(page)
        page.save(clean=False, log_action=None)  # the "created" log entry comes with the others
        _insert_child_rows(page, children)
        self.last_child[parent.pk] = page.path
        self.last_child[page.pk] = ""
        revision = Revision(
            content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
            base_content_type=page.get_base_content_type(),
            object_id=str(page.pk),
            created_at=timezone.now(),
            object_str=str(page),
        )
        self.pending.append((page, revision, page.numchild))
        return page

    def forget_positions(self) -> None:
        """Forget the remembered last children: pages were moved (treebeard shifts paths)."""
        self.last_child.clear()

    def flush(self) -> None:
        """Write the revisions, publishing fields, log entries and stamps of the pages added since
        the last flush, then send the publishing signals."""
        self.forget_positions()  # the importer moves pages right after a flush
        if not self.pending:
            return
        pending, self.pending = self.pending, []
        _prefetch_child_rows([page for page, _, _ in pending])
        for page, revision, numchild in pending:
            # What save_revision() stores: the page as saved, before its revision fields are set.
            revision.content = page.serializable_data()
            revision.content["numchild"] = numchild
        revisions = [revision for _, revision, _ in pending]
        if connection.features.can_return_rows_from_bulk_insert:
            Revision.objects.bulk_create(revisions)
        else:  # (a database that cannot return the new ids: one insert each)
            for revision in revisions:
                revision.save()
        for page, revision, _ in pending:
            page.latest_revision = page.live_revision = revision
            page.latest_revision_created_at = revision.created_at
            page.first_published_at = page.last_published_at = revision.created_at
            page.has_unpublished_changes = False
        _update_rows(Page, [page for page, _, _ in pending], PUBLISHED_FIELDS)
        uuid = get_active_log_context().uuid
        PageLogEntry.objects.bulk_create(
            PageLogEntry(
                content_type=revision.content_type,
                label=page.get_admin_display_title(),
                action=action,
                timestamp=revision.created_at,
                data={},
                user_id=page.owner_id if action == "wagtail.create" else None,
                uuid=uuid,
                revision=revision if action == "wagtail.publish" else None,
                content_changed=True,
                page=page,
            )
            for page, revision, _ in pending
            for action in ("wagtail.create", "wagtail.publish")  # in this order, as Wagtail writes them
        )
        self._stamp([page for page, _, _ in pending])
        for page, revision, _ in pending:
            page_published.send(sender=type(page), instance=page, revision=revision)
            published.send(sender=type(page), instance=page, revision=revision)

    @staticmethod
    def _stamp(pages) -> None:
        """Store each page's stamp, from the page as stored (as a later import will read it)."""
        by_class: dict[type, list[int]] = {}
        for page in pages:
            by_class.setdefault(type(page), []).append(page.pk)
        in_memory = {page.pk: page for page in pages}
        for page_class, pks in by_class.items():
            stored = list(page_class.objects.filter(pk__in=pks).prefetch_related(*own_child_relations(page_class)))
            for page in stored:
                page.ksi_page_stamp = in_memory[page.pk].ksi_page_stamp = page_stamp(page)
            _update_rows(page_class, stored, ["ksi_page_stamp"])


def _take_child_rows(page) -> dict:
    """The child rows given to a new ``page`` in memory (a form page's fields), by relation, taken
    off it: saved one by one, as modelcluster does it on ``page.save()``, they would cost a query each."""
    children = {}
    for relation in get_all_child_relations(page):
        name = relation.get_accessor_name()
        rows = list(getattr(page, name).all())  # the page is unsaved: its rows in memory, no query
        if rows:
            children[relation] = rows
            setattr(page, name, [])
    return children


def _insert_child_rows(page, children: dict) -> None:
    """Insert ``children`` (from :func:`_take_child_rows`) for the saved ``page``, one query per
    relation. Like ``bulk_create`` it calls no ``save()`` and sends no signals, and loses nothing:
    the importer gives every field its value (a form field its ``clean_name``, which is all its
    ``save()`` adds), and the reference and search indexes take child rows with their page, which
    the import indexes when it ends (``import_indexing``)."""
    for relation, rows in children.items():
        for row in rows:
            setattr(row, relation.field.name, page)
        relation.related_model.objects.bulk_create(rows)


def _prefetch_child_rows(pages) -> None:
    """Read the child rows of ``pages`` (of any page classes) in one query per class and relation."""
    by_class: dict[type, list] = {}
    for page in pages:
        by_class.setdefault(type(page), []).append(page)
    for page_class, group in by_class.items():
        names = [relation.get_accessor_name() for relation in get_all_child_relations(page_class)]
        prefetch_related_objects(group, *names)


def _update_rows(model, objects, names) -> None:
    """Write the fields ``names`` of ``objects`` to ``model``'s table: one statement, run for every
    row (``bulk_update`` builds a CASE per field and row, slow to compile for a few hundred)."""
    fields = [model._meta.get_field(name) for name in names]
    if any(field.model is not model for field in fields):  # a field of another table of the model
        model.objects.bulk_update(objects, names)
        return
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s"
    rows = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields] + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
