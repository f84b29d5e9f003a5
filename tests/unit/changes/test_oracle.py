"""deepdiff as an independent oracle of the change walker: nothing missed, nothing invented.

For two versions of a record, deepdiff compares their plain data (lists of items matched by the
same identity keys, through ``iterable_compare_func``; texts with white space collapsed; lists of
plain values as multisets, since their order means nothing to the walker). Then:

- every difference deepdiff finds is covered by at least one change event: an event on the same
  field, on a field inside it, or on a section containing it;
- every change event corresponds to a real difference in the same way (events derived from the
  record as a whole, registration timing, are justified by the dates they rest on).

Fields are compared without list indexes, since deepdiff and the walker index moved items
differently. The pairs come from the real histories in ``records/history``, the registry corpus
(``tests/data/ctgov-corpus``) imported and edited, and edits hypothesis generates.
"""

from __future__ import annotations

import json
import random
import types
import typing
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from deepdiff import DeepDiff
from deepdiff.helper import CannotCompare
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from trialmodel.changes import Change, diff_records
from trialmodel.changes.matching import KEYS
from trialmodel.changes.versions import find_versions
from trialmodel.ctgov import import_files
from trialmodel.model.record import TrialRecord
from trialmodel.records import load_record

ROOT = Path(__file__).parents[3]
CORPUS = ROOT / "tests" / "data" / "ctgov-corpus"
BASE = (ROOT / "tests" / "examples" / "changes" / "base.yaml").read_text(encoding="utf-8")

DERIVED = {
    "retroactive_start": {
        ("status", "start"),
        ("status", "first_submitted"),
        ("status", "first_posted"),
    },
    "registration_timing_unclear": {
        ("status", "start"),
        ("status", "first_submitted"),
        ("status", "first_posted"),
    },
}
"""Events about the record as a whole, and the fields whose differences justify them."""

Field = tuple[str, ...]


# --- the model's shape: which item type a list holds -------------------------------------------


def _model_in(annotation: object) -> tuple[type[BaseModel] | None, bool]:
    """The model class an annotation holds (unwrapping Optional, Annotated, list) and whether
    it is a list of it."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                found = _model_in(arg)
                if found[0] is not None or found[1]:
                    return found
        return None, False
    if origin is list:
        inner, _ = _model_in(typing.get_args(annotation)[0])
        return inner, True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    return None, False


def item_class(parts: list[Any]) -> type[BaseModel] | None:
    """The model class of the items of the list at ``parts`` (a deepdiff path as a list)."""
    cls: type[BaseModel] | None = TrialRecord
    is_list = False
    for part in parts:
        if isinstance(part, int) or cls is None:
            continue
        field = cls.model_fields.get(str(part))
        if field is None:
            return None
        cls, is_list = _model_in(field.annotation)
    return cls if is_list else None


class _View:
    """Attribute access to plain item data, as the identity keys read models."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        return self._data.get(name)


def _same_item(x: Any, y: Any, level: Any = None) -> bool:
    """deepdiff's iterable_compare_func: the strongest identity key of the list's item type.

    Where the registry repeats a key in a list (sites of one facility in one city), which of the
    repeats is which is a choice, not a fact: those items pair only when equal, and otherwise
    show as removed and added, which any event inside the list covers.
    """
    if not (isinstance(x, dict) and isinstance(y, dict)):
        raise CannotCompare from None
    if x == y:
        return True
    cls = item_class(level.path(output_format="list")) if level is not None else None
    keys = KEYS.get(cls) if cls is not None else None
    if not keys:
        raise CannotCompare from None
    key = keys[0]
    mine = key(_View(x))
    if mine != key(_View(y)):
        return False
    repeats = [key(_View(v)) for side in (level.t1, level.t2) for v in side if isinstance(v, dict)]
    return repeats.count(mine) <= 2


# --- the oracle ----------------------------------------------------------------------------------


def normalised(data: Any) -> Any:
    """Texts with white space collapsed; every list sorted, since no list's order means anything
    in a record (lists of plain values are multisets; items are matched by identity)."""
    if isinstance(data, dict):
        return {k: normalised(v) for k, v in data.items()}
    if isinstance(data, list):
        items = [normalised(v) for v in data]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(data, str):
        return " ".join(data.split())
    return data


