"""Registry JSON -> the studies in it: a single study, or a page of studies.

A file is a single study (``/api/v2/studies/{nctId}``) or a page ``{"studies": [...], ...}``.
`read_studies` reads JSON bytes whole. `iter_studies` reads a file in chunks and decodes one value
at a time with the standard library's JSON decoder (``raw_decode``): each study of a page's
``studies`` list is decoded, handed on and dropped before the next is read, and the buffer holds
at most one study's text (plus a chunk). Memory therefore grows with the largest study, not with
the number of studies in a page. Other keys of the page (``nextPageToken``, ``totalCount``) are
decoded whole; they are small. Both give the same studies and the same errors (positions counted
from the start of the file).

JSON is hostile input like any other: nesting deeper than a study needs and whole numbers longer
than any count are refused as errors naming the file, never a RecursionError or ValueError.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from trialmodel.ctgov.reader import CtgovError, kind_of

__all__ = ["CHUNK", "MAX_DIGITS", "iter_studies", "read_studies"]

MAX_JSON_DEPTH = 64
"""Deepest nesting of objects and lists read (a registry study needs about ten levels)."""

MAX_DIGITS = 100
"""Longest whole number read from JSON, in digits (Python refuses over 4300 with a ValueError)."""


def _whole_number(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise CtgovError("", f"a number of {len(text.lstrip('-'))} digits; not registry data")
    return int(text)


def too_deep(doc: object, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when ``doc`` nests objects and lists deeper than ``limit`` (found without recursion,
    one level at a time)."""
    level: list[Any] = [doc] if isinstance(doc, dict | list) else []
    depth = 1
    while level:
        if depth > limit:
            return True
        below: list[Any] = []
        for value in level:
            children = value.values() if isinstance(value, dict) else value
            below += [c for c in children if isinstance(c, dict | list)]
        level = below
        depth += 1
    return False


def read_studies(raw: bytes) -> list[tuple[str, object]]:
    """The studies in registry JSON: a single study, or a page ``{"studies": [...]}``.

    Returns (path prefix, study) pairs; the prefix locates the study in the file (``studies[2]``).
    """
    try:
        doc = json.loads(raw, parse_int=_whole_number)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CtgovError("", f"not JSON: {exc}") from None
    except RecursionError:
        doc = None  # deeper than Python's own limit: reported as too deep below
    if doc is None or too_deep(doc):
        raise CtgovError("", f"nested deeper than {MAX_JSON_DEPTH} levels; not registry data")
    if not isinstance(doc, dict):
        raise CtgovError("", f"expected a study object or a page of studies, got {kind_of(doc)}")
    if "protocolSection" not in doc and "studies" in doc:
        studies = doc["studies"]
        if not isinstance(studies, list):
            raise CtgovError("studies", f"expected a list, got {kind_of(studies)}")
        return [(f"studies[{i}]", s) for i, s in enumerate(studies)]
    return [("", doc)]


CHUNK = 1 << 20
"""Characters read at a time; a larger value is read in doubling steps."""
LARGEST_VALUE = 1 << 28
"""The most characters one study (or another top-level value) may take: a bound on memory."""

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder(parse_int=_whole_number)


def _too_deep() -> CtgovError:
    return CtgovError("", f"nested deeper than {MAX_JSON_DEPTH} levels; not registry data")


