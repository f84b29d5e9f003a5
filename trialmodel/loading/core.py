"""What both YAML read paths share: positions, paths, problems and their messages, tabs."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from trialmodel.loading.scalars import yaml11_problem

__all__ = [
    "COL_BITS",
    "EMPTY",
    "ESCAPED_CONTROLS",
    "MAX_DEPTH",
    "MAX_NODES",
    "Fatal",
    "Node",
    "Problem",
    "Scan",
    "Span",
    "directive_at",
    "directive_problem",
    "escaped_control",
    "fatal_scan",
    "finish",
    "format_path",
    "join_path",
    "key_problems",
    "node_problem",
    "pack",
    "parse_path",
    "show_tag",
    "stray_tab",
    "syntax_problem",
    "unpack",
    "value_problems",
]

MAX_DEPTH: Final = 64
"""Deepest nesting of mappings and sequences read; a record needs fewer than ten levels."""

MAX_NODES: Final = 50_000
"""Most nodes (keys, scalars, mappings, sequences) read from one file. The largest registry record
seen (844 sites) has about 20,000; the limit bounds the memory that checking one file takes,
whatever its shape (a million one-character list items would otherwise be a million errors)."""

COL_BITS: Final = 24


def pack(line: int, column: int) -> int:
    """One int for a 1-based (line, column): source maps hold one per node."""
    return (line << COL_BITS) | column


def unpack(position: int) -> tuple[int, int]:
    """The (line, column) that :func:`pack` packed."""
    return position >> COL_BITS, position & ((1 << COL_BITS) - 1)


def format_path(path: Iterable[str | int]) -> str:
    """A path as the YAML reads: ``("arms", 1, "dose_levels")`` -> ``arms[1].dose_levels``.

    The one writer of record paths: the loader's, the model's errors (pydantic's locations), the
    rules' hits and the registry import's all read alike. Keys are joined with dots whatever they
    contain."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        else:
            out.append(f".{part}" if out else str(part))
    return "".join(out)


_PATH_PART = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)((?:\[[0-9]+\])*)")


def parse_path(text: str) -> tuple[str | int, ...] | None:
    """A written record path read back (the inverse of `format_path` for snake_case keys):
    ``arms[1].dose_levels`` -> ``("arms", 1, "dose_levels")``; None for text that is not one."""
    out: list[str | int] = []
    for piece in text.split("."):
        match = _PATH_PART.fullmatch(piece)
        if match is None:
            return None
        out.append(match.group(1))
        out += [int(i) for i in re.findall(r"[0-9]+", match.group(2))]
    return tuple(out)


def join_path(path: str, key: str) -> str:
    """A written record path and a key below it: ``join_path("status", "overall")``; the top
    level is the empty path."""
    return f"{path}.{key}" if path else key


@dataclass(frozen=True, slots=True)
class Problem:
    """A finding before it knows its file: position, path, code, message, hint, severity."""

    line: int
    column: int
    path: str
    code: str
    message: str
    hint: str | None = None
    warning: bool = False


class Fatal(Exception):  # noqa: N818 - control flow inside the loaders, never escapes them
    """Stops a walk: the file is not one readable YAML mapping."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


# --- tabs ---------------------------------------------------------------------------------------

Span = tuple[int, int, int, int]
"""A scalar's 0-based (start line, start column, end line, end column)."""


def first_bad_tab(
    lines: list[str], spans: list[Span], upto: tuple[int, int]
) -> tuple[int, int] | None:
    """0-based position of the first tab at or before ``upto`` outside text and comments.

    ``spans`` are the quoted and block scalars read so far. YAML indents with spaces only, and
    libyaml and ruamel.yaml disagree about tabs between tokens and inside unquoted text, so any
    tab that is not inside quoted or block text or a comment is reported the same way by both.
    Linear in the size of the text: a line's comment start is found once, not once per tab.
    """
    starts = [(s[0], s[1]) for s in spans]
    for number, line in enumerate(lines[: upto[0] + 1]):
        column = line.find("\t")
        comment: int | None = None
        while column >= 0 and (number, column) <= upto:
            if not _in_scalar((number, column), spans, starts):
                if comment is None:
                    comment = _comment_start(line, number, spans, starts)
                if column < comment:
                    return number, column
            column = line.find("\t", column + 1)
    return None


