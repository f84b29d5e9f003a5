"""A record's acknowledgments applied to its findings: accepted warnings, and stale acknowledgments.

A curator who has checked a warning and found the record right says so in the record
(``provenance.acknowledgments``: code, path, reason). The matching warning is still reported, as
acknowledged and with the reason, but no longer fails ``--strict``. Errors cannot be acknowledged.
An acknowledgment that matches no warning is itself a warning, ``acknowledgment_unused``, so a
fixed record does not keep an explanation of a problem it no longer has.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Sequence

from trialmodel.findings import Finding, Severity
from trialmodel.loading import SourceMap
from trialmodel.loading.core import format_path
from trialmodel.model.people import Acknowledgment

__all__ = ["acknowledge"]

UNUSED = "acknowledgment_unused"
"""The code of an acknowledgment that matches no warning."""


def acknowledge(
    findings: Sequence[Finding],
    acknowledgments: Sequence[Acknowledgment],
    source_map: SourceMap,
    file: str,
) -> list[Finding]:
    """``findings`` with acknowledged warnings marked, and a warning per unused acknowledgment."""
    by_place = {(a.code, a.path): (i, a) for i, a in enumerate(acknowledgments)}
    used: set[int] = set()
    result: list[Finding] = []
    for finding in findings:
        match = by_place.get((finding.code, finding.path))
        if match is not None and finding.severity is Severity.WARNING:
            used.add(match[0])
            finding = dataclasses.replace(finding, acknowledged=match[1].reason)
        result.append(finding)
    for index, ack in enumerate(acknowledgments):
        if index not in used:
            result.append(_unused(ack, index, findings, source_map, file))
    return result


def _unused(
    ack: Acknowledgment, index: int, findings: Sequence[Finding], source_map: SourceMap, file: str
) -> Finding:
    path = ("provenance", "acknowledgments", index)
    line, column = source_map.locate(path)
    message = f"acknowledges {ack.code} at {ack.path or '(the file)'}, which is not reported there"
    hint = _hint(ack, findings)
    return Finding(file, line, column, format_path(path), UNUSED, Severity.WARNING, message, hint)


def _hint(ack: Acknowledgment, findings: Sequence[Finding]) -> str:
    places = {(f.code, f.path): f for f in findings}
    same = places.get((ack.code, ack.path))
    if same is not None:  # only an error can be here: a warning would have matched
        return "an error cannot be acknowledged: fix the record"
    paths = [f.path for f in findings if f.code == ack.code and f.severity is Severity.WARNING]
    close = difflib.get_close_matches(ack.path, paths, n=1)
    if close:
        return f"did you mean path '{close[0]}'?"
    codes = sorted({f.code for f in findings if f.path == ack.path})
    close = difflib.get_close_matches(ack.code, codes, n=1)
    if close:
        return f"did you mean code '{close[0]}'?"
    return "the warning is gone: remove the acknowledgment"
