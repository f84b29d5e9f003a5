"""The configuration every model of the record shares."""

from __future__ import annotations

import typing

from pydantic import BaseModel, ConfigDict, field_validator
from pydantic_core import PydanticCustomError


class Section(BaseModel):
    """A strict, immutable part of a record: unknown keys are errors, nothing is coerced."""

    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        frozen=True,
        allow_inf_nan=False,
        use_attribute_docstrings=True,
        validate_default=False,
    )

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
