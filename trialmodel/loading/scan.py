"""The fast read path: libyaml's event stream -> plain data, a source-map tree and problems.

Data is built from parser events, so nothing is constructed that we did not allow: the first
anchor, alias, merge key or tag stops the walk before anything refers to it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, Final

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from trialmodel.loading.core import (
    COL_BITS,
    EMPTY,
    MAX_DEPTH,
    MAX_NODES,
    Fatal,
    Node,
    Problem,
    Scan,
    Span,
    directive_at,
    escaped_control,
    fatal_scan,
    finish,
    format_path,
    key_problems,
    node_problem,
    pack,
    show_tag,
    stray_tab,
    syntax_problem,
    unpack,
)
from trialmodel.loading.limits import too_deep_at
from trialmodel.loading.scalars import NUMBER_START, ODD_WORDS, resolve_plain, yaml11_problem

__all__ = ["scan_fast"]

try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

_NO_KEY: Final = object()
_LIBYAML_DEPTH: Final = "exceeded maximum nesting depth"


class _Frame:
    """An open mapping or sequence: its data, its source-map children and the pending key."""

    __slots__ = ("data", "is_map", "key", "key_pos", "name", "nodes", "pos")

    def __init__(self, is_map: bool, pos: int, name: str | int | None) -> None:
        self.is_map = is_map
        self.data: Any = {} if is_map else []
        self.nodes: Any = {} if is_map else []
        self.pos = pos
        self.name = name
        self.key: Any = _NO_KEY
        self.key_pos = 0


def scan_fast(content: bytes, text: str) -> Scan:
    """Read one YAML document from ``content`` (UTF-8, no BOM; ``text`` is it decoded)."""
    walker = _Walker(text)
    parser = _Parser(content)
    try:
        return walker.run(parser.get_event)
    except Fatal as stop:
        return fatal_scan(stop.problem)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        at = (mark.line, mark.column) if mark is not None else (0, 0)
        return fatal_scan(walker.error_problem(error.problem, _context(error), at))
    except yaml.YAMLError as error:
        return fatal_scan(syntax_problem(str(error), None, 0, 0))
    finally:
        parser.dispose()


def _context(error: yaml.MarkedYAMLError) -> str | None:
    """libyaml's context ("while parsing a flow sequence") with where that began."""
    if not error.context:
        return None
    mark = error.context_mark
    if mark is None:
        return str(error.context)
    return f"{error.context} that starts at line {mark.line + 1}, column {mark.column + 1}"


