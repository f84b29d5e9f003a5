"""Registry JSON bytes -> the studies in them: a single study, or a page of studies.

JSON is hostile input like any other: nesting deeper than a study needs and whole numbers longer
than any count are refused as errors naming the file, never a RecursionError or ValueError.
"""

from __future__ import annotations

import json

from trialmodel.ctgov.reader import CtgovError, kind_of

MAX_JSON_DEPTH = 64
"""Deepest nesting of objects and lists read (a registry study needs about ten levels)."""

MAX_DIGITS = 100
"""Longest whole number read from JSON, in digits (Python refuses over 4300 with a ValueError)."""


def _whole_number(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise CtgovError("", f"a number of {len(text.lstrip('-'))} digits; not registry data")
    return int(text)


def too_deep(doc: object, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when ``doc`` nests objects and lists deeper than ``limit`` (found without recursion)."""
    stack: list[tuple[object, int]] = [(doc, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: list[object] = list(value.values())
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
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
