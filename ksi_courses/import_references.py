"""Only the stream blocks that can refer to something, for reading an object's references.

Wagtail finds the references in a StreamField (the images a lesson shows, the pages a rich text
links to) by converting every block of the stream to its Python value and asking each for its
references. Most blocks of a lesson (text, vocabulary, quizzes, checklists) are built only of
blocks that never refer to anything, and converting them is most of the time an import spends on
the reference index.

:func:`blocks_that_may_refer` tells from a stream's block definitions alone which block types
can: a block refers to nothing if its class keeps Wagtail's default ``extract_references`` (which
returns nothing), or is a struct, list or stream block that keeps Wagtail's own method (which
only passes its children's references on) and whose children all refer to nothing. Any other
block, a custom one included, counts as one that may refer. :func:`reduce_streams` then leaves in
each stream of an object (loaded only to be indexed) just the blocks of those types, with their
ids, so Wagtail's own reading gives the same references, paths included.
"""

from __future__ import annotations

from wagtail.blocks import Block, ListBlock
from wagtail.blocks.stream_block import BaseStreamBlock, StreamValue
from wagtail.blocks.struct_block import BaseStructBlock
from wagtail.fields import StreamField

#: ``extract_references`` of Wagtail's containers: each yields its children's references only.
_PASS_ON = {
    BaseStructBlock: BaseStructBlock.extract_references,
    ListBlock: ListBlock.extract_references,
    BaseStreamBlock: BaseStreamBlock.extract_references,
}


def may_refer(block) -> bool:
    """Whether a value of ``block`` can hold a reference Wagtail indexes (see the module docstring)."""
    method = type(block).extract_references
    if method is Block.extract_references:
        return False
    for container, passes_on in _PASS_ON.items():
        if isinstance(block, container) and method is passes_on:
            children = [block.child_block] if isinstance(block, ListBlock) else block.child_blocks.values()
            return any(may_refer(child) for child in children)
    return True


def blocks_that_may_refer(stream_block) -> frozenset[str]:
    """The names of the child block types of ``stream_block`` whose values may hold a reference."""
    return frozenset(name for name, block in stream_block.child_blocks.items() if may_refer(block))


def kept_block_types(model) -> dict[str, frozenset[str]]:
    """For each StreamField of ``model``, by attribute name: the block types that may refer."""
    return {
        field.attname: blocks_that_may_refer(field.stream_block)
        for field in model._meta.concrete_fields
        if isinstance(field, StreamField)
    }


def reduce_streams(instance, kept: dict[str, frozenset[str]]) -> None:
    """Leave in each StreamField of ``instance`` only the blocks of the ``kept`` types (see
    :func:`kept_block_types`), as raw data with their ids; a block of a type the
    stream does not know stays, for Wagtail to treat as it does. Only for an object loaded to be
    indexed: it must not be saved afterwards."""
    for attname, names in kept.items():
        value = getattr(instance, attname)
        if not isinstance(value, StreamValue):
            continue
        known = value.stream_block.child_blocks
        raw = [item for item in value.raw_data if item.get("type") in names or item.get("type") not in known]
        if len(raw) < len(value):
            setattr(instance, attname, StreamValue(value.stream_block, raw, is_lazy=True))
