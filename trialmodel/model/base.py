"""The configuration every model of the record shares."""

import typing
from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, field_validator
from pydantic_core import PydanticCustomError

__all__ = ["Identity", "Section", "is_list", "model_in", "models_below"]


@dataclass(frozen=True, slots=True)
class Identity:
    """How an item of a list is recognised across two versions of a record, never by position."""

    keys: tuple[tuple[str, ...], ...]
    """Fields whose values (white space collapsed, case folded) identify the item: each tuple one
    key, strongest first (an intervention by type, name and arms, then type and name, then name).
    No key: the item is recognised by its whole content alone (equal, or alike enough)."""
    names: tuple[str, ...] = ()
    """The fields that name the item: a change to them is a rename, reported once."""


class Section(BaseModel):
    """A strict, immutable part of a record: unknown keys are errors, nothing is coerced.

    Two facts about the record live here, on the model, and nowhere else: how list items are
    identified (``identity``; the change matcher's keys and names derive from it, and an update
    pairs items with that matcher) and which fields the registry does not give (``curated``,
    ``keeps_curated_items``; what an update may touch derives from them). Neither is part of the
    record format or its JSON Schema.
    """

    identity: ClassVar[Identity | None] = None
    """When items of this model stand in a list: how one is recognised (None: not in a list;
    every model that stands in a list declares one, a test holds)."""
    curated: ClassVar[frozenset[str]] = frozenset()
    """Fields the registry does not give: the curator's (or the format's own), never touched by
    an update. Every other field, and everything below it, is the registry's."""
    keeps_curated_items: ClassVar[frozenset[str]] = frozenset()
    """Registry lists to which a curator may add items the registry does not list (ids from
    another registry): an update keeps those items rather than removing them."""
    follows: ClassVar[str | None] = None
    """The published reference this part of the record follows (ISCT's minimal criteria, MISEV,
    CDISC USDM, FHIR R5, the WHO Trial Registration Data Set), when it follows one."""

    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        frozen=True,
        allow_inf_nan=False,
        # the docstrings under the fields are their descriptions, attached on first need
        # (trialmodel.model.docs): reading them at class creation costs every start-up
        validate_default=False,
        # a model's validator is built when it is first used: validating a record builds the
        # record's alone (it holds every part), not one for each of the parts as well
        defer_build=True,
    )

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The JSON Schema of the model, every field described by the docstring under it."""
        from trialmodel.model.docs import describe_fields

        describe_fields([cls])
        return super().model_json_schema(*args, **kwargs)

    @field_validator("*", mode="before")
    @classmethod
    def _reject_null(cls, value: object) -> object:
        # An absent key means "no source says"; an explicit null (`key:` with nothing after it)
        # would be a second spelling of that, and the exported JSON Schema rejects it too.
        if value is None:
            raise PydanticCustomError(
                "null_value", "must not be empty (null): leave the key out when no source gives it"
            )
        return value


def model_in(annotation: object) -> type[BaseModel] | None:
    """The model class inside a field's annotation (``Status | None``, ``list[Arm]``,
    ``Annotated[...]``), or None for a plain value: how every walk over the model's fields finds
    the sections below a field."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = model_in(arg)
        if found is not None:
            return found
    return None


def models_below(root: type[BaseModel]) -> list[type[BaseModel]]:
    """``root`` and every model class reachable through its fields, each once, in field order."""
    found: list[type[BaseModel]] = []
    todo = [root]
    while todo:
        model = todo.pop(0)
        if model in found:
            continue
        found.append(model)
        todo.extend(m for f in model.model_fields.values() if (m := model_in(f.annotation)))
    return found


def is_list(annotation: object) -> bool:
    """Whether a field's annotation is a list (``list[Arm] | None``)."""
    if typing.get_origin(annotation) is list:
        return True
    return any(is_list(arg) for arg in typing.get_args(annotation))
