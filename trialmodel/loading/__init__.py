"""YAML bytes -> plain data + SourceMap (every node's 1-based line:column) + findings.

One record per file. Every YAML-level problem is a located finding, never an exception: syntax
errors, duplicate keys, anchors/aliases/merge keys, tags, directives, several documents, a document
that is not a mapping, empty files, tabs, invalid UTF-8 and oversized files. Plain scalars resolve
by the YAML 1.2 core schema (dates stay strings), with warnings where YAML 1.1 readers differ.

:func:`load_bytes` is the fast path on libyaml's event stream; :func:`load_reference` reads the same
way on ruamel.yaml, and tests hold the two to the same result.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from trialmodel.errors import TrialmodelError
from trialmodel.findings import Finding, Severity
from trialmodel.loading.core import (
    MAX_DEPTH,
    MAX_NODES,
    Node,
    Problem,
    Scan,
    directive_problem,
    fatal_scan,
    format_path,
    pack,
    unpack,
)

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "Loaded",
    "PathNotFoundError",
    "SourceMap",
    "format_path",
    "load_bytes",
    "load_path",
    "load_reference",
]

MAX_FILE_BYTES: Final = 1024 * 1024
"""Files larger than this (1 MiB; a record is about 15 KB) are one finding and are never read."""

_BOM: Final = b"\xef\xbb\xbf"
# Cheap byte-level tests that find every file the character pattern below could match.
_BYTES_ALLOWED: Final = bytes([9, 10, 13, *range(0x20, 0x7F), *range(0x80, 0x100)])
_BAD_SEQUENCES: Final = (
    b"\xe2\x80\xa8",
    b"\xe2\x80\xa9",
    b"\xef\xbb\xbf",
    b"\xef\xbf\xbe",
    b"\xef\xbf\xbf",
)
_C1_CONTROL = re.compile(rb"\xc2[\x80-\x9f]")
_LONE_CR = re.compile(rb"\r(?!\n)")
# Every character but YAML's printable ones, less NEL, the Unicode line and paragraph separators
# and a carriage return without a line feed (YAML readers disagree on whether they break lines, so
# line numbers would not agree either), and a byte order mark after the start (readers disagree on
# columns). That is, every character outside [\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe
# \uff00-\ufffd\U00010000-\U0010ffff]: spelt here as the few ranges outside it, which compile in a
# tenth of the time of that negated class (milliseconds on every start; a test compares the two).
NOT_YAML_CHARACTERS: Final = (
    r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff"
)
_NOT_YAML_CHARACTER = re.compile(f"[{NOT_YAML_CHARACTERS}]|\r(?!\n)")
_LINE_BREAKS: Final = frozenset("\r\x85\u2028\u2029")

_FILE_START: Final = pack(1, 1)
Path_ = tuple[str | int, ...]


class PathNotFoundError(TrialmodelError, LookupError):
    """A record path that is not in the document; ``found`` is the part of it that is."""

    def __init__(self, path: Path_, depth: int) -> None:
        self.path = path
        self.found = path[:depth]
        where = format_path(self.found) or "the top level"
        super().__init__(f"{format_path(path)}: no {path[depth]!r} at {where}")


def _child(children: Any, part: str | int) -> tuple[Any, Node] | None:
    """The (key position, node) of ``part`` in a mapping's or a list's children, or None."""
    if isinstance(children, dict):
        return children.get(part) if isinstance(part, str) else None
    if isinstance(part, int) and not isinstance(part, bool) and 0 <= part < len(children):
        return (None, children[part])
    return None


@dataclass(frozen=True, slots=True)
class SourceMap:
    """Where each node of a loaded document is: 1-based (line, column), found by record path."""

    root: Node = _FILE_START

    def locate(self, path: Path_, *, key: bool = False, nearest: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the node at ``path`` (its key's position when key=True, for a
        mapping entry). () is the document root (1, 1 for an empty file).

        A path that does not exist raises ``PathNotFoundError`` naming the part that is not
        there, unless ``nearest``: then it gives the position of the nearest existing ancestor
        (a missing key is reported at its parent mapping)."""
        node = self.root
        last = len(path) - 1
        for depth, part in enumerate(path):
            child = None if isinstance(node, int) else _child(node[1], part)
            if child is None:
                if not nearest:
                    raise PathNotFoundError(path, depth)
                break
            if depth == last and key and isinstance(node[1], dict):
                return unpack(child[0])
            node = child[1]
        return unpack(node if isinstance(node, int) else node[0])

    def items(self) -> Iterator[tuple[Path_, tuple[int, int], tuple[int, int] | None]]:
        """Every node in document order: (path, its position, its key's position or None)."""
        stack: list[tuple[Path_, Node, int | None]] = [((), self.root, None)]
        while stack:
            path, node, key_pos = stack.pop()
            pos = node if isinstance(node, int) else node[0]
            yield path, unpack(pos), None if key_pos is None else unpack(key_pos)
            if isinstance(node, int):
                continue
            children = node[1]
            if isinstance(children, dict):
                entries = [((*path, k), child, kp) for k, (kp, child) in children.items()]
            else:
                entries = [((*path, i), child, None) for i, child in enumerate(children)]
            stack.extend(reversed(entries))