def _in_scalar(at: tuple[int, int], spans: list[Span], starts: list[tuple[int, int]]) -> bool:
    """True when ``at`` lies inside one of the (ordered, disjoint) scalar spans."""
    index = bisect_right(starts, at) - 1
    return index >= 0 and at < (spans[index][2], spans[index][3])


def _comment_start(line: str, number: int, spans: list[Span], starts: list[tuple[int, int]]) -> int:
    """Where the line's comment starts (a ``#`` after white space, outside scalars), or the
    line's length when it has none."""
    hash_at = line.find("#")
    while hash_at >= 0:
        if (hash_at == 0 or line[hash_at - 1] in " \t") and not _in_scalar(
            (number, hash_at), spans, starts
        ):
            return hash_at
        hash_at = line.find("#", hash_at + 1)
    return len(line)


def stray_tab(
    lines: list[str], spans: list[Span] | None, at: tuple[int, int], *, error: bool = False
) -> Problem | None:
    """yaml_tab for the first stray tab at or before 0-based ``at``, or, for a parser ``error``
    at ``at``, a tab right there; None when there is none (``spans`` is None for text without tabs).
    """
    if spans is None:
        return None
    bad = first_bad_tab(lines, spans, at)
    if bad is None and error and at[0] < len(lines) and lines[at[0]][at[1] : at[1] + 1] == "\t":
        bad = at
    return None if bad is None else tab_problem(*bad)


def tab_problem(line: int, column: int) -> Problem:
    """The yaml_tab finding at a 0-based position."""
    return Problem(
        line + 1,
        column + 1,
        "",
        "yaml_tab",
        "a tab character outside quoted or block text: YAML indents and separates with spaces only",
        "replace the tab with spaces, or quote the text that holds it",
    )


# --- file-level problems ------------------------------------------------------------------------


def directive_problem(text: str) -> Problem | None:
    """yaml_directive for a ``%YAML``/``%TAG`` line before the document's first content line."""
    if "%" not in text:
        return None
    for number, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if line.startswith("%"):
            return directive_at(number, 0, line.split(None, 1)[0])
        if stripped and not stripped.startswith("#"):
            return None
    return None


def directive_at(line: int, column: int, name: str = "") -> Problem:
    """yaml_directive at a 0-based position."""
    return Problem(
        line + 1,
        column + 1,
        "",
        "yaml_directive",
        f"a YAML directive {name}: records are plain YAML 1.2 without directives"
        if name
        else "a YAML directive: records are plain YAML 1.2 without directives",
        "remove the line",
    )


def syntax_problem(problem: str | None, context: str | None, line: int, column: int) -> Problem:
    """yaml_syntax with the parser's own words, at a 0-based position."""
    message = (problem or "invalid YAML").strip()
    if context:
        message = f"{message} ({context.strip()})"
    return Problem(line + 1, column + 1, "", "yaml_syntax", f"YAML syntax error: {message}")


def node_problem(line: int, column: int, code: str, detail: str) -> Problem:
    """A fatal problem at a 0-based position: anchors, tags, keys, nesting, documents."""
    message, hint = _NODE_PROBLEMS[code]
    return Problem(line + 1, column + 1, "", code, message.format(detail), hint)


_NODE_PROBLEMS: Final[dict[str, tuple[str, str | None]]] = {
    "yaml_alias": (
        "{}: anchors, aliases and merge keys are not allowed in a record",
        "write the value out in full where it is used",
    ),
    "yaml_tag": (
        "explicit tag {}: records use no YAML tags, not even !!str",
        "remove the tag; quote the value to keep it a string",
    ),
    "yaml_key_type": (
        "a {} as a mapping key: keys are field names",
        "use a plain field name as the key",
    ),
    "yaml_too_deep": (
        "nesting deeper than {} levels",
        None,
    ),
    "yaml_too_many_nodes": (
        "more than {} keys and values in one file (the largest registry records hold about 20,000)",
        "a record is one trial: check that this is the right file, and that nothing repeats",
    ),
    "yaml_multiple_documents": (
        "a second YAML document{}: a file holds exactly one record",
        "put each record in its own file",
    ),
    "yaml_not_mapping": (
        "the document is a {}, not a mapping of record fields",
        "a record starts with its fields, such as 'schema_version: ...'",
    ),
}
EMPTY = Problem(
    1, 1, "", "yaml_empty", "the file holds no YAML document (it is empty or only comments)"
)