def _plain(record: TrialRecord) -> Any:
    return normalised(record.model_dump(mode="json", exclude_none=True))


def without_equal_items(a: Any, b: Any) -> tuple[Any, Any]:
    """Both versions with the list items equal in both left out (an equal item is the same
    item, unchanged: exact matches pair first), in lists at the same place in both."""
    if isinstance(a, dict) and isinstance(b, dict):
        pairs = {k: without_equal_items(a[k], b[k]) for k in a.keys() & b.keys()}
        return (
            {k: pairs[k][0] if k in pairs else v for k, v in a.items()},
            {k: pairs[k][1] if k in pairs else v for k, v in b.items()},
        )
    if isinstance(a, list) and isinstance(b, list) and any(isinstance(v, dict) for v in a + b):
        left = [json.dumps(v, sort_keys=True) for v in b]
        kept_a = []
        for item in a:
            text = json.dumps(item, sort_keys=True)
            if text in left:
                left.remove(text)
            else:
                kept_a.append(item)
        remaining = list(left)
        kept_b = []
        for item in b:
            text = json.dumps(item, sort_keys=True)
            if text in remaining:
                remaining.remove(text)
                kept_b.append(item)
        return kept_a, kept_b
    return a, b


def oracle_fields(old: TrialRecord, new: TrialRecord) -> set[Field]:
    """The fields (indexes left out) where deepdiff finds the two records differ."""
    a, b = without_equal_items(_plain(old), _plain(new))
    found = DeepDiff(a, b, iterable_compare_func=_same_item, view="tree")
    fields = set()
    for report, levels in found.items():
        if report == "iterable_item_moved":  # an item's place in a list means nothing
            continue
        for level in levels:
            parts = level.path(output_format="list")
            fields.add(tuple(str(p) for p in parts if not isinstance(p, int)))
    return fields


def event_field(change: Change) -> Field:
    """A change's path as a field, indexes left out: ``arms[1].dose_levels[0].dose``."""
    return tuple(part.split("[", 1)[0] for part in change.path.split(".") if part)


def _overlap(a: Field, b: Field) -> bool:
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


def check(old: TrialRecord, new: TrialRecord) -> None:
    """Every deepdiff difference covered by an event; every event a real difference."""
    differences = oracle_fields(old, new)
    changes = diff_records(old, new)
    events = [(event_field(c), c) for c in changes]
    missed = sorted(d for d in differences if not any(_overlap(d, e) for e, _ in events))
    assert missed == [], f"differences no event reports: {missed}"
    invented = [
        (c.kind, c.path)
        for field, c in events
        if not any(_overlap(field, d) for d in differences)
        and not any(d[:2] in DERIVED.get(c.kind, set()) for d in differences)
    ]
    assert invented == [], f"events with no difference behind them: {invented}"
    assert bool(differences) == bool(changes)


# --- edits ---------------------------------------------------------------------------------------


