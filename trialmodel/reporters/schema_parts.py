"""Small builders shared by the hand-written JSON Schemas of the reports (draft 2020-12)."""

from __future__ import annotations

from typing import Any

__all__ = ["DIALECT", "Json", "closed_object", "count", "tool", "typed"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

Json = dict[str, Any]


def closed_object(description: str, properties: Json, required: list[str] | None = None) -> Json:
    """An object with exactly these properties (all required unless ``required`` says)."""
    return {
        "description": description,
        "type": "object",
        "properties": properties,
        "required": required if required is not None else list(properties),
        "additionalProperties": False,
    }


def typed(kind: str | list[str], description: str, **more: Any) -> Json:
    """A property of a JSON type (or list of types), with its description."""
    return {"description": description, "type": kind, **more}


def count(description: str) -> Json:
    """A whole number of something, zero or more."""
    return typed("integer", description, minimum=0)


def tool() -> Json:
    """The ``tool`` object every report carries or may carry."""
    return closed_object(
        "The program that wrote the report.",
        {"name": {"const": "trialmodel"}, "version": typed("string", "The package version.")},
    )
