"""Plain scalars: the YAML 1.2 core schema, and where YAML 1.1 readers read them differently.

Quoted scalars are always strings. A plain scalar that YAML 1.1 readers (PyYAML and most other
tools) read as something else gets a warning, because records are read by other tools too.
"""

from __future__ import annotations

import math
import re
from typing import Any, Final

__all__ = ["NUMBER_START", "ODD_WORDS", "resolve_plain", "yaml11_problem"]

# --- scalars ------------------------------------------------------------------------------------

_MISSING: Final = object()
_WORDS: Final[dict[str, Any]] = {
    "": None, "~": None, "null": None, "Null": None, "NULL": None,
    "true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False,
    ".inf": math.inf, ".Inf": math.inf, ".INF": math.inf,
    "+.inf": math.inf, "+.Inf": math.inf, "+.INF": math.inf,
    "-.inf": -math.inf, "-.Inf": -math.inf, "-.INF": -math.inf,
    ".nan": math.nan, ".NaN": math.nan, ".NAN": math.nan,
}  # fmt: skip
NUMBER_START: Final = frozenset("0123456789+-.")
"""A plain scalar that starts otherwise is a number to no YAML reader."""
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_MAX_INT_DIGITS: Final = 4000  # Python refuses to convert longer digit strings


def resolve_plain(value: str) -> Any:
    """A plain scalar by the YAML 1.2 core schema: None, bool, int, float, or the string itself."""
    word = _WORDS.get(value, _MISSING)
    if word is not _MISSING:
        return word
    if value[0] not in NUMBER_START or len(value) > _MAX_INT_DIGITS:
        return value
    if _INT.fullmatch(value):
        return int(value)
    if value.startswith("0o") and len(value) > 2 and all(c in "01234567" for c in value[2:]):
        return int(value[2:], 8)
    if value.startswith("0x") and len(value) > 2 and all(c in _HEX for c in value[2:]):
        return int(value[2:], 16)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


_HEX: Final = frozenset("0123456789abcdefABCDEF")


def _case_variants(word: str) -> set[str]:
    """Every upper/lower-case spelling of ``word``."""
    variants = {""}
    for char in word:
        variants = {v + c for v in variants for c in {char.lower(), char.upper()}}
    return variants


ODD_WORDS: Final = frozenset(_WORDS) | frozenset(
    v for word in ("y", "n", "yes", "no", "on", "off") for v in _case_variants(word)
)
"""Words that are not strings here or to YAML 1.1 readers (null, true, yes, off, ~, ...)."""

# --- YAML 1.1 readers ---------------------------------------------------------------------------

_YAML11_BOOL: Final = frozenset({"y", "n", "yes", "no", "on", "off"})
_YAML11_OCTAL = re.compile(r"[-+]?0[0-9]+")
_YAML11_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?"
)
# PyYAML's YAML 1.1 float: a dot is required and the exponent needs a sign.
_YAML11_FLOAT = re.compile(
    r"[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
)
_FLOAT_PARTS = re.compile(r"([-+]?)([0-9]*)\.?([0-9]*)(?:[eE]([-+]?)([0-9]+))?")


def yaml11_problem(value: str) -> tuple[str, str, str] | None:
    """(code, message, hint) when YAML 1.1 readers read this plain scalar differently, else None."""
    if not value or (value[0] not in NUMBER_START and value not in ODD_WORDS):
        return None
    quoted = f"'{value}'"
    if value in ODD_WORDS and value.lower() in _YAML11_BOOL:
        return (
            "yaml11_boolean",
            f"unquoted {value} is the string {quoted} here, but a boolean to YAML 1.1 readers",
            f"quote it: {quoted}",
        )
    if _YAML11_OCTAL.fullmatch(value):
        # Past Python's digit limit the scalar stays a string here (see resolve_plain).
        here = "the string" if len(value) > _MAX_INT_DIGITS else f"the integer {int(value)}"
        return (
            "yaml11_octal",
            f"unquoted {_shorten(value)} is {here} here, but YAML 1.1 readers read a "
            "leading zero as octal (or a string)",
            f"quote it ({_shorten(quoted)}) or drop the leading zero",
        )
    if _YAML11_TIMESTAMP.fullmatch(value):
        return (
            "yaml11_timestamp",
            f"unquoted {value} is the string {quoted} here, but a date to YAML 1.1 readers",
            f"quote it: {quoted}",
        )
    float_here = _FLOAT.fullmatch(value) and not _INT.fullmatch(value)
    if float_here and not _YAML11_FLOAT.fullmatch(value):
        return (
            "yaml11_float",
            f"unquoted {_shorten(value)} is a number here, but a string to YAML 1.1 readers",
            f"write {_shorten(_yaml11_float(value))}",
        )
    return None


def _shorten(text: str) -> str:
    """A scalar as a message shows it: long ones cut in the middle, so a message stays a line."""
    return text if len(text) <= _SHOWN else f"{text[:30]}…({len(text)} characters)…{text[-10:]}"


_SHOWN: Final = 60


def _yaml11_float(value: str) -> str:
    """The same number in a form YAML 1.1 readers also read as a float: 1e6 -> 1.0e+6."""
    match = _FLOAT_PARTS.fullmatch(value)
    if match is None:  # pragma: no cover - only called on core-schema floats
        return value
    sign, whole, fraction, exp_sign, exponent = match.groups()
    text = f"{sign}{whole or '0'}.{fraction or '0'}"
    if exponent is not None:
        text += f"e{exp_sign or '+'}{exponent}"
    return text
