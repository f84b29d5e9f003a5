"""Outcome changes: added, removed, reworded, re-timed, or moved between primary and secondary.

Any change to a primary outcome carries the ``possible_outcome_switching`` flag: across a trial's
history such changes are what outcome-switching audits (COMPare; Holst et al. 2023) look for.
"""

from __future__ import annotations

from pydantic import BaseModel

from trialmodel.changes.events import (
    POSSIBLE_OUTCOME_SWITCHING,
    Category,
    Change,
    Significance,
    json_value,
)
from trialmodel.changes.matching import match_items, norm
from trialmodel.changes.rules import ChangeRule
from trialmodel.changes.walk import Out, same, walk, walk_model
from trialmodel.loading.core import join_path as join
from trialmodel.model.record import Outcome, Outcomes

__all__ = ["outcome_changes"]

OUTCOME_LISTS = ("primary", "secondary", "other")
OUTCOME_SIGNIFICANCE = {
    "primary": Significance.MAJOR,
    "secondary": Significance.MINOR,
    "other": Significance.INFO,
}


def outcome_changes(path: str, old: BaseModel, new: BaseModel, out: Out) -> None:
    """Outcomes matched by measure within each list, then moves between lists."""
    assert isinstance(old, Outcomes) and isinstance(new, Outcomes)
    loose: dict[str, tuple[list[tuple[int, Outcome]], list[tuple[int, Outcome]]]] = {}
    for kind in OUTCOME_LISTS:
        a, b = getattr(old, kind), getattr(new, kind)
        sig, label = OUTCOME_SIGNIFICANCE[kind], f"{kind} outcomes"
        rule = ChangeRule(Category.OUTCOMES, f"{kind}_outcome_changed", sig, label=label)
        if a is None or b is None:
            walk(join(path, kind), a, b, rule, out)
            loose[kind] = ([], [])
            continue
        matching = match_items(a, b, out.budget)
        for i, j in matching.pairs + matching.renamed:
            _outcome_pair(f"{path}.{kind}[{j}]", kind, a[i], b[j], out)
        loose[kind] = ([(i, a[i]) for i in matching.removed], [(j, b[j]) for j in matching.added])
    _moves(path, loose, out)
    for kind, (removed, added) in loose.items():
        for i, o in removed:
            msg = f"{kind} outcome removed: {o.measure!r}"
            _outcome_event(f"{path}.{kind}[{i}]", kind, "removed", json_value(o), None, msg, out)
        for j, o in added:
            msg = f"{kind} outcome added: {o.measure!r}"
            _outcome_event(f"{path}.{kind}[{j}]", kind, "added", None, json_value(o), msg, out)


def _outcome_event(
    path: str,
    kind: str,
    what: str,
    old: object,
    new: object,
    msg: str,
    out: Out,
    sig: Significance | None = None,
) -> None:
    flags = (POSSIBLE_OUTCOME_SWITCHING,) if kind == "primary" else ()
    sig = sig or OUTCOME_SIGNIFICANCE[kind]
    out.append(Change(f"{kind}_outcome_{what}", Category.OUTCOMES, path, old, new, sig, msg, flags))


def _outcome_pair(path: str, kind: str, a: Outcome, b: Outcome, out: Out) -> None:
    """One outcome in both versions: reworded, re-timed, or described differently."""
    if not same(a.measure, b.measure):
        msg = f"{kind} outcome reworded: {a.measure!r} → {b.measure!r}"
        _outcome_event(join(path, "measure"), kind, "reworded", a.measure, b.measure, msg, out)
    if not same(a.time_frame, b.time_frame):
        if a.time_frame is None or b.time_frame is None:
            rule = ChangeRule(
                Category.OUTCOMES,
                f"{kind}_outcome_changed",
                Significance.INFO,
                label=f"time frame of {kind} outcome {b.measure!r}",
            )
            walk(join(path, "time_frame"), a.time_frame, b.time_frame, rule, out)
        else:
            msg = f"{kind} outcome {b.measure!r} re-timed: {a.time_frame!r} → {b.time_frame!r}"
            _outcome_event(
                join(path, "time_frame"), kind, "retimed", a.time_frame, b.time_frame, msg, out
            )
    if not same(a.description, b.description):
        rule = ChangeRule(
            Category.OUTCOMES,
            f"{kind}_outcome_changed",
            Significance.MINOR if kind == "primary" else Significance.INFO,
            label=f"description of {kind} outcome {b.measure!r}",
        )
        walk(join(path, "description"), a.description, b.description, rule, out)
    rest = ChangeRule(Category.OUTCOMES, f"{kind}_outcome_changed", Significance.INFO)
    walk_model(path, a, b, rest, out, frozenset({"measure", "time_frame", "description"}))


def _moves(
    path: str,
    loose: dict[str, tuple[list[tuple[int, Outcome]], list[tuple[int, Outcome]]]],
    out: Out,
) -> None:
    """An outcome dropped from one list and added to another: moved (primary ↔ secondary)."""
    for source in OUTCOME_LISTS:
        for target in OUTCOME_LISTS:
            if source == target:
                continue
            removed, _ = loose[source]
            _, added = loose[target]
            for i, o in list(removed):
                hit = next(((j, n) for j, n in added if norm(n.measure) == norm(o.measure)), None)
                if hit is None:
                    continue
                removed.remove((i, o))
                added.remove(hit)
                touches = "primary" in (source, target)
                flags = (POSSIBLE_OUTCOME_SWITCHING,) if touches else ()
                msg = f"outcome moved from {source} to {target}: {o.measure!r}"
                out.append(
                    Change(
                        "outcome_moved",
                        Category.OUTCOMES,
                        f"{path}.{target}[{hit[0]}]",
                        source,
                        target,
                        Significance.MAJOR if touches else Significance.MINOR,
                        msg,
                        flags,
                    )
                )
