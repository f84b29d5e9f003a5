"""The reference read path on ruamel.yaml: its events for the checks, its composed nodes for data.

Slow (ruamel.yaml's pure-Python round-trip parser) and independent of libyaml: tests hold the fast
path to the same data, the same source map and the same findings.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
)
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.nodes import Node as RuamelNode

from trialmodel.loading.core import (
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
    value_problems,
)
from trialmodel.loading.scalars import resolve_plain

__all__ = ["scan_reference"]


def scan_reference(text: str) -> Scan:
    """Read one YAML document from ``text`` with ruamel.yaml."""
    has_tabs = "\t" in text
    lines = text.split("\n") if has_tabs else []
    spans: list[Span] | None = [] if has_tabs else None
    yaml = YAML(typ="rt")
    try:
        documents = _check_events(yaml.parse(text), lines, spans)
        if documents == 0:
            return fatal_scan(EMPTY)
        root = yaml.compose(text)
    except Fatal as stop:
        at = (stop.problem.line - 1, stop.problem.column - 1)
        return fatal_scan(stray_tab(lines, spans, at) or stop.problem)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        at = (mark.line, mark.column) if mark is not None else (0, 0)
        tab = stray_tab(lines, spans, at, error=True)
        return fatal_scan(tab or syntax_problem(error.problem, error.context, *at))
    except YAMLError as error:
        return fatal_scan(syntax_problem(str(error), None, 0, 0))
    tab = stray_tab(lines, spans, (len(lines), 0))
    if tab is not None:
        return fatal_scan(tab)
    if _is_empty(root):
        return fatal_scan(EMPTY)
    problems: list[Problem] = []
    data, node = _build(root, [], problems)
    return finish(data, node, (root.start_mark.line, root.start_mark.column), problems)


def _check_events(events: Iterable[Any], lines: list[str], spans: list[Span] | None) -> int:
    """Raise Fatal at the first event that a record may not hold; return the number of documents."""
    documents = 0
    nodes = 0
    expecting_key: list[bool | None] = []  # per open collection: mapping awaiting a key, or None
    for event in events:
        mark = event.start_mark
        at = (mark.line, mark.column)
        if isinstance(event, DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise Fatal(node_problem(*at, "yaml_multiple_documents", ""))
            if event.version is not None or event.tags:
                raise Fatal(directive_at(*at))
        elif isinstance(event, NodeEvent):
            _check_node(event, at, expecting_key)
            nodes += 1
            if nodes > MAX_NODES:
                raise Fatal(node_problem(*at, "yaml_too_many_nodes", f"{MAX_NODES:,}"))
            if spans is not None and isinstance(event, ScalarEvent) and event.style is not None:
                spans.append((at[0], at[1], event.end_mark.line, event.end_mark.column))
        elif isinstance(event, CollectionEndEvent):
            expecting_key.pop()
    return documents


def _check_node(event: Any, at: tuple[int, int], expecting_key: list[bool | None]) -> None:
    """Anchors, aliases, tags, merge keys, collections as keys and depth, in document order."""
    if isinstance(event, AliasEvent):
        raise Fatal(node_problem(*at, "yaml_alias", f"alias *{event.anchor}"))
    if event.anchor is not None:
        raise Fatal(node_problem(*at, "yaml_alias", f"anchor &{event.anchor}"))
    if event.ctag is not None:
        raise Fatal(node_problem(*at, "yaml_tag", show_tag(str(event.ctag))))
    is_key = bool(expecting_key) and expecting_key[-1] is True
    if expecting_key and expecting_key[-1] is not None:
        expecting_key[-1] = not expecting_key[-1]
    if isinstance(event, CollectionStartEvent):
        is_map = isinstance(event, MappingStartEvent)
        if is_key:
            kind = "mapping" if is_map else "sequence"
            raise Fatal(node_problem(*at, "yaml_key_type", kind))
        if len(expecting_key) >= MAX_DEPTH:
            raise Fatal(node_problem(*at, "yaml_too_deep", str(MAX_DEPTH)))
        expecting_key.append(True if is_map else None)
    elif is_key and event.style is None and event.value == "<<":
        raise Fatal(node_problem(*at, "yaml_alias", "merge key <<"))


def _build(node: RuamelNode, path: list[str | int], problems: list[Problem]) -> tuple[Any, Node]:
    """Plain data and the source-map node for a composed node (no anchors or tags remain)."""
    pos = pack(node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, SequenceNode):
        items = [_build(child, [*path, index], problems) for index, child in enumerate(node.value)]
        return [item[0] for item in items], (pos, [item[1] for item in items])
    if isinstance(node, MappingNode):
        return _build_mapping(node, pos, path, problems)
    assert isinstance(node, ScalarNode)
    if node.style == ">":  # ruamel.yaml marks folds with BEL to write them back; we never do
        return node.value.replace("\a", ""), pos
    if node.style is not None:
        if node.style == '"':
            mark = node.start_mark
            _escaped(node.value, mark.line, mark.column, format_path(path), problems)
        return node.value, pos
    value: str = node.value
    mark = node.start_mark
    problems.extend(value_problems(value, mark.line, mark.column, format_path(path)))
    return resolve_plain(value), pos


def _build_mapping(
    node: MappingNode, pos: int, path: list[str | int], problems: list[Problem]
) -> tuple[Any, Node]:
    """A mapping's data and source-map node: keys by their text, the last duplicate winning."""
    data: dict[str, Any] = {}
    children: dict[str, tuple[int, Node]] = {}
    for key_node, value_node in node.value:
        key: str = key_node.value
        mark = key_node.start_mark
        plain = key_node.style is None
        resolved = resolve_plain(key) if plain else key
        first = children.get(key)
        at = (mark.line, mark.column)
        first_pos = None if first is None else first[0]
        key_path = format_path([*path, key])
        problems.extend(key_problems(key, plain, resolved, first_pos, at, key_path))
        if key_node.style == '"':
            _escaped(key, mark.line, mark.column, key_path, problems)
        key_pos = pack(mark.line + 1, mark.column + 1)
        if _is_empty(value_node):
            data[key], children[key] = None, (key_pos, key_pos)
            continue
        value, child = _build(value_node, [*path, key], problems)
        data[key], children[key] = value, (key_pos, child)
    return data, (pos, children)


def _escaped(text: str, line: int, column: int, path: str, problems: list[Problem]) -> None:
    """A control character made by a double-quoted scalar's escapes is a problem."""
    problem = escaped_control(text, line, column, path)
    if problem is not None:
        problems.append(problem)


def _is_empty(node: RuamelNode) -> bool:
    """The plain empty scalar: a value left out (``key:``) or an empty document."""
    return isinstance(node, ScalarNode) and node.style is None and node.value == ""
