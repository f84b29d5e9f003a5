"""The vocabulary of change events: significance, category, the Change itself, and value display.

Kinds are stable snake_case identifiers, like finding codes: users filter on them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Any

from pydantic import BaseModel

from trialmodel.formats import CHANGES

__all__ = [
    "POSSIBLE_OUTCOME_SWITCHING",
    "REPORT_FORMATS",
    "RETROACTIVE_REGISTRATION",
    "Category",
    "Change",
    "Significance",
    "collapse",
    "json_value",
    "quoted",
    "quoted_pair",
    "show",
]

JsonValue = Any
"""A plain value that ``json.dumps`` writes: None, bool, int, float, str, list, dict."""


class Significance(StrEnum):
    """How much a change matters to someone watching the trial."""

    MAJOR = "major"
    MINOR = "minor"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for major, 1 for minor, 2 for info: sort by it to put the weightiest first."""
        return _RANK[self]


_RANK = {Significance.MAJOR: 0, Significance.MINOR: 1, Significance.INFO: 2}


class Category(StrEnum):
    """The part of a trial a change is about."""

    IDENTIFICATION = "identification"
    STATUS = "status"
    DATES = "dates"
    ENROLLMENT = "enrollment"
    DESIGN = "design"
    ARMS_AND_INTERVENTIONS = "arms_and_interventions"
    PRODUCT_AND_DOSE = "product_and_dose"
    OUTCOMES = "outcomes"
    ELIGIBILITY = "eligibility"
    SPONSORS = "sponsors"
    LOCATIONS = "locations"
    CURATION = "curation_and_provenance"


REPORT_FORMATS = CHANGES
"""The formats a change report is rendered in (``trialmodel.reporters.changes``)."""

POSSIBLE_OUTCOME_SWITCHING = "possible_outcome_switching"
"""Flag: a primary outcome was added, dropped, reworded, re-timed or moved."""

RETROACTIVE_REGISTRATION = "retroactive_registration"
"""Flag: the start date lies before the date the record was first submitted for registration
(ICMJE: registration at or before the first participant's enrolment)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change between two versions of a trial's record, in domain terms.

    ``path`` reads like the YAML (``outcomes.primary[0].time_frame``), indexes being those of the
    newer version (of the older one for something removed). ``old`` and ``new`` are plain JSON
    values; None means absent. ``details`` holds measured facts such as ``slip_months``.
    """

    kind: str
    category: Category
    path: str
    old: JsonValue
    new: JsonValue
    significance: Significance
    message: str
    flags: tuple[str, ...] = ()
    details: Mapping[str, JsonValue] = field(default_factory=dict, hash=False)


def json_value(value: object) -> JsonValue:
    """A model value as plain JSON data: models dumped without absent fields, enums as values."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    return value


def collapse(text: str) -> str:
    """Text with runs of white space made single spaces: a reflowed paragraph is the same text."""
    return " ".join(text.split())


SHOW_WIDTH = 90


def show(value: object, width: int = SHOW_WIDTH) -> str:
    """A value as a short one-line text for a message."""
    data = json_value(value)
    if data is None:
        return "(none)"
    value = next((data[k] for k in ("date", "count") if isinstance(data, dict) and k in data), None)
    if isinstance(data, dict) and value is not None and len(data) <= 1 + ("type" in data):
        text = f"{value} ({data['type']})" if "type" in data else str(value)
    elif isinstance(data, dict):
        text = "; ".join(f"{k}: {show(v, width)}" for k, v in data.items())
    elif isinstance(data, list):
        text = ", ".join(show(v, width) for v in data)
    elif isinstance(data, bool):
        text = "yes" if data else "no"
    elif isinstance(data, float):
        text = f"{data:g}"
    else:
        text = collapse(str(data))
    return text if len(text) <= width else text[: width - 1] + "…"


CONTEXT = 30
"""Characters shown before the first difference when two long values are shortened."""


def quoted_pair(old: object, new: object, width: int = SHOW_WIDTH) -> tuple[str, str]:
    """Two values as ``quoted`` writes them, long texts shortened around their first difference
    (``"…MODERATE…"`` against ``"…MILD…"``), never to two identical prefixes."""
    a, b = json_value(old), json_value(new)
    if not (isinstance(a, str) and isinstance(b, str)):
        return quoted(a), quoted(b)
    a, b = collapse(a), collapse(b)
    if len(a) <= width and len(b) <= width:
        return f'"{a}"', f'"{b}"'
    first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), None)
    first = min(len(a), len(b)) if first is None else first
    start = max(0, first - CONTEXT)
    return f'"{_window(a, start, width)}"', f'"{_window(b, start, width)}"'


def _window(text: str, start: int, width: int) -> str:
    """``width`` characters of ``text`` from ``start``, with an ellipsis on each cut side."""
    head = "…" if start > 0 else ""
    body = text[start : start + width - len(head)]
    tail = "…" if start + len(body) < len(text) else ""
    return head + (body[:-1] + tail if tail else body)


def quoted(value: object) -> str:
    """A text value in quotes for a message; other values as ``show`` writes them."""
    data = json_value(value)
    return f'"{show(data)}"' if isinstance(data, str) else show(data)