def key_problems(
    key: str, plain: bool, resolved: Any, first: int | None, at: tuple[int, int], path: str
) -> list[Problem]:
    """Problems with one mapping key (0-based ``at``): not a string, duplicate, or YAML 1.1 reading.

    ``first`` is the packed position of an earlier key with the same text, if any.
    """
    line, column = at[0] + 1, at[1] + 1
    found: list[Problem] = []
    if not isinstance(resolved, str):
        shown = _KINDS.get(type(resolved), "null")
        found.append(
            Problem(
                line, column, path, "yaml_key_type",
                f"the key {key or '(empty)'} is read as {shown}, not as a field name",
                f"quote it: '{key}'",
            )
        )  # fmt: skip
    elif plain:
        found.extend(value_problems(key, line - 1, column - 1, path))
    if first is not None:
        first_line = unpack(first)[0]
        found.append(
            Problem(
                line, column, path, "yaml_duplicate_key",
                f"duplicate key '{key}': it is also at line {first_line}, and the last one wins",
                "remove or rename one of them",
            )
        )  # fmt: skip
    return found


_KINDS: Final[dict[type, str]] = {bool: "a boolean", int: "an integer", float: "a number"}


def show_tag(tag: str) -> str:
    """A tag as written in YAML: ``tag:yaml.org,2002:str`` -> ``!!str``."""
    return (
        "!!" + tag.removeprefix("tag:yaml.org,2002:")
        if tag.startswith("tag:yaml.org,2002:")
        else tag
    )


def value_problems(value: str, line: int, column: int, path: str) -> list[Problem]:
    """YAML 1.1 warnings for a plain scalar at a 0-based position."""
    found = yaml11_problem(value)
    if found is None:
        return []
    code, message, hint = found
    return [Problem(line + 1, column + 1, path, code, message, hint, warning=True)]


# What a double-quoted scalar's escapes (\e, \0, \x85, \u2028 ...) can put into text that a file
# may not hold raw (see trialmodel.loading): every control character but tab and line feed.
# (Every character outside [\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd
# \U00010000-\U0010ffff], spelt as the ranges outside it, which compile in a tenth of the time.)
ESCAPED_CONTROLS: Final = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff"
_ESCAPED_CONTROL: Final = re.compile(f"[{ESCAPED_CONTROLS}]")


def escaped_control(text: str, line: int, column: int, path: str) -> Problem | None:
    """control_character for a double-quoted scalar at a 0-based position whose escapes make a
    character that the file could not hold raw, or None."""
    match = _ESCAPED_CONTROL.search(text)
    if match is None:
        return None
    return Problem(
        line + 1,
        column + 1,
        path,
        "control_character",
        f"the text holds the control character U+{ord(match.group()):04X}, written as an "
        "escape: a record may not hold it, escaped or raw",
        "remove it; write a line break as a new line (or \\n), a tab as \\t",
    )


Node = Any
"""A source-map node: a packed position (scalar), ``(pos, {key: (key_pos, node)})`` (mapping) or
``(pos, [node, ...])`` (sequence)."""


@dataclass(frozen=True, slots=True)
class Scan:
    """What a read path found: data (None unless one readable mapping), source map, problems."""

    data: dict[str, Any] | None
    root: Node
    problems: list[Problem]


def finish(data: Any, root: Node, root_at: tuple[int, int], problems: list[Problem]) -> Scan:
    """The scan of a document read to its end: empty, not a mapping, or a record's data."""
    if isinstance(data, dict):
        return Scan(data, root, problems)
    kind = "sequence" if isinstance(data, list) else "scalar"
    problem = node_problem(root_at[0], root_at[1], "yaml_not_mapping", kind)
    return Scan(None, pack(1, 1), [problem])


def fatal_scan(problem: Problem) -> Scan:
    """The scan of a file that is not one readable YAML mapping: one problem, no data."""
    return Scan(None, pack(1, 1), [problem])