def _containers(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every dict and list in the data, with its path."""
    yield path, data
    children = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in children:
        if isinstance(value, dict | list):
            yield from _containers(value, (*path, key))


def mutate(data: dict[str, Any], rng: random.Random, edits: int) -> dict[str, Any]:
    """A deep copy of plain record data with ``edits`` random edits: a value changed, a key
    dropped, a list item removed, duplicated with a change, or the list reordered."""
    data = json.loads(json.dumps(data))
    for _ in range(edits):
        containers = [c for c in _containers(data) if c[1]]
        path, target = rng.choice(containers)
        if not path:  # never drop a top-level section wholesale: pick inside it
            continue
        keys = list(target) if isinstance(target, dict) else list(range(len(target)))
        key = rng.choice(keys)
        choice = rng.randrange(5)
        value = target[key]
        if choice == 0 and isinstance(target, dict) and key not in ("nct_id", "schema_version"):
            del target[key]
        elif choice == 1 and isinstance(target, list):
            target.pop(key)
        elif choice == 2 and isinstance(target, list):
            rng.shuffle(target)
        elif choice == 3 and isinstance(target, list):
            target.append(_changed(json.loads(json.dumps(value)), rng))
        else:
            target[key] = _changed(value, rng)
    return data


def _changed(value: Any, rng: random.Random) -> Any:
    """The value with one leaf changed, keeping its type."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value * 2
    if isinstance(value, str):
        return value + rng.choice([" revised", " (updated)", "X"])
    if isinstance(value, dict) and value:
        key = rng.choice(list(value))
        if key in ("nct_id", "schema_version"):
            return value
        return {**value, key: _changed(value[key], rng)}
    if isinstance(value, list) and value:
        index = rng.randrange(len(value))
        return [*value[:index], _changed(value[index], rng), *value[index + 1 :]]
    return value


def edited(record: TrialRecord, rng: random.Random, edits: int) -> TrialRecord | None:
    """An edited copy that is still a record (up to 20 tries), or None."""
    plain = record.model_dump(mode="json", exclude_none=True)
    for _ in range(20):
        try:
            return TrialRecord.model_validate(mutate(plain, rng, edits))
        except ValidationError:
            continue
    return None


# --- the three sources ---------------------------------------------------------------------------


def _relative(file: str) -> str:
    return Path(file).relative_to(ROOT).as_posix()


def _histories() -> list[tuple[str, TrialRecord, TrialRecord]]:
    records = ROOT / "records"
    pairs = []
    for folder in sorted((records / "history").iterdir()):
        versions = find_versions(records, folder.name)
        for a in versions:
            for b in versions:
                if a is not b:
                    name = f"{_relative(a.ref.file)} → {_relative(b.ref.file)}"
                    pairs.append((name, a.record, b.record))
    return pairs


HISTORIES = _histories()


@pytest.mark.parametrize(("old", "new"), [p[1:] for p in HISTORIES], ids=[p[0] for p in HISTORIES])
def test_oracle_on_real_histories(old: TrialRecord, new: TrialRecord) -> None:
    """The real versions in records/history, each against every other version of its trial."""
    check(old, new)


@pytest.fixture(scope="module")
def corpus() -> list[TrialRecord]:
    """The registry corpus, imported."""
    studies, _ = import_files(sorted(CORPUS.glob("NCT*.json")))
    assert len(studies) >= 150
    return [s.record for s in studies]


def test_oracle_on_the_registry_corpus_edited(corpus: list[TrialRecord]) -> None:
    """Each corpus record against a copy with a few edits, and a copy with many against it."""
    rng = random.Random(12)
    checked = 0
    for record in corpus:
        few, many = edited(record, rng, 2), edited(record, rng, 6)
        if few is not None:
            check(record, few)
            checked += 1
        if many is not None:
            check(many, record)
            checked += 1
    assert checked >= 1.8 * len(corpus)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), edits=st.integers(1, 8))
def test_oracle_on_generated_edits(seed: int, edits: int) -> None:
    """Edits hypothesis chooses, on the change-tracking base record."""
    base = load_record(BASE.encode("utf-8"), name="base.yaml")
    copy = edited(base, random.Random(seed), edits)
    assume(copy is not None)
    assert copy is not None
    check(base, copy)
    check(copy, base)


def test_oracle_sees_a_missed_difference() -> None:
    """The oracle is not vacuous: a difference with no event is caught."""
    base = load_record(BASE.encode("utf-8"), name="base.yaml")
    other = load_record(BASE.replace("count: 60", "count: 61").encode("utf-8"), name="other.yaml")
    assert ("design", "enrollment", "count") in oracle_fields(base, other)
    assert oracle_fields(base, base) == set()


def test_oracle_catches_missed_and_invented_events(monkeypatch: pytest.MonkeyPatch) -> None:
    """A walker that drops an event, or reports one on an unchanged field, fails the check."""
    import tests.unit.changes.test_oracle as oracle

    base = load_record(BASE.encode("utf-8"), name="base.yaml")
    other = load_record(BASE.replace("count: 60", "count: 61").encode("utf-8"), name="other.yaml")
    real = oracle.diff_records(base, other)
    monkeypatch.setattr(oracle, "diff_records", lambda a, b: [])
    with pytest.raises(AssertionError, match="no event reports"):
        check(base, other)
    invented = replace(real[0], path="sponsors.lead.name")
    monkeypatch.setattr(oracle, "diff_records", lambda a, b: [*real, invented])
    with pytest.raises(AssertionError, match="no difference behind them"):
        check(base, other)