class _Stream:
    """A text file read forward in chunks; positions in messages count from its start."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.buf = ""
        self.pos = 0
        self.dropped = 0
        """Characters dropped from the front of ``buf``."""
        self.dropped_lines = 0
        self.last_newline = -1
        """Position in the file of the last newline dropped (for columns)."""
        self.eof = False

    def fill(self, size: int = 0) -> bool:
        """Read up to ``size`` (default `CHUNK`) more characters; False at the end of the file."""
        if self.eof:
            return False
        try:
            more = self.handle.read(size or CHUNK)
        except UnicodeDecodeError as exc:
            raise CtgovError("", f"not JSON: {exc}") from None
        self.eof = not more
        self.buf += more
        return bool(more)

    def drop(self) -> None:
        """Forget the text before the current position."""
        gone = self.buf[: self.pos]
        newlines = gone.count("\n")
        if newlines:
            self.dropped_lines += newlines
            self.last_newline = self.dropped + gone.rindex("\n")
        self.dropped += self.pos
        self.buf = self.buf[self.pos :]
        self.pos = 0

    def peek(self) -> str:
        """The next character after white space ('' at the end of the file)."""
        while True:
            self.pos = _SPACE.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            self.drop()
            if not self.fill():
                return ""

    def error(self, message: str, at: int | None = None) -> CtgovError:
        """A decoding problem at ``at`` (default: the current position) in ``json.loads`` words."""
        index = self.pos if at is None else at
        newlines = self.buf.count("\n", 0, index)
        line = self.dropped_lines + newlines + 1
        last = self.buf.rfind("\n", 0, index)
        start = self.dropped + last if last >= 0 else self.last_newline
        column = self.dropped + index - start
        where = f"line {line} column {column} (char {self.dropped + index})"
        return CtgovError("", f"not JSON: {message}: {where}")

    def value(self, depth: int = 0) -> Any:
        """Decode the JSON value after white space, reading more of the file as needed.

        ``depth`` is how deep in the file the value sits (0: the whole file), for the nesting limit.
        """
        self.peek()
        size = CHUNK
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except RecursionError:
                raise _too_deep() from None
            except json.JSONDecodeError as exc:
                if len(self.buf) - self.pos > LARGEST_VALUE or not self.fill(size):
                    raise self.error(exc.msg, exc.pos) from None
                size *= 2
                continue
            if end == len(self.buf) and self.fill(size):
                continue  # a number may go on in the next chunk
            if too_deep(value, MAX_JSON_DEPTH - depth):
                raise _too_deep()
            self.pos = end
            return value

    def expect(self, allowed: str, message: str) -> str:
        """The next character, which must be one of ``allowed``; consumed."""
        ch = self.peek()
        if ch == "" or ch not in allowed:
            raise self.error(message)
        self.pos += 1
        return ch


def _page(stream: _Stream) -> Iterator[tuple[str, object]]:
    """The studies of the list at the current position (its ``[`` not yet read)."""
    stream.expect("[", "Expecting value")
    if stream.peek() == "]":
        stream.pos += 1
        return
    index = 0
    while True:
        study = stream.value(depth=2)
        stream.drop()
        yield f"studies[{index}]", study
        del study
        index += 1
        if stream.expect(",]", "Expecting ',' delimiter") == "]":
            return


def _top_level(stream: _Stream) -> Iterator[tuple[str, object]]:
    first = stream.peek()
    if first != "{":
        value = stream.value()  # reports what is not JSON; else what the value is
        raise CtgovError("", f"expected a study object or a page of studies, got {kind_of(value)}")
    stream.pos += 1
    kept: dict[str, Any] = {}
    paged = False
    if stream.peek() == "}":
        stream.pos += 1
    else:
        while True:
            if stream.peek() != '"':
                raise stream.error("Expecting property name enclosed in double quotes")
            key = stream.value()
            stream.expect(":", "Expecting ':' delimiter")
            if key == "studies" and stream.peek() == "[" and "protocolSection" not in kept:
                paged = True
                yield from _page(stream)
            else:
                kept[key] = stream.value(depth=1)
            if stream.expect(",}", "Expecting ',' delimiter") == "}":
                break
    if stream.peek() != "":
        raise stream.error("Extra data")
    if paged:
        if "protocolSection" in kept:
            raise CtgovError("protocolSection", "a page of studies cannot also be a study")
        return
    if "protocolSection" not in kept and "studies" in kept:
        raise CtgovError("studies", f"expected a list, got {kind_of(kept['studies'])}")
    yield "", kept


def iter_studies(path: Path) -> Iterator[tuple[str, object]]:
    """The studies of a registry JSON file, one at a time, as (path prefix, study) pairs.

    The prefix locates the study in the file (``studies[2]``; empty for a single study).
    `CtgovError` (no file named) for JSON that is not a study or a page; `OSError` if the file
    cannot be opened.
    """
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from _top_level(_Stream(handle))
