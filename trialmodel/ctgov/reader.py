"""Typed, path-tracking access to a ClinicalTrials.gov API v2 study, and what was left unread.

Every value the importer reads goes through a `Node`, which checks its shape and vocabulary and
remembers the registry path it read, so that whatever it did not read can be counted afterwards
(`accounting.py`).
A value of the wrong shape or an unknown enumeration value raises `CtgovError` with the registry
path (``protocolSection.statusModule.overallStatus``).
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field
from typing import Any, overload

from trialmodel.errors import TrialmodelError
from trialmodel.model.types import PARTIAL_DATE_PATTERN, TEXT_PATTERN, python_regex
from trialmodel.model.vocab import Vocab

__all__ = ["CtgovError", "Node", "gather", "kind_of"]

_DATE = python_regex(PARTIAL_DATE_PATTERN)
_TEXT = re.compile(TEXT_PATTERN)
_KINDS = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", int: "a number"}


class CtgovError(TrialmodelError, ValueError):
    """Registry data that cannot become a record: a wrong shape, an unknown value, a bad file.

    ``more`` holds the other problems found in the same study or file: every one is reported.
    """

    def __init__(
        self, path: str, message: str, file: str = "", *, more: tuple[CtgovError, ...] = ()
    ) -> None:
        self.path = path
        self.message = message
        self.file = file
        self.more = more
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.file}: {where}{self.message}" if self.file else f"{where}{self.message}"

    def in_file(self, file: str) -> CtgovError:
        """The same error, naming the file it was found in."""
        return CtgovError(self.path, self.message, file)

    def every(self) -> tuple[CtgovError, ...]:
        """This problem and the others found with it."""
        return (self, *self.more)


def gather(errors: list[CtgovError]) -> CtgovError:
    """Several problems as one error: the first, carrying the others."""
    first, *rest = errors
    return CtgovError(first.path, first.message, first.file, more=(*first.more, *rest))


MAX_COUNT = 2**63 - 1
"""The largest whole number read (a count of participants fits many times over)."""


@functools.cache
def _values(vocab: type[Vocab]) -> tuple[str, ...]:
    """The values of a vocabulary, in its order (looked up once per vocabulary)."""
    return tuple(m.value for m in vocab)


def kind_of(value: object) -> str:
    """How a JSON value is described in messages ('an object', 'a list', …)."""
    return _KINDS.get(type(value), "a number" if isinstance(value, float) else "null")


@dataclass(slots=True)
class Node:
    """A value of the study at a registry path; reading a leaf marks its path as mapped.

    A value of the wrong shape or vocabulary is recorded in ``errors`` (shared by the whole
    study) and read as absent, so that every problem of a study is found in one pass.
    """

    value: Any
    path: str
    used: set[str] = field(default_factory=set)
    errors: list[CtgovError] = field(default_factory=list)

    def _at(self, value: Any, path: str) -> Node:
        return Node(value, path, self.used, self.errors)

    def _child(self, key: str) -> Node | None:
        leaf = self._leaf(key)
        return None if leaf is None else Node(leaf[0], leaf[1], self.used, self.errors)

    def _leaf(self, key: str) -> tuple[Any, str] | None:
        """The value at ``key`` and its path, without a `Node` (for leaves read in place).

        The one place a key is looked up: a value that is not an object is recorded here.
        """
        obj = self.value
        if not isinstance(obj, dict):
            self._fail("an object")
            return None
        value = obj.get(key)
        if value is None:
            return None
        path = self.path
        return value, f"{path}.{key}" if path else key

    def _fail(self, expected: str) -> None:
        self.fail(f"expected {expected}, got {kind_of(self.value)}")

    def fail(self, message: str, path: str | None = None) -> None:
        """Record a problem at this node's path (or ``path``); each is recorded once."""
        error = CtgovError(self.path if path is None else path, message)
        if not any((e.path, e.message) == (error.path, error.message) for e in self.errors):
            self.errors.append(error)

    def object(self) -> dict[str, Any]:
        """The value as an object; anything else is recorded and read as an empty object."""
        if not isinstance(self.value, dict):
            self._fail("an object")
            return {}
        return self.value

    def obj(self, key: str) -> Node | None:
        """The child object at ``key``, None when absent."""
        node = self._child(key)
        if node is not None:
            node.object()
        return node

    def items(self, key: str) -> list[Node]:
        """The elements of the list at ``key`` (empty when absent)."""
        node = self._child(key)
        if node is None:
            return []
        if not isinstance(node.value, list):
            node._fail("a list")
            return []
        path, used, errors = node.path, self.used, self.errors
        return [Node(v, f"{path}[{i}]", used, errors) for i, v in enumerate(node.value)]

    def text(self, key: str) -> str | None:
        """The string at ``key``; marks it mapped. A blank string is left unmapped (reported)."""
        leaf = self._leaf(key)
        if leaf is None:
            return None
        value, path = leaf
        if isinstance(value, str):  # the usual case, read without a `Node`
            if _TEXT.search(value) is None:
                return None
            self.used.add(path)
            return value
        return self._at(value, path).leaf_text(blank_ok=True)

    def texts(self, key: str) -> list[str] | None:
        """The non-blank strings of the list at ``key``; None when there are none."""
        values = [n.leaf_text(blank_ok=True) for n in self.items(key)]
        return [v for v in values if v is not None] or None

    @overload
    def leaf_text(self) -> str: ...
    @overload
    def leaf_text(self, *, blank_ok: bool) -> str | None: ...

    def leaf_text(self, *, blank_ok: bool = False) -> str | None:
        """This node as a string; marks it mapped. With ``blank_ok`` a blank string is None.

        The model holds no blank text, so a blank registry value is left for the report.
        """
        if not isinstance(self.value, str):
            self._fail("a string")
            return None if blank_ok else ""
        if blank_ok and _TEXT.search(self.value) is None:
            return None
        self.used.add(self.path)
        return self.value

    def enum(self, key: str, vocab: type[Vocab]) -> str | None:
        """The enumeration value at ``key``, checked against ``vocab``."""
        leaf = self._leaf(key)
        if leaf is None:
            return None
        value, path = leaf
        if isinstance(value, str) and value in _values(vocab):  # the usual case, no `Node`
            self.used.add(path)
            return value
        return self._at(value, path).leaf_enum(vocab)

    def enums(self, key: str, vocab: type[Vocab]) -> list[str] | None:
        """The list of enumeration values at ``key``; None when absent or empty."""
        values = [v for n in self.items(key) if (v := n.leaf_enum(vocab)) is not None]
        return values or None

    def leaf_enum(self, vocab: type[Vocab]) -> str | None:
        """This node as a value of ``vocab``; an unknown value is recorded (naming the path and
        close matches) and read as absent."""
        value = self.leaf_text()
        if not isinstance(self.value, str):
            return None
        allowed = _values(vocab)
        if value not in allowed:
            close = difflib.get_close_matches(value, allowed, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            self.fail(f"unknown value {value!r}{hint}")
            return None
        return value

    def date(self, key: str) -> str | None:
        """The partial date (YYYY, YYYY-MM or YYYY-MM-DD) at ``key``."""
        value = self.text(key)
        if value is not None and _DATE.match(value) is None:
            self.fail(f"not a date YYYY, YYYY-MM or YYYY-MM-DD: {value!r}", f"{self.path}.{key}")
            return None
        return value

    def flag(self, key: str) -> bool | None:
        """The boolean at ``key``."""
        node = self._child(key)
        if node is None:
            return None
        if not isinstance(node.value, bool):
            node._fail("a boolean")
            return None
        self.used.add(node.path)
        return node.value

    def number(self, key: str) -> float | None:
        """The number (whole or not) at ``key``."""
        leaf = self._leaf(key)
        if leaf is None:
            return None
        value, path = leaf
        if isinstance(value, bool) or not isinstance(value, int | float):
            self._at(value, path)._fail("a number")
            return None
        self.used.add(path)
        return value

    def empty_list(self, key: str) -> bool:
        """True when ``key`` holds an empty list: the registry says "none", not "not given"."""
        return self.object().get(key) == []

    def count(self, key: str) -> int | None:
        """The whole number at ``key``."""
        node = self._child(key)
        if node is None:
            return None
        if isinstance(node.value, bool) or not isinstance(node.value, int):
            node._fail("a whole number")
            return None
        if not 0 <= node.value <= MAX_COUNT:
            node.fail(f"a whole number from 0 to {MAX_COUNT} expected, got {_number(node.value)}")
            return None
        self.used.add(node.path)
        return node.value


def _number(value: int) -> str:
    """A whole number for a message: long ones shortened to their first digits and length."""
    text = str(value)
    return text if len(text) <= 30 else f"{text[:12]}… ({len(text.lstrip('-'))} digits)"
