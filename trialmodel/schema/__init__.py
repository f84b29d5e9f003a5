"""The exported JSON Schemas and the generated field reference.

``build`` makes the record format's JSON Schema from the model; ``fieldref`` renders the field
reference (docs/record-format.md) from it; ``generated`` lists every generated file, checks and
writes them (``trialmodel schema``). The parts load on first use: ``generated`` names its files
without loading the model, so the command line's parser stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trialmodel.schema.build import build_schema

__all__ = ["build_schema"]


def __getattr__(name: str) -> Any:
    if name != "build_schema":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = import_module("trialmodel.schema.build").build_schema
    globals()[name] = value
    return value
