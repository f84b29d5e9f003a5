"""The step ``dose-per-volume``: a format 1.x PER_VOLUME dose becomes a dose given in a volume.

Format 1.x counted a dose "per volume" and gave ``volume``, "the volume the dose is given in":
8.0×10^8 vesicles, PER_VOLUME, in 3 mL. Format 2.0 keeps apart what one administration gives (a
dose, which may name the volume it is given in) and how strong a preparation is (a dose level's
``concentration``), and its dose basis has no PER_VOLUME. Read by 1.x's own definition, such a
dose is a fixed amount given in a volume: the step writes ``basis: PER_ADMINISTRATION`` in place
of PER_VOLUME (a replacement it reports, so the lossless check holds it) and leaves every other
value, the volume included, where it was. It adds no concentration: 1.x did not state one, and
dividing the amount by the volume would write a number no source gives.

A PER_VOLUME dose without its volume (1.x warned of it, ``dose_volume_missing``) says neither an
amount given in a volume nor a concentration: the step refuses the file, located at that basis,
rather than guess which.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ruamel.yaml.comments import CommentedMap

from trialmodel.migrating.base import Move, RecordPath, Step, step_error

__all__ = ["STEP", "has_per_volume"]

OLD_BASIS = "PER_VOLUME"
NEW_BASIS = "PER_ADMINISTRATION"


def _doses(record: Any) -> Iterator[tuple[RecordPath, Any]]:
    """Every ``arms[].dose_levels[].dose`` mapping, with its path (plain data or a tree)."""
    arms = record.get("arms") if isinstance(record, dict) else None
    for a, arm in enumerate(arms if isinstance(arms, list) else ()):
        levels = arm.get("dose_levels") if isinstance(arm, dict) else None
        for d, level in enumerate(levels if isinstance(levels, list) else ()):
            dose = level.get("dose") if isinstance(level, dict) else None
            if isinstance(dose, dict):
                yield ("arms", a, "dose_levels", d, "dose"), dose


def has_per_volume(data: dict[str, Any]) -> bool:
    """Whether a 1.x record (plain data) has a PER_VOLUME dose for the step to rewrite."""
    return any(dose.get("basis") == OLD_BASIS for _path, dose in _doses(data))


def rewrite_per_volume(document: CommentedMap) -> list[Move]:
    """Each PER_VOLUME dose's basis becomes PER_ADMINISTRATION; its volume stays where it is."""
    moves: list[Move] = []
    for path, dose in _doses(document):
        if dose.get("basis") != OLD_BASIS:
            continue
        place = (*path, "basis")
        if not isinstance(dose.get("volume"), CommentedMap):
            message = (
                "a PER_VOLUME dose without the volume it is in is neither a dose given in a "
                "volume nor a concentration: add the volume the source gives, or write the dose "
                "level's concentration by hand, then migrate"
            )
            raise step_error(message, place, dose, "basis")
        dose["basis"] = NEW_BASIS
        moves.append(Move(place, place, (OLD_BASIS, NEW_BASIS)))
    return moves


STEP = Step(
    "dose-per-volume",
    "A PER_VOLUME dose becomes the same amount given in its volume: basis PER_ADMINISTRATION.",
    rewrite_per_volume,
    has_per_volume,
)
