"""Ways to vary a record for the benchmark corpus: lists, text lengths, and registry-like changes.

Every variation keeps a record valid: items copied into a list get a distinct identity (so no
duplicate-label or duplicate-measure rule fires), required lists keep at least one item, and
changes keep dates in order and give a stopped study its reason.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from typing import Any

Record = dict[str, Any]

STRETCHABLE: dict[tuple[str, ...], str | None] = {
    ("locations",): "facility",
    ("outcomes", "secondary"): "measure",
    ("outcomes", "other"): "measure",
    ("eligibility", "inclusion"): None,
    ("eligibility", "exclusion"): None,
    ("keywords",): None,
    ("conditions",): None,
}
"""Lists the generator may lengthen or shorten, with the field that names an item (None: a text)."""

CHANGES = ("status", "enrollment", "date", "time_frame")
"""The kinds of change the second snapshot makes."""


def _get(data: Record, path: tuple[str, ...]) -> Any:
    node: Any = data
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def _distinct(item: Any, key: str | None, copy_number: int) -> Any:
    """A copy of a list item that no identity rule will take for the original."""
    if key is None:
        return f"{item} ({copy_number})"
    duplicate = dict(item)
    duplicate[key] = f"{item.get(key) or 'Site'} {copy_number}"
    return duplicate


def stretch_lists(data: Record, rng: random.Random) -> None:
    """Lengthen or shorten the stretchable lists of a record, in place."""
    for path, key in STRETCHABLE.items():
        items = _get(data, path)
        if not isinstance(items, list) or not items:
            continue
        length = max(1, round(len(items) * rng.uniform(0.4, 2.5)))
        stretched = items[:length]
        copy_number = 2
        while len(stretched) < length:
            stretched.append(_distinct(items[len(stretched) % len(items)], key, copy_number))
            copy_number += 1
        parent = _get(data, path[:-1]) if len(path) > 1 else data
        parent[path[-1]] = stretched


def _words(words: list[str], rng: random.Random, size: int) -> str:
    """About ``size`` characters of prose made of the seeds' own words."""
    parts: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(words)
        parts.append(word)
        length += len(word) + 1
    return " ".join(parts).capitalize() + "."


def _halve_longest_list(data: Record) -> bool:
    """Drop the second half of the longest stretchable list; False when none has two items."""
    lists = [(path, _get(data, path)) for path in STRETCHABLE]
    longest = max(lists, key=lambda pair: len(pair[1]) if isinstance(pair[1], list) else 0)
    path, items = longest
    if not isinstance(items, list) or len(items) < 2:
        return False
    parent = _get(data, path[:-1]) if len(path) > 1 else data
    parent[path[-1]] = items[: len(items) // 2]
    return True


def fit_size(
    data: Record,
    target: int,
    words: list[str],
    rng: random.Random,
    render: Callable[[Record], str],
) -> Record:
    """Lengthen or cut the detailed description, then lists, to bring a file near ``target``."""
    description = data.setdefault("description", {})
    for _ in range(8):
        gap = target - len(render(data).encode("utf-8"))
        if abs(gap) < 400:
            break
        text = description.get("detailed_description", "")
        if gap > 0:
            description["detailed_description"] = (text + " " + _words(words, rng, gap)).strip()
        elif len(text) > -gap + 200:
            description["detailed_description"] = text[: len(text) + gap].rstrip() + "."
        elif not _halve_longest_list(data):
            break
    if not description:
        del data["description"]
    return data


def _change_status(data: Record, rng: random.Random) -> bool:
    status = data.get("status")
    if not isinstance(status, dict) or "overall" not in status:
        return False
    choices = ["RECRUITING", "ACTIVE_NOT_RECRUITING", "ENROLLING_BY_INVITATION", "SUSPENDED"]
    status["overall"] = rng.choice([c for c in choices if c != status["overall"]])
    if status["overall"] == "SUSPENDED":
        status["why_stopped"] = "Enrolment paused pending a safety review."
    else:
        status.pop("why_stopped", None)
    return True


def _change_enrollment(data: Record, rng: random.Random) -> bool:
    enrollment = _get(data, ("design", "enrollment"))
    if not isinstance(enrollment, dict):
        return False
    enrollment["count"] = max(1, enrollment["count"] + rng.choice([-10, -5, 5, 10, 20]))
    return True


def _slip(date: str, months: int) -> str:
    """A partial date moved ``months`` later, as precise as before (a day stays in 1..28)."""
    parts = date.split("-")
    year, month = int(parts[0]), int(parts[1]) if len(parts) > 1 else 1
    total = year * 12 + month - 1 + months
    moved = [f"{total // 12:04d}", f"{total % 12 + 1:02d}", f"{min(int(parts[-1]), 28):02d}"]
    return "-".join(moved[: len(parts)]) if len(parts) > 1 else str(year + months // 12)


def _change_date(data: Record, rng: random.Random) -> bool:
    status = data.get("status")
    events = [
        status[name]
        for name in ("primary_completion", "completion")
        if isinstance(status, dict) and isinstance(status.get(name), dict)
    ]
    if not events:
        return False
    months = rng.choice([12, 24])  # whole years keep a year-only date's order too
    for event in events:
        event["date"] = _slip(event["date"], months)
    return True


def _change_time_frame(data: Record, rng: random.Random) -> bool:
    primary = _get(data, ("outcomes", "primary"))
    if not isinstance(primary, list) or not primary:
        return False
    outcome = primary[rng.randrange(len(primary))]
    outcome["time_frame"] = f"{rng.choice([3, 6, 12, 24])} months after the first administration"
    return True


_CHANGERS = (_change_status, _change_enrollment, _change_date, _change_time_frame)


def change_record(data: Record, rng: random.Random) -> Record:
    """A copy of ``data`` with one or two of the registry-like changes in ``CHANGES``."""
    changed = copy.deepcopy(data)
    kinds = rng.sample(range(len(_CHANGERS)), k=len(_CHANGERS))
    wanted = rng.choice([1, 1, 2])
    made = 0
    for kind in kinds:
        made += _CHANGERS[kind](changed, rng)
        if made == wanted:
            break
    return changed