@dataclass(frozen=True, slots=True)
class Loaded:
    """One file read: its data (None unless it is one readable YAML mapping), map and findings."""

    file: str
    data: dict[str, Any] | None
    source_map: SourceMap
    findings: tuple[Finding, ...]


def load_bytes(content: bytes, file: str) -> Loaded:
    """Read one record's YAML from bytes on the fast path (libyaml events); ``file`` names it."""
    from trialmodel.loading.scan import scan_fast

    return _load(content, file, scan_fast)


def load_reference(content: bytes, file: str) -> Loaded:
    """Read one record's YAML as :func:`load_bytes` does, on ruamel.yaml (slow; for tests)."""
    from trialmodel.loading.reference import scan_reference

    return _load(content, file, lambda _raw, text: scan_reference(text))


def load_path(path: Path, file: str | None = None) -> Loaded:
    """Read a record file; a file that cannot be read (not a regular file, a dangling or looping
    symbolic link, no permission) or is oversized is one finding (io_error, file_too_large),
    never an exception, and never a wait: a FIFO or a device is refused, not read."""
    from trialmodel.loading.files import TooLargeError, UnreadableError, read_regular

    name = str(path) if file is None else file
    try:
        content = read_regular(path, MAX_FILE_BYTES)
    except UnreadableError as error:
        return _failed(name, Problem(1, 1, "", "io_error", error.message, error.hint))
    except TooLargeError as error:
        return _failed(name, _too_large(error.size))
    return load_bytes(content, name)


def _load(content: bytes, file: str, scan: Callable[[bytes, str], Scan]) -> Loaded:
    """Checks on the bytes, then the read path's scan, as a Loaded."""
    if len(content) > MAX_FILE_BYTES:
        return _failed(file, _too_large(len(content)))
    if content.startswith(_BOM):
        content = content[len(_BOM) :]
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        return _failed(file, _encoding_problem(content, error.start))
    problem = _character_problem(content, text) or directive_problem(text)
    result = fatal_scan(problem) if problem is not None else scan(content, text)
    return Loaded(
        file=file,
        data=result.data,
        source_map=SourceMap(result.root),
        findings=tuple(sorted((_finding(file, p) for p in result.problems), key=_order)),
    )


def _order(finding: Finding) -> tuple[str, int, int, str, str]:
    """Findings in file order."""
    return finding.sort_key


def _failed(file: str, problem: Problem) -> Loaded:
    """A file that could not be read at all."""
    return Loaded(file, None, SourceMap(), (_finding(file, problem),))


def _finding(file: str, problem: Problem) -> Finding:
    """A problem of this file as a Finding."""
    severity = Severity.WARNING if problem.warning else Severity.ERROR
    return Finding(
        file=file,
        line=problem.line,
        column=problem.column,
        path=problem.path,
        code=problem.code,
        severity=severity,
        message=problem.message,
        hint=problem.hint,
    )


def _too_large(size: int) -> Problem:
    """file_too_large: the file is not read at all."""
    return Problem(
        1,
        1,
        "",
        "file_too_large",
        f"the file is {size} bytes, over the limit of {MAX_FILE_BYTES} bytes for one record",
        "a record is one trial; split the file or check that it is the right one",
    )


def _encoding_problem(content: bytes, offset: int) -> Problem:
    """yaml_encoding at the first byte that is not UTF-8, as a line and column of characters."""
    line_start = content.rfind(b"\n", 0, offset) + 1
    column = len(content[line_start:offset].decode("utf-8")) + 1
    return Problem(
        content.count(b"\n", 0, offset) + 1,
        column,
        "",
        "yaml_encoding",
        f"the file is not UTF-8 text: byte 0x{content[offset]:02x} at offset {offset}",
        "save the file as UTF-8",
    )


def _character_problem(content: bytes, text: str) -> Problem | None:
    """yaml_encoding for the first control character that YAML does not allow in a file."""
    if not _may_hold_bad_characters(content):
        return None
    match = _NOT_YAML_CHARACTER.search(text)
    if match is None:
        return None
    offset = match.start()
    line_start = text.rfind("\n", 0, offset) + 1
    char = text[offset]
    if char in _LINE_BREAKS:
        hint = "end lines with a line feed (LF or CR LF) only"
    elif char == "\ufeff":
        hint = "remove it: a byte order mark belongs only at the very start of a file"
    else:
        hint = "remove it: control characters have no place in a record"
    return Problem(
        text.count("\n", 0, offset) + 1,
        offset - line_start + 1,
        "",
        "yaml_encoding",
        f"the character U+{ord(char):04X} is not allowed in a record file",
        hint,
    )


def _may_hold_bad_characters(content: bytes) -> bool:
    """False when the UTF-8 bytes surely hold no character that records may not hold."""
    return bool(
        content.translate(None, _BYTES_ALLOWED)
        or (b"\r" in content and _LONE_CR.search(content))
        or (b"\xc2" in content and _C1_CONTROL.search(content))
        or any(sequence in content for sequence in _BAD_SEQUENCES)
    )
