"""The house YAML style written directly: the fast path for new records.

A new record has no comments or quoting to keep, so it need not go through ruamel.yaml's
round-trip emitter (pure Python, about 90% of an import's time). `emit_yaml` writes plain data
(mappings, lists, strings, numbers, booleans, null) as the same text, byte for byte, that
``trialmodel.writing`` gets from ruamel.yaml with the house style: the same scalar styles
(plain, single- or double-quoted, literal ``|-``, folded ``>-`` with the house line breaks),
the same escapes and indentation. It decides a style the way ruamel.yaml's emitter does
(``analyze_scalar`` and ``choose_scalar_style``, with the YAML 1.2 resolver ruamel.yaml writes
for), with regular expressions instead of a loop over characters.

Where the two could differ and matching would need ruamel.yaml's line wrapping (a line longer
than its 4,096-column width), other YAML line breaks than ``\\n``, keys that are not field
names, lists directly in lists, or non-finite floats, `emit_yaml` returns None and the caller
uses ruamel.yaml. Tests hold the two writers to the same bytes over every registry record and
over generated text.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from typing import Any

import yaml

__all__ = [
    "FOLD_AFTER",
    "WIDTH",
    "block_exact",
    "emit_yaml",
    "fold_exact",
    "fold_positions",
    "misread",
]

WIDTH = 100
"""Folded blocks are broken to fit this width, as the records in records/ are; nothing else is
re-wrapped, so a curator's long line stays one line."""
FOLD_AFTER = 80
"""One-line text longer than this is written as a folded block (``>-``) where that is exact."""
LONGEST_LINE = 4000
"""Lines up to this length are never wrapped by ruamel.yaml (its width is 4,096 columns); a
longer one is left to ruamel.yaml."""

_DATE_LIKE = re.compile(r"^[0-9]{4}(?:-[0-9]{1,2}(?:-[0-9]{1,2})?)?$")
_NOT_IN_BLOCK = re.compile(r"[\r\t\x85\u2028\u2029\ufeff]|[ \t]\n|[^\S\n]$")
_STR_TAG = "tag:yaml.org,2002:str"
_YAML11 = yaml.resolver.Resolver()
_YAML11_FIRST = frozenset(yaml.resolver.Resolver.yaml_implicit_resolvers)
"""First characters of the scalars a YAML 1.1 resolver can match (including the empty text)."""

# ruamel.yaml's YAML 1.2 implicit resolvers (ruamel/yaml/resolver.py): a plain scalar matching
# one of these reads as something other than a string, so the emitter quotes it.
_YAML12_NOT_STR = re.compile(
    r"""^(?:true|True|TRUE|false|False|FALSE
    |[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)
    |[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+
    |<<
    |~|null|Null|NULL|
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
     (?:[Tt]|[\ \t]+)[0-9][0-9]?
     :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
     (?:[\ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?
    |=)$""",
    re.X,
)
_RESOLVED_FIRST = frozenset("tTfF-+0123456789.<~nN=")
"""First characters of the scalars the YAML 1.2 resolvers can match (the empty one aside)."""

_WS = "\0 \t\r\n\x85\u2028\u2029"
_PRINTABLE = "\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff"
"""What the emitter writes as it is, with ``allow_unicode`` (its ``\ufeff`` aside)."""
_SPECIAL = re.compile(f"[^\n\x85{_PRINTABLE}]|\ufeff")
"""A character only a double-quoted scalar can hold (the emitter's ``special_characters``)."""
_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]")
_BLOCK_INDICATOR = re.compile(f"^(?:[#,\\[\\]{{}}&*!|>'\"%@`]|[?:-](?:\\Z|[{_WS}])|---|\\.\\.\\.)")
_INNER_INDICATOR = re.compile(f".(?::(?:\\Z|[{_WS}])|(?<=[{_WS}])#)", re.S)
_ESCAPED = re.compile(f'["\\\\\x85\u2028\u2029\ufeff]|[^{_PRINTABLE}]')
_ESCAPES = {
    "\0": "0",
    "\x07": "a",
    "\x08": "b",
    "\x09": "t",
    "\x0a": "n",
    "\x0b": "v",
    "\x0c": "f",
    "\x0d": "r",
    "\x1b": "e",
    '"': '"',
    "\\": "\\",
    "\x85": "N",
    "\xa0": "_",
    "\u2028": "L",
    "\u2029": "P",
}
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class _UnsureError(Exception):
    """The fast path cannot promise ruamel.yaml's bytes for this value."""


