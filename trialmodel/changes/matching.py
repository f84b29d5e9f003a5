"""Matching list items across two versions of a record by identity, never by position.

Every list item model declares its identity once, on the model (``Section.identity``: keys of
field names, strongest first, and the fields that name it); ``KEYS`` and ``KEY_FIELDS`` derive
from those declarations.
Items whose keys match nowhere are paired by similarity, so that an arm whose label changed but
whose content stayed is recognised as renamed. Text is compared after normalising white space
and case, so a reflowed paragraph is the same paragraph.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from pydantic import BaseModel

from trialmodel.model.base import Section, is_list, models_below
from trialmodel.model.record import Outcome, TrialRecord

__all__ = [
    "CLOSEST_AMONG",
    "DIFF_WORK",
    "KEYS",
    "KEY_FIELDS",
    "MIN_CONTENT",
    "RENAME_SIMILARITY",
    "REWORD_SIMILARITY",
    "Budget",
    "Matching",
    "Texts",
    "match_items",
    "measure_likeness",
    "norm",
    "ratio",
    "similarity",
]

Key = Callable[[Any], Hashable]

RENAME_SIMILARITY = 0.8
"""How alike two unmatched items must be (0..1) to count as one item renamed."""

REWORD_SIMILARITY = 0.6
"""How alike two outcome measures must be (0..1) to count as one outcome reworded."""

MIN_CONTENT = 20
"""Content apart from the name shorter than this (JSON text) cannot show two items are one."""

MAX_SIMILARITY_PAIRS = 2500
"""Above this many unmatched pairs in one list, similarity pairing is skipped (keeps diffs fast)."""


def norm(text: object) -> str:
    """Text for comparison: white space collapsed, case folded; None becomes the empty string."""
    if text is None:
        return ""
    return " ".join(str(text).split()).casefold()


def _value(item: object) -> str:
    """An enum's value or a string, normalised."""
    return norm(getattr(item, "value", item))


def _part(value: object) -> Hashable:
    """One field's value in a key: an enum's value or a text normalised; a list item by item."""
    if isinstance(value, list | tuple):
        return tuple(map(_part, value))
    return _value(value)


def _key(model: type[BaseModel], fields: tuple[str, ...]) -> Key:
    """The key function of one declared key: the field's value alone, or a tuple of them."""
    lists = {f for f in fields if is_list(model.model_fields[f].annotation)}

    def value(item: Any, name: str) -> Hashable:
        found = getattr(item, name)
        return () if found is None and name in lists else _part(found)

    if len(fields) == 1:
        return lambda item: value(item, fields[0])
    return lambda item: tuple(value(item, f) for f in fields)


_IDENTIFIED = [(m, m.identity) for m in models_below(TrialRecord) if issubclass(m, Section)]

KEYS: dict[type[BaseModel], tuple[Key, ...]] = {
    model: tuple(_key(model, fields) for fields in identity.keys)
    for model, identity in _IDENTIFIED
    if identity is not None
}
"""The identity key of every list item type in the record, strongest key first: derived from the
model's ``identity`` declarations (``trialmodel.model.base.Identity``)."""

KEY_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {
    model: identity.names
    for model, identity in _IDENTIFIED
    if identity is not None and identity.names
}
"""The fields that name an item: a change to them is a rename, reported once (from the model)."""


DIFF_WORK = 20_000_000
"""Character comparisons (length × length, summed over pairs) that similarity may spend on one
record diff: about a fifth of a second. Beyond it, texts are compared on a prefix whose length
keeps the total within the budget, so any diff of two files under the size limit stays fast."""

LIST_WORK = 5_000_000
"""The most one list may take of the diff's budget, so that one long list leaves some for others."""


class Budget:
    """What similarity may still spend on one diff, in character comparisons (see DIFF_WORK)."""

    def __init__(self, total: int = DIFF_WORK) -> None:
        self.remaining = total

    def share(self) -> int:
        """What the next list may spend."""
        return min(self.remaining, LIST_WORK)

    def spend(self, amount: int) -> None:
        """Charge work actually done."""
        self.remaining = max(0, self.remaining - amount)


@dataclass(frozen=True, slots=True)
class Matching:
    """How the items of an old and a new list correspond (indexes into each list)."""

    pairs: tuple[tuple[int, int], ...]
    """Items matched exactly or by a key: (old index, new index)."""
    renamed: tuple[tuple[int, int], ...]
    """Items matched only by similarity: the same item under a new name."""
    removed: tuple[int, ...]
    """Old items with no counterpart."""
    added: tuple[int, ...]
    """New items with no counterpart."""


def item_text(item: object, *, without: Sequence[str] = ()) -> str:
    """An item's content as normalised text, for similarity; ``without`` leaves out fields."""
    if isinstance(item, BaseModel):
        data = item.model_dump(mode="json", exclude_none=True, exclude=set(without))
        return " | ".join(_leaves(data))
    return norm(item)


def _leaves(data: object) -> Iterator[str]:
    """The values in plain data, normalised, in field order (the field names left out)."""
    if isinstance(data, dict):
        for value in data.values():
            yield from _leaves(value)
    elif isinstance(data, list):
        for value in data:
            yield from _leaves(value)
    else:
        yield norm(data)


