"""How a table is declared: columns that name the record field they hold, and the shared keys.

A column that holds a record field names its record path; its description is that field's own
docstring in the model, so the data dictionary (docs/tables.md) cannot drift from the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from trialmodel.model.base import model_in
from trialmodel.model.docs import field_description
from trialmodel.model.record import TrialRecord

__all__ = [
    "JOINED",
    "LIST_SEPARATOR",
    "TRIAL_ID",
    "VERSION",
    "Column",
    "ColumnType",
    "Table",
    "col",
    "dates",
    "duration",
    "entity",
    "key",
]

ColumnType = Literal["string", "int64", "double", "bool"]

LIST_SEPARATOR = "|"
"""How a list of texts (phases, conditions) is written in one cell."""

JOINED = f"Joined with `{LIST_SEPARATOR}`."


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its name, type, the record path it holds (if any) and what it means."""

    name: str
    type: ColumnType
    description: str
    path: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """One table: a file ``<name>.parquet`` or ``<name>.csv``."""

    name: str
    description: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The column names in order."""
        return tuple(c.name for c in self.columns)


def field_doc(path: str) -> str:
    """The model's docstring of the field at a record path (``arms[].dose_levels[].label``)."""
    model: type[BaseModel] | None = TrialRecord
    description = ""
    for name in path.replace("[]", "").split("."):
        if model is None or name not in model.model_fields:
            raise KeyError(f"no field {path!r} in the record model")
        description = field_description(model, name) or ""
        model = model_in(model.model_fields[name].annotation)
    return description


def col(name: str, type_: ColumnType, path: str, note: str = "", shown: str = "") -> Column:
    """A column holding a record field; a list field is joined with ``LIST_SEPARATOR``.
    ``shown`` is the path the dictionary prints where one column holds several fields of the
    same kind (each designation's status), ``path`` then being one of them for the docstring."""
    text = field_doc(path)
    return Column(name, type_, f"{text} {note}".strip(), shown or path)


def key(name: str, description: str, type_: ColumnType = "int64") -> Column:
    """A key or derived column that no single record field holds."""
    return Column(name, type_, description)


TRIAL_ID = key(
    "trial_id",
    "The record id: the primary registration's id, else the NCT id (`identification.record_id`).",
    "string",
)
VERSION = key(
    "version",
    "Registry version: 1 for the oldest version held, counting up to the current record.",
)


def entity(name: str, description: str, ident: str, ident_doc: str, *cols: Column) -> Table:
    """A table of one list of the record: one row per item, keyed by its position."""
    index = key(ident, ident_doc)
    return Table(
        name, description, ("trial_id", "version", ident), (TRIAL_ID, VERSION, index, *cols)
    )


def dates(name: str, path: str) -> tuple[Column, Column]:
    """A dated event's two columns: ``<name>_date`` and ``<name>_type``."""
    return (
        col(f"{name}_date", "string", f"{path}.date"),
        col(f"{name}_type", "string", f"{path}.type"),
    )


def duration(name: str, path: str) -> tuple[Column, Column]:
    """A duration's two columns: ``<name>_value`` and ``<name>_unit``."""
    return (
        col(f"{name}_value", "double", f"{path}.value"),
        col(f"{name}_unit", "string", f"{path}.unit"),
    )