def misread(text: str) -> bool:
    """True when a YAML 1.1 reader would not read ``text`` unquoted as this string."""
    if text[:1] not in _YAML11_FIRST:
        return False  # no resolver starts with this character, and dates start with a digit
    tag = _YAML11.resolve(yaml.nodes.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag != _STR_TAG or _DATE_LIKE.match(text) is not None


def block_exact(text: str) -> bool:
    """True when a literal block scalar gives back exactly ``text``."""
    if "\n" not in text or text[:1] in (" ", "\n") or _NOT_IN_BLOCK.search(text):
        return False
    return text.replace("\n", "").isprintable()


def fold_exact(text: str) -> bool:
    """True for long one-line prose that a folded block gives back exactly."""
    return (
        len(text) > FOLD_AFTER
        and text == text.strip()
        and "  " not in text
        and text.isprintable()
        and "\ufeff" not in text
    )


def fold_positions(text: str, indent: int) -> list[int]:
    """Where a folded block of ``text`` breaks its lines (at single spaces) to fit WIDTH."""
    room = max(WIDTH - indent, 40)
    folds: list[int] = []
    start = 0
    while len(text) - start > room:
        cut = text.rfind(" ", start + 1, start + room + 1)
        if cut <= start:
            cut = text.find(" ", start + room)
        if cut < 0:
            break
        folds.append(cut)
        start = cut + 1
    return folds


def _plain_allowed(text: str) -> bool:
    """ruamel.yaml's ``allow_block_plain``, and the scalar reads back as a string (YAML 1.2)."""
    if (
        text[0] in " \n"
        or text[-1] in " \n"
        or "\n" in text
        or _SPECIAL.search(text)
        or _BLOCK_INDICATOR.match(text)
        or _INNER_INDICATOR.search(text)
    ):
        return False
    return text[0] not in _RESOLVED_FIRST or not _YAML12_NOT_STR.match(text)


def _double_quoted(text: str) -> str:
    def escape(match: re.Match[str]) -> str:
        ch = match.group()
        if ch in _ESCAPES:
            return "\\" + _ESCAPES[ch]
        code = ord(ch)
        if code <= 0xFF:
            return f"\\x{code:02X}"
        return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"

    return '"' + _ESCAPED.sub(escape, text) + '"'


@functools.lru_cache(maxsize=4096)
def _inline(text: str) -> str:
    """A scalar on the line of its key or dash, in the style ruamel.yaml chooses
    (``choose_scalar_style``). Cached: registry records repeat many values (cities, statuses)."""
    if not text or _OTHER_BREAKS.search(text):
        raise _UnsureError
    if misread(text):
        out = _double_quoted(text)
    elif _plain_allowed(text):
        out = text
    elif "'" in text or "\n" in text or _SPECIAL.search(text):
        out = _double_quoted(text)
    else:
        out = "'" + text + "'"
    if len(out) > LONGEST_LINE:
        raise _UnsureError
    return " " + out


def _folded_lines(text: str, indent: int) -> list[str]:
    lines: list[str] = []
    start = 0
    for cut in fold_positions(text, indent):
        lines.append(text[start:cut])
        start = cut + 1
    lines.append(text[start:])
    if max(map(len, lines)) > LONGEST_LINE:
        raise _UnsureError
    pad = " " * indent
    return [pad + line for line in lines]


def _literal_lines(text: str, indent: int) -> list[str]:
    pad = " " * indent
    return [pad + line if line else "" for line in text.split("\n")]


def _scalar(value: Any, indent: int) -> tuple[str, list[str]]:
    """The scalar's text after ``key:`` or ``-``, and the block lines that follow it."""
    if value is None:
        return "", []
    if value is True or value is False:
        return (" true" if value else " false"), []
    if isinstance(value, int):
        return f" {int(value)}", []
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _UnsureError
        return f" {value!r}", []
    if not isinstance(value, str) or not value or _OTHER_BREAKS.search(value):
        raise _UnsureError
    if block_exact(value):
        if value.endswith("\n\n"):
            raise _UnsureError  # keep chomping (|+): not in records
        hint = "|" if value.endswith("\n") else "|-"
        body = value[:-1] if value.endswith("\n") else value
        return " " + hint, _literal_lines(body, indent)
    if fold_exact(value):
        return " >-", _folded_lines(value, indent)
    return _inline(value), []


@functools.lru_cache(maxsize=1024)
def _plain_key(key: object) -> bool:
    """A key written plain: a field name that reads back as a string."""
    return isinstance(key, str) and _KEY.match(key) is not None and _plain_allowed(key)


def _mapping(data: Mapping[str, Any], indent: int, out: list[str], first: str | None) -> None:
    """Append a block mapping whose keys are at column ``indent``; ``first`` prefixes its first
    line instead of the indentation (a list item's dash)."""
    pad = " " * indent
    inner = indent + 2
    for key, value in data.items():
        if not _plain_key(key):
            raise _UnsureError
        if first is None:
            head = pad + key + ":"
        else:
            head, first = first + key + ":", None
        kind = type(value)
        if kind is str and len(value) <= FOLD_AFTER and "\n" not in value:
            out.append(head + _inline(value))  # most values: short one-line text
        elif kind is float and math.isfinite(value):
            out.append(f"{head} {value!r}")  # coordinates: thousands in a large record
        else:
            _value(head, value, inner, out)


def _value(head: str, value: Any, indent: int, out: list[str]) -> None:
    """Append ``head`` (``key:`` or ``-``) with its value; ``indent`` is the value's column."""
    kind = type(value)
    if kind is str and len(value) <= FOLD_AFTER and "\n" not in value:
        out.append(head + _inline(value))  # most values: short one-line text
    elif kind in _SCALARS:
        _scalar_value(head, value, indent, out)
    elif kind is dict or isinstance(value, Mapping):
        if not value:
            out.append(head + " {}")
        elif head.endswith("-"):
            _mapping(value, indent, out, head + " ")
        else:
            out.append(head)
            _mapping(value, indent, out, None)
    elif kind is list or isinstance(value, list | tuple):
        if not value:
            out.append(head + " []")
            return
        if head.endswith("-"):
            raise _UnsureError  # a list in a list: not in records, not worth matching
        out.append(head)
        dash = " " * indent + "-"
        for item in value:
            _value(dash, item, indent + 2, out)
    else:
        _scalar_value(head, value, indent, out)


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _scalar_value(head: str, value: Any, indent: int, out: list[str]) -> None:
    text, lines = _scalar(value, indent)
    if not text and head.endswith("-"):
        raise _UnsureError
    out.append(head + text)
    out.extend(lines)


def emit_yaml(data: Mapping[str, Any]) -> str | None:
    """A mapping of plain data as YAML text in the house style; None where only ruamel.yaml can
    promise the house bytes (the caller then uses it)."""
    out: list[str] = []
    try:
        _mapping(data, 0, out, None)
    except _UnsureError:
        return None
    out.append("")
    return "\n".join(out)
