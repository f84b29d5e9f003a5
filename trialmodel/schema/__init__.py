"""The exported JSON Schemas and the generated field reference.

``build`` makes the record format's JSON Schema from the model; ``fieldref`` renders the field
reference (docs/record-format.md) from it; ``generated`` lists every generated file, checks and
writes them (``trialmodel schema``). The parts load on first use: ``generated`` names its files
without loading the model, so the command line's parser stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trialmodel import _lazy_attributes

if TYPE_CHECKING:
    from trialmodel.schema.build import build_schema

__all__ = ["build_schema"]


__getattr__ = _lazy_attributes(__name__, globals(), {"build_schema": "trialmodel.schema.build"})
