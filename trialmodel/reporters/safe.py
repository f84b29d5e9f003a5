"""Control characters never reach a terminal, a log or a CI runner raw.

A record can hold a control character in a key or a value (written as a YAML escape, ``"\\e"``),
and a file name can hold one too. Printed raw, ``\\n::error file=...::`` becomes a GitHub workflow
command in a CI log, and ``\\x1b[...`` or ``\\r`` rewrite what a terminal shows. Every reporter
passes user text through these functions: each such character is shown as a visible escape.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["escape_controls", "escape_json", "escape_output"]

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the bidirectional
# embedding, override and isolate controls (they reorder what a terminal shows).
_CONTROL: Final = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_BUT_NEWLINE: Final = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
# What json.dumps leaves raw: it escapes C0 itself.
_JSON_RAW: Final = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SHORT: Final = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    short = _SHORT.get(char)
    if short is not None:
        return short
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` with every control character, line breaks included, as a visible escape
    (``\\n``, ``\\x1b``, ``\\u2028``): for one field of a one-line message."""
    return _CONTROL.sub(_escape, text)


def escape_output(text: str) -> str:
    """Rendered output with every control character but the line feeds between its lines shown
    as a visible escape (``\\r``, ``\\x1b``)."""
    return _CONTROL_BUT_NEWLINE.sub(_escape, text)


def escape_json(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with the control characters that
    ``json.dumps`` leaves raw (DEL, C1, separators, bidirectional controls) as ``\\uXXXX``; the
    result is the same JSON value."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