class _Walker:
    """Builds data and the source map from events; raises Fatal for what stops a file."""

    def __init__(self, text: str) -> None:
        self.text = text
        has_tabs = "\t" in text
        self.lines = text.split("\n") if has_tabs else []
        self.spans: list[Span] | None = [] if has_tabs else None
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []

    def error_problem(
        self, problem: str | None, context: str | None, at: tuple[int, int]
    ) -> Problem:
        """The problem for a parser error at 0-based ``at``: a tab near it, or a syntax error."""
        tab = stray_tab(self.lines, self.spans, at, error=True)
        if tab is None and problem and _LIBYAML_DEPTH in problem:
            # libyaml 0.2.6 (bundled with PyYAML 6.0.3+) stops deep flow nesting itself, at depth
            # 1000 and while scanning ahead of the events read so far; the finding must not depend
            # on which libyaml the user's PyYAML ships, so it is placed where the reference reader
            # places it: at the opening bracket that goes past MAX_DEPTH.
            return node_problem(*(self._too_deep_at() or at), "yaml_too_deep", str(MAX_DEPTH))
        return tab or syntax_problem(problem, context, *at)

    def _too_deep_at(self) -> tuple[int, int] | None:
        """Where the reference reader stops deep nesting (see ``too_deep_at``)."""
        innermost = self.stack[-1].pos if self.stack else None
        return too_deep_at(self.text, innermost, len(self.stack))

    def fatal(self, problem: Problem) -> Fatal:
        """Stop here; a stray tab before this point is what the reader is told about first."""
        at = (problem.line - 1, problem.column - 1)
        return Fatal(stray_tab(self.lines, self.spans, at) or problem)

    def run(self, get: Callable[[], Any]) -> Scan:
        """Walk the whole stream: exactly one document whose root is a mapping."""
        get()  # StreamStartEvent
        event = get()
        if event.__class__ is StreamEndEvent:
            return fatal_scan(EMPTY)
        if event.version is not None or event.tags is not None:
            raise self.fatal(self._at(event, "yaml_directive", ""))
        data, root, root_at, empty = self._root(get)
        get()  # DocumentEndEvent
        event = get()
        if event.__class__ is not StreamEndEvent:
            raise self.fatal(self._at(event, "yaml_multiple_documents", ""))
        tab = stray_tab(self.lines, self.spans, (len(self.lines), 0))
        if tab is not None:
            return fatal_scan(tab)
        if empty:
            return fatal_scan(EMPTY)
        return finish(data, root, root_at, self.problems)

    def _at(self, event: Any, code: str, detail: str) -> Problem:
        """A node problem at an event's start."""
        mark = event.start_mark
        if code == "yaml_directive":
            return directive_at(mark.line, mark.column)
        return node_problem(mark.line, mark.column, code, detail)

    def _root(self, get: Callable[[], Any]) -> tuple[Any, Node, tuple[int, int], bool]:
        """Walk the document's nodes: (data, source-map node, root position, empty document).

        The hot loop of every validation: scalar values are handled inline, because a method
        call per event would cost about as much as libyaml's own parsing.
        """
        stack = self.stack
        spans = self.spans
        top: _Frame | None = None
        nodes = 0
        while True:
            event = get()
            cls = event.__class__
            if cls is ScalarEvent:
                nodes += 1
                if nodes > MAX_NODES:
                    raise self.fatal(self._at(event, "yaml_too_many_nodes", f"{MAX_NODES:,}"))
                mark = event.start_mark
                if spans is not None and event.style:
                    spans.append(
                        (mark.line, mark.column, event.end_mark.line, event.end_mark.column)
                    )
                if top is None or event.anchor is not None or event.tag is not None:
                    return self._odd_scalar(event)
                text: str = event.value
                pos = ((mark.line + 1) << COL_BITS) | (mark.column + 1)
                if top.is_map and top.key is _NO_KEY:
                    self._key(top, event, pos)
                    continue
                value: Any = text
                if event.style:
                    if event.style == '"':
                        self._escaped(text, mark, top.key if top.is_map else len(top.data))
                elif not text:
                    value = None
                    if top.is_map:
                        pos = top.key_pos
                elif text[0] in NUMBER_START or text in ODD_WORDS:
                    value = self._plain_value(top, text, mark.line, mark.column)
                self._attach(top, value, pos)
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                nodes += 1
                if nodes > MAX_NODES:
                    raise self.fatal(self._at(event, "yaml_too_many_nodes", f"{MAX_NODES:,}"))
                top = self._open(event, cls is MappingStartEvent)
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                frame = stack.pop()
                if not stack:
                    line, column = unpack(frame.pos)
                    return frame.data, (frame.pos, frame.nodes), (line - 1, column - 1), False
                top = stack[-1]
                self._attach(top, frame.data, (frame.pos, frame.nodes))
            elif cls is AliasEvent:
                raise self._node_fatal(event)

    def _odd_scalar(self, event: Any) -> tuple[Any, Node, tuple[int, int], bool]:
        """A scalar with an anchor or tag (fatal), or a document that is one scalar."""
        if event.anchor is not None or event.tag is not None:
            raise self._node_fatal(event)
        return self._root_scalar(event)

    def _plain_value(self, top: _Frame, text: str, line: int, column: int) -> Any:
        """A plain scalar that may not be a string: resolved, with any YAML 1.1 warning."""
        found = yaml11_problem(text)
        if found is not None:
            path = self.path(top.key if top.is_map else len(top.data))
            code, message, hint = found
            self.problems.append(Problem(line + 1, column + 1, path, code, message, hint, True))
        return resolve_plain(text)

    def _root_scalar(self, event: Any) -> tuple[Any, Node, tuple[int, int], bool]:
        """A document that is one scalar: empty when it is the plain empty scalar."""
        mark = event.start_mark
        value = event.value if event.style else resolve_plain(event.value)
        empty = not event.style and event.value == ""
        return value, pack(mark.line + 1, mark.column + 1), (mark.line, mark.column), empty

    def _node_fatal(self, event: Any) -> Fatal:
        """Anchors, aliases and tags stop the walk at their node."""
        if event.__class__ is AliasEvent:
            return self.fatal(self._at(event, "yaml_alias", f"alias *{event.anchor}"))
        if event.anchor is not None:
            return self.fatal(self._at(event, "yaml_alias", f"anchor &{event.anchor}"))
        return self.fatal(self._at(event, "yaml_tag", show_tag(str(event.tag))))

    def _open(self, event: Any, is_map: bool) -> _Frame:
        """Start a mapping or sequence: never as a key, never too deep. Returns its frame."""
        if event.anchor is not None or event.tag is not None:
            raise self._node_fatal(event)
        stack = self.stack
        name: str | int | None = None
        if stack:
            top = stack[-1]
            if top.is_map and top.key is _NO_KEY:
                kind = "mapping" if is_map else "sequence"
                raise self.fatal(self._at(event, "yaml_key_type", kind))
            name = top.key if top.is_map else len(top.data)
        if len(stack) >= MAX_DEPTH:
            raise self.fatal(self._at(event, "yaml_too_deep", str(MAX_DEPTH)))
        mark = event.start_mark
        frame = _Frame(is_map, pack(mark.line + 1, mark.column + 1), name)
        stack.append(frame)
        return frame

    def _key(self, top: _Frame, event: Any, pos: int) -> None:
        """A mapping key: a field name; merge keys stop the walk, other odd keys are problems."""
        text: str = event.value
        plain = not event.style
        first = top.nodes.get(text)
        if plain and text == "<<":
            raise self.fatal(self._at(event, "yaml_alias", "merge key <<"))
        if first is not None or (
            plain and (not text or text[0] in NUMBER_START or text in ODD_WORDS)
        ):
            resolved = resolve_plain(text) if plain else text
            first_pos = None if first is None else first[0]
            at = (event.start_mark.line, event.start_mark.column)
            self.problems.extend(
                key_problems(text, plain, resolved, first_pos, at, self.path(text))
            )
        if event.style == '"':
            self._escaped(text, event.start_mark, text)
        top.key = text
        top.key_pos = pos

    def _escaped(self, text: str, mark: Any, name: str | int) -> None:
        """A control character made by a double-quoted scalar's escapes is a problem."""
        problem = escaped_control(text, mark.line, mark.column, "")
        if problem is not None:
            self.problems.append(dataclasses.replace(problem, path=self.path(name)))

    @staticmethod
    def _attach(top: _Frame, value: Any, node: Node) -> None:
        """Add a finished value to the open mapping or sequence."""
        if top.is_map:
            key = top.key
            top.data[key] = value
            top.nodes[key] = (top.key_pos, node)
            top.key = _NO_KEY
        else:
            top.data.append(value)
            top.nodes.append(node)

    def path(self, last: str | int) -> str:
        """The record path of a child of the innermost open node."""
        parts = [frame.name for frame in self.stack[1:]]
        parts.append(last)
        return format_path([part for part in parts if part is not None])
