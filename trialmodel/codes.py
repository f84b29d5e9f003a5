"""Every finding code ``validate`` can report, and the check of ``--select``/``--ignore`` codes.

A code in a filter that no finding can carry (a typo, an empty value) would silently turn the
filter into "report nothing" and a broken run into a pass: it is a usage error instead, with a
did-you-mean. Config files and other front ends check their code lists here too.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import cache
from typing import Final, get_args

LOADER_CODES: Final = (
    "io_error",
    "file_too_large",
    "yaml_syntax",
    "yaml_duplicate_key",
    "yaml_alias",
    "yaml_tag",
    "yaml_directive",
    "yaml_multiple_documents",
    "yaml_not_mapping",
    "yaml_empty",
    "yaml_tab",
    "yaml_encoding",
    "yaml_key_type",
    "yaml_too_deep",
    "yaml_too_many_nodes",
    "control_character",
    "yaml11_boolean",
    "yaml11_octal",
    "yaml11_timestamp",
    "yaml11_float",
)
"""The loader's codes (``trialmodel.loading``)."""

VALIDATION_CODES: Final = (
    "internal_error",
    "schema_version_unsupported",
    "nct_id_format",
    "partial_date",
    "age_format",
    "schema_version_format",
    "blank_string",
    "null_value",
)
"""Codes of the validator itself and of the model's own types (``trialmodel.model.types``)."""


@cache
def known_codes() -> frozenset[str]:
    """Every code a finding of ``validate`` can carry: the loader's, the model's (pydantic's error
    types and the domain types'), the rules' and the validator's own."""
    from pydantic_core.core_schema import ErrorType

    from trialmodel.rules import RULES

    pydantic_types = {str(name) for name in get_args(ErrorType)}
    rules = {rule.code for rule in RULES}
    return frozenset(LOADER_CODES) | frozenset(VALIDATION_CODES) | pydantic_types | rules


def selector_problems(selectors: Iterable[str], option: str = "--select") -> list[str]:
    """What is wrong with the codes given to ``option``: an empty list, and each code that names
    no known code (exactly, or as a prefix ending in ``_``), with a did-you-mean."""
    given = list(selectors)
    if not given:
        return [f"{option} needs at least one code"]
    codes = known_codes()
    problems = []
    for selector in given:
        if _selects_something(selector, codes):
            continue
        close = difflib.get_close_matches(selector, sorted(codes), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        problems.append(f"{option}: unknown code '{selector}'{hint}")
    return problems


def _selects_something(selector: str, codes: frozenset[str]) -> bool:
    """True when ``selector`` is a known code, or a prefix ending in ``_`` of one."""
    if selector in codes:
        return True
    return selector.endswith("_") and any(code.startswith(selector) for code in codes)