def ratio(a: str, b: str) -> float:
    """SequenceMatcher's ratio of two texts: costs up to len(a) × len(b) comparisons."""
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def similarity(a: str, b: str) -> float:
    """How alike two normalised texts are, 0..1 (1.0 when equal)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return ratio(a, b)


def match_items(old: Sequence[Any], new: Sequence[Any], budget: Budget | None = None) -> Matching:
    """Match two lists of one item type: equal items first, then by keys, strongest first, then
    leftovers by similarity (within ``budget``)."""
    keys = KEYS.get(type(old[0] if old else new[0]), ()) if old or new else ()
    free_old = list(range(len(old)))
    free_new = list(range(len(new)))
    pairs: list[tuple[int, int]] = []
    for key in (item_text, *keys) if keys else (item_text,):
        by_key: dict[Hashable, list[int]] = {}
        for j in free_new:
            by_key.setdefault(key(new[j]), []).append(j)
        still_old = []
        for i in free_old:
            candidates = by_key.get(key(old[i]))
            if candidates:
                pairs.append((i, candidates.pop(_closest(old[i], candidates, new))))
            else:
                still_old.append(i)
        taken = {j for _, j in pairs}
        free_old, free_new = still_old, [j for j in free_new if j not in taken]
    renamed = _pair_similar(old, new, free_old, free_new, budget or Budget())
    taken_old = {i for i, _ in renamed}
    taken_new = {j for _, j in renamed}
    return Matching(
        pairs=tuple(sorted(pairs, key=lambda p: p[1])),
        renamed=tuple(renamed),
        removed=tuple(i for i in free_old if i not in taken_old),
        added=tuple(j for j in free_new if j not in taken_new),
    )


CLOSEST_AMONG = 50
"""Among up to this many items sharing a key, an item pairs with the one most like it."""


def _closest(item: Any, candidates: list[int], new: Sequence[Any]) -> int:
    """Which of the new items sharing ``item``'s key is most like it (most fields equal): the
    registry repeats keys (sites of one facility in one city), and the nearest repeat is the one
    that changed least. The first, beyond ``CLOSEST_AMONG`` candidates."""
    if len(candidates) == 1 or len(candidates) > CLOSEST_AMONG or not isinstance(item, BaseModel):
        return 0
    fields = type(item).model_fields
    scores = [sum(getattr(item, f) == getattr(new[j], f, None) for f in fields) for j in candidates]
    return scores.index(max(scores))


@dataclass(frozen=True, slots=True)
class Texts:
    """What similarity compares of one item: its name and the rest of its content."""

    name: str
    rest: str


def _texts(item: object) -> Texts:
    if isinstance(item, Outcome):
        return Texts(norm(item.measure), "")
    if not isinstance(item, BaseModel):
        return Texts(norm(item), "")
    keys = KEY_FIELDS.get(type(item), ())
    name = " | ".join(norm(getattr(item, k)) for k in keys)
    return Texts(name, item_text(item, without=keys))


def _pair_similar(
    old: Sequence[Any], new: Sequence[Any], free_old: list[int], free_new: list[int], budget: Budget
) -> list[tuple[int, int]]:
    """Greedily pair unmatched items that are alike enough to be one item renamed."""
    if not free_old or not free_new or len(free_old) * len(free_new) > MAX_SIMILARITY_PAIRS:
        return []
    a_texts = {i: _texts(old[i]) for i in free_old}
    b_texts = {j: _texts(new[j]) for j in free_new}
    size_a = sum(len(t.name) + len(t.rest) for t in a_texts.values())
    size_b = sum(len(t.name) + len(t.rest) for t in b_texts.values())
    share = budget.share()
    limit = None
    if size_a * size_b > share:
        limit = math.isqrt(share // (len(free_old) * len(free_new)))
        a_texts = {i: _cut(t, limit) for i, t in a_texts.items()}
        b_texts = {j: _cut(t, limit) for j, t in b_texts.items()}
    budget.spend(min(share, size_a * size_b))
    if limit == 0:
        return []
    outcomes = isinstance(old[free_old[0]], Outcome)
    scored = sorted(
        (
            (_likeness(a_texts[i], b_texts[j], outcomes=outcomes), i, j)
            for i in free_old
            for j in free_new
        ),
        reverse=True,
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    result = []
    for score, i, j in scored:
        if score <= 0.0:
            break
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            result.append((i, j))
    return sorted(result, key=lambda p: p[1])


def _cut(texts: Texts, limit: int) -> Texts:
    """Both texts cut to ``limit`` characters between them, the name first."""
    name = texts.name[:limit]
    return Texts(name, texts.rest[: limit - len(name)])


def measure_likeness(a: str, b: str) -> float:
    """How alike two normalised outcome measures are, or 0.0 when they are different outcomes.

    Alike means a similarity ratio of at least ``REWORD_SIMILARITY``, or one measure of two or more
    words contained in the other ("adverse events" in "treatment-emergent adverse events").
    """
    score = similarity(a, b)
    if score >= REWORD_SIMILARITY:
        return score
    shorter, longer = sorted((a, b), key=len)
    contained = len(shorter.split()) >= 2 and f" {shorter} " in f" {longer} "
    return REWORD_SIMILARITY if contained else 0.0


def _likeness(a: Texts, b: Texts, *, outcomes: bool) -> float:
    """How alike two items are, or 0.0 when they are too unlike to be one item renamed.

    An outcome is compared on its measure alone (a new measure with the old time frame is outcome
    switching, not a rewording). Other items count as renamed when their content apart from the
    name is the same and says something, or when both their names and their content are very
    similar: a site that closed while another opened is not one site renamed.
    """
    if outcomes:
        return measure_likeness(a.name, b.name)
    if a.rest == b.rest and len(a.rest) >= MIN_CONTENT:
        return 1.0
    score = similarity(a.name, b.name)
    alike = score >= RENAME_SIMILARITY and similarity(a.rest, b.rest) >= RENAME_SIMILARITY
    return score if alike else 0.0
