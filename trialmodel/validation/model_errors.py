"""The model's validation errors as located findings, with hints that help fix them.

Codes are pydantic's error types (``missing``, ``extra_forbidden``, ``enum``…) and the model's own
(``nct_id_format``, ``partial_date``…). Paths read like the YAML; positions come from the loader's
source map: a missing key at its parent mapping, an unknown key at the key, anything else at the
value. Messages carry no pydantic URLs; hints come from ``difflib`` over the model's field names
and vocabularies.
"""

from __future__ import annotations

import difflib
import math
import re
import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from trialmodel.findings import MAX_FINDINGS_PER_CODE, Finding, Severity
from trialmodel.loading import SourceMap
from trialmodel.loading.core import format_path
from trialmodel.model.record import TrialRecord
from trialmodel.model.types import PARTIAL_DATE_PATTERN, python_regex
from trialmodel.model.vocab import Vocab

__all__ = ["model_findings"]

_DATE = python_regex(PARTIAL_DATE_PATTERN)


_MESSAGES = {
    "missing": "required field '{field}' is missing",
    "extra_forbidden": "unknown field",
    "model_type": "Input should be a mapping of fields",
    "dict_type": "Input should be a mapping",
}


def model_findings(
    exc: ValidationError, data: dict[str, Any], source_map: SourceMap, file: str
) -> list[Finding]:
    """Turn the model's validation errors into located findings, one per error.

    Past ``MAX_FINDINGS_PER_CODE`` findings of one code, the next one stands for each further
    error of that code (the same object, so a million errors cost a million references, not a
    million findings): ``cap_per_code`` counts them and shows only the first.
    """
    findings: list[Finding] = []
    counts: dict[str, int] = {}
    stand_in: dict[str, Finding] = {}
    for error in exc.errors(include_url=False, include_context=False):
        code = str(error["type"])
        counts[code] = counts.get(code, 0) + 1
        if code in stand_in:
            findings.append(stand_in[code])
            continue
        finding = _finding(error, code, data, source_map, file)
        if counts[code] > MAX_FINDINGS_PER_CODE:
            stand_in[code] = finding
        findings.append(finding)
    return findings


def _finding(
    error: Any, code: str, data: dict[str, Any], source_map: SourceMap, file: str
) -> Finding:
    """One validation error as a located finding."""
    path = _yaml_path(error["loc"], data)
    if code == "missing":
        line, column = source_map.locate(path[:-1], nearest=True)
    else:
        line, column = source_map.locate(path, key=code == "extra_forbidden", nearest=True)
    message = _MESSAGES.get(code, str(error["msg"]).replace(" after validation", ""))
    if code == "missing":
        message = message.format(field=path[-1] if path else "")
    if _says_what_it_got(code, error["input"]):
        message += f" (got {_describe(error['input'], ascii_only=code in _ASCII_CODES)})"
    hint = _hint(code, path, error["input"], data)
    return Finding(file, line, column, format_path(path), code, Severity.ERROR, message, hint)


def _says_what_it_got(code: str, value: Any) -> bool:
    if code in ("model_type", "dict_type"):
        return True
    return code not in _MESSAGES and not isinstance(value, list | dict)


def _yaml_path(loc: tuple[str | int, ...], data: Any) -> tuple[str | int, ...]:
    """Keep the parts of pydantic's ``loc`` that name a place in the data; drop its own tags."""
    kept: list[str | int] = []
    node = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(node, dict) and (part in node or last):
            node = node.get(part)
        else:
            continue  # a union or validator tag such as 'function-after[check(), str]'
        kept.append(part)
    return tuple(kept)


_ASCII_CODES = frozenset(
    {
        "enum",
        "literal_error",
        "nct_id_format",
        "partial_date",
        "age_format",
        "schema_version_format",
    }
)
"""Codes of values whose valid spellings are all ASCII: a non-ASCII letter in them (a Cyrillic
'Е' in 'SUSPЕNDED') is the mistake, and is shown escaped so that it can be seen."""


def _describe(value: Any, *, ascii_only: bool = False) -> str:
    """Say what a value was, the way YAML would write it; with ``ascii_only``, a string's
    non-ASCII characters escaped (``'SUSP\\u0415NDED'``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return ascii(shown) if ascii_only else repr(shown)
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    if isinstance(value, int | float):
        return repr(value)
    return "a list" if isinstance(value, list) else "a mapping"


def _hint(code: str, path: tuple[str | int, ...], value: Any, data: dict[str, Any]) -> str | None:
    suggestion: str | None = None
    if code == "extra_forbidden" and path and isinstance(path[-1], str):
        suggestion = _close_field(path, data)
    elif code == "enum" and isinstance(value, str):
        suggestion = _close_value(_type_at(path), value)
    elif code == "partial_date" and isinstance(value, str):
        padded = re.sub(r"-([0-9])(?=-|$)", r"-0\1", value)
        suggestion = padded if padded != value and _DATE.match(padded) else None
    elif code in _TYPE_HINTS and isinstance(value, str):
        return _TYPE_HINTS[code](value)
    elif code == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
        return f"quote it to keep it as text: '{value}'"
    return f"did you mean '{suggestion}'?" if suggestion else None


def _number_hint(value: str) -> str | None:
    if len(value) > _LONGEST_NUMBER:
        # Unquoted or not, digits past Python's limit stay text (trialmodel.loading.scalars).
        return f"a number of {len(value):,} characters is read as text: no value needs so many"
    try:
        float(value)
    except ValueError:
        return None
    return f"write the number without quotes: {value.strip()}"


_LONGEST_NUMBER = 100


def _bool_hint(value: str) -> str | None:
    word = {"yes": "true", "on": "true", "no": "false", "off": "false"}.get(value.lower())
    if word:
        return f"write {word}: YAML 1.2 reads {value} as text, YAML 1.1 as a boolean"
    if value.lower() in ("true", "false"):
        return f"write {value.lower()} without quotes"
    return "write true or false"


_TYPE_HINTS = {"int_type": _number_hint, "float_type": _number_hint, "bool_type": _bool_hint}


def _close_field(path: tuple[str | int, ...], data: dict[str, Any]) -> str | None:
    """The model's field at ``path[:-1]`` closest to the unknown key ``path[-1]``, if any."""
    model = _type_at(path[:-1])
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return None
    parent: Any = data
    for part in path[:-1]:
        parent = parent[part]
    unused = [name for name in model.model_fields if name not in parent]
    return _closest(str(path[-1]), unused)


def _close_value(vocab: Any, value: str) -> str | None:
    """The allowed value closest to ``value``: 'Active, not recruiting' -> ACTIVE_NOT_RECRUITING."""
    if not (isinstance(vocab, type) and issubclass(vocab, Vocab)):
        return None
    normalised = re.sub(r"[^0-9A-Z]+", "_", value.upper()).strip("_")
    return _closest(normalised, [member.value for member in vocab])


def _closest(word: str, choices: list[str]) -> str | None:
    matches = difflib.get_close_matches(word, choices, n=1)
    return matches[0] if matches else None


def _type_at(path: tuple[str | int, ...]) -> Any:
    """The type the model expects at ``path``, with Optional, Annotated and lists unwrapped."""
    current: Any = TrialRecord
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            current = get_args(current)[0] if get_origin(current) is list else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            current = field.annotation if field is not None else None
        else:
            return None
    return _unwrap(current)


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            options = [a for a in get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                return annotation
            annotation = options[0]
        else:
            return annotation
