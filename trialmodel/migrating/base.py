"""What a migration step is: a name, a summary and a function that rewrites the tree in place.

A step receives the whole record as ruamel.yaml's round-trip tree (``CommentedMap``; comments
hang on the nodes) and changes it where it stands: it moves nodes rather than copying their
values, so the comments on them move too. It returns a ``Move`` for every node it put somewhere
else (old record path -> new record path, both as tuples of keys and indexes); a move of a
mapping or a list carries everything below it. A step that finds a record it cannot rewrite
without losing a value raises ``StepError`` with the place, and the file is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from trialmodel.errors import TrialmodelError
from trialmodel.loading.core import format_path

__all__ = ["Move", "RecordPath", "Step", "StepError", "position", "step_error"]

RecordPath = tuple[str | int, ...]
"""A place in a record: ``("interventions", 0, "product")``."""


@dataclass(frozen=True, slots=True)
class Move:
    """A node a step moved: what was at ``old`` (in the tree the step received) is now at
    ``new`` (in the tree it returned), with everything below it."""

    old: RecordPath
    new: RecordPath
    replaced: tuple[Any, Any] | None = None
    """For a value a step rewrote rather than moved, because the new format has no such value
    (a vocabulary value it dropped): (the value that was at ``old``, the value now at ``new``).
    The checks then hold that exactly this replacement happened, and nothing else changed."""

    def __str__(self) -> str:
        text = f"{format_path(self.old)} -> {format_path(self.new)}"
        if self.replaced is not None:
            text += f" ({self.replaced[0]!r} -> {self.replaced[1]!r})"
        return text


@dataclass(frozen=True, slots=True)
class Step:
    """One rewrite from the old format towards the new one."""

    name: str
    """A short name (``products-once``)."""
    summary: str
    """What the step does, in a sentence (``trialmodel migrate --steps`` may print it)."""
    run: Callable[[CommentedMap], list[Move]]
    """Rewrites the record's round-trip tree in place and returns what it moved."""
    applies: Callable[[dict[str, Any]], bool] = lambda data: True
    """Whether the step has anything to rewrite in a record, given as plain data (the 1.x record
    as loaded): when no step applies, the version line is the whole migration and the file is not
    rewritten through ruamel.yaml (which takes seconds on a large registry import). Say True
    when unsure."""


class StepError(TrialmodelError):
    """A record a step cannot rewrite without losing a value; ``line`` and ``column`` (1-based)
    say where, ``path`` names the place."""

    def __init__(self, message: str, path: RecordPath, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column


def position(node: CommentedMap | CommentedSeq, key: Any) -> tuple[int, int]:
    """The 1-based line and column of ``node[key]``'s key (a mapping) or item (a list)."""
    try:
        line, column = node.lc.key(key) if isinstance(node, CommentedMap) else node.lc.item(key)
    except (KeyError, IndexError, TypeError):
        line, column = node.lc.line, node.lc.col
    return line + 1, column + 1


def step_error(
    message: str, path: RecordPath, node: CommentedMap | CommentedSeq, key: Any
) -> StepError:
    """A ``StepError`` located at ``node[key]``."""
    line, column = position(node, key)
    return StepError(message, path, line, column)
