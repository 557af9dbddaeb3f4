"""Turn pydantic validation errors into problems that name file, line and field."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import ContentProblem
from .yaml_source import Location, YamlDocument, dotted


def validate_document(model: type[BaseModel], doc: YamlDocument, problems: list[ContentProblem]):
    """Validate ``doc.data`` as ``model``; append problems and return the instance or ``None``."""
    problems.extend(doc.problems)
    if doc.data is None and not doc.problems:
        problems.append(ContentProblem(doc.path, 1, None, "the file is empty"))
        return None
    if doc.problems and doc.data is None:
        return None
    if not isinstance(doc.data, dict):
        problems.append(
            ContentProblem(
                doc.path, doc.line_of(()), None, f"expected a mapping of fields, got {type(doc.data).__name__}"
            )
        )
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(problems_from_error(exc, doc))
        return None


def problems_from_error(exc: ValidationError, doc: YamlDocument) -> list[ContentProblem]:
    out = []
    for error in exc.errors(include_url=False):
        data_loc, field_loc = _locate(doc.data, error["loc"])
        out.append(ContentProblem(doc.path, doc.line_of(data_loc), dotted(field_loc) or None, _message(error)))
    return out


def _locate(data: Any, loc: Location) -> tuple[Location, Location]:
    """Split pydantic's ``loc`` into the part present in the data and the field it names.

    Discriminated unions insert the tag (``"image"``) into ``loc``; it is skipped because it is
    not a key of the data.
    """
    data_loc: list = []
    field_loc: list = []
    current = data
    for index, part in enumerate(loc):
        if (isinstance(current, dict) and part in current) or (
            isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        ):
            current = current[part]
            data_loc.append(part)
            field_loc.append(part)
        elif index == len(loc) - 1:
            field_loc.append(part)  # a missing field: report it, at the line of its parent
    return tuple(data_loc), tuple(field_loc)


def _message(error: dict) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see `ksi-courses schema`)"
    if kind == "union_tag_invalid":
        return f"unknown block type '{ctx.get('tag')}'; expected one of {ctx.get('expected_tags')}"
    if kind == "union_tag_not_found":
        return "the block has no 'type'"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "literal_error":
        return f"{error['msg']} (got {error.get('input')!r})"
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return f"{error['msg']} (got {error.get('input')!r})"
    return error["msg"]
