"""The cell values every table shares: enumerations, joined lists, dates and durations."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Any

from trialmodel.model.product import Duration
from trialmodel.model.record import DatedEvent
from trialmodel.outputs.tables.columns import LIST_SEPARATOR

__all__ = ["Row", "dated", "duration", "joined", "v"]

Row = dict[str, Any]


def v(value: object) -> Any:
    """An enumeration as its registry spelling; any other value as it is."""
    return value.value if isinstance(value, Enum) else value


def joined(items: Sequence[object] | None) -> str | None:
    """A list in one cell, joined with ``LIST_SEPARATOR``; None stays None (absent)."""
    return None if items is None else LIST_SEPARATOR.join(str(v(i)) for i in items)


def dated(prefix: str, event: DatedEvent | None) -> Row:
    """A dated event's ``<prefix>_date`` and ``<prefix>_type`` cells."""
    if event is None:
        return {f"{prefix}_date": None, f"{prefix}_type": None}
    return {f"{prefix}_date": event.date, f"{prefix}_type": v(event.type)}


def duration(prefix: str, value: Duration | None) -> Row:
    """A duration's ``<prefix>_value`` and ``<prefix>_unit`` cells."""
    if value is None:
        return {f"{prefix}_value": None, f"{prefix}_unit": None}
    return {f"{prefix}_value": value.value, f"{prefix}_unit": v(value.unit)}
