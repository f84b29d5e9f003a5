"""The import report of ``trialmodel import ctgov`` as text or JSON.

Text, per study: where it came from and went, the registry paths with no place in the record (a
loss), and those skipped by design; then, once, why each skipped path is skipped::

    NCT00763412.json: NCT00763412 -> records/NCT00763412.yaml
      no place in the record: nothing (every registry value is kept or skipped)
      skipped by design: 8 registry paths, 713 values
        derivedSection.conditionBrowseModule.ancestors: 6
        ...
      needs review: eligibility.inclusion
    skipped by design, and why:
      derivedSection.conditionBrowseModule.ancestors: derived by the registry from the MeSH ...

With several files (or a study that did not import, with ``--keep-going``) the text ends with the
totals, and per registry path the values lost and skipped over all studies::

    totals: 11 files, 11 studies, 11 written, 0 not imported
      no place in the record, in any study: nothing
      skipped by design: 14 registry paths, 4411 values
        derivedSection.conditionBrowseModule.ancestors: 140 values in 10 studies
        ...

JSON is `trialmodel.ctgov.import_report` with ``format_version`` (2) added; a change that removes
or renames a field, or changes its meaning, bumps it. Version 2: ``unmapped`` holds only the paths
with no place in the record; paths skipped by design moved to ``skipped``, with ``skip_reasons``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from trialmodel import formats
from trialmodel.reporters.safe import escape_json, escape_output

if TYPE_CHECKING:
    from trialmodel.ctgov.report import ImportReport, PathTotal, Totals

__all__ = ["JSON_FORMAT_VERSION", "render"]

FORMATS = formats.IMPORTS
"""The output formats ``render`` knows."""

JSON_FORMAT_VERSION = 2
"""Version of the JSON import report."""


def render(report: ImportReport, output_format: str = "text") -> str:
    """Render an import report (`trialmodel.ctgov.import_report`) in one of ``FORMATS``."""
    if output_format == "json":
        data = {"format_version": JSON_FORMAT_VERSION, **report}
        return escape_json(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    if output_format == "text":
        return escape_output("".join(f"{line}\n" for line in _text(report)))
    raise ValueError(f"unknown format {output_format!r}; expected one of {', '.join(FORMATS)}")


def _paths(heading: str, counts: dict[str, int], values: int) -> Iterator[str]:
    if counts:
        yield f"  {heading}: {len(counts)} registry path{'s' * (len(counts) != 1)}, {values} values"
        yield from (f"    {path}: {n}" for path, n in counts.items())


def _text(report: ImportReport) -> Iterator[str]:
    for entry in report["files"]:
        for study in entry["studies"]:
            yield f"{entry['file']}: {study['nct_id']} -> {study['record'] or '(not written)'}"
            unmapped, values = study["unmapped"], study["unmapped_values"]
            if unmapped:
                yield from _paths("no place in the record (lost)", unmapped, values)
            else:
                yield "  no place in the record: nothing (every registry value is kept or skipped)"
            yield from _paths("skipped by design", study["skipped"], study["skipped_values"])
            if study["needs_review"]:
                yield f"  needs review: {', '.join(study['needs_review'])}"
    if report.get("skip_reasons"):
        yield "skipped by design, and why:"
        yield from (f"  {path}: {why}" for path, why in report["skip_reasons"].items())
    totals = report.get("totals")
    if totals and (totals["files"] > 1 or totals["not_imported"]):
        yield from _totals(totals)


def _totals(totals: Totals) -> Iterator[str]:
    """The run's totals: counts, then per registry path the values lost and skipped."""
    files = totals["files"]
    yield (
        f"totals: {files} file{'s' * (files != 1)}, {_studies(totals['studies'])}, "
        f"{totals['written']} written, {totals['not_imported']} not imported"
    )
    if totals["unmapped"]:
        lost = ("no place in the record (lost)", totals["unmapped"], totals["unmapped_values"])
        yield from _path_totals(*lost)
    else:
        yield "  no place in the record, in any study: nothing"
    if totals["skipped"]:
        yield from _path_totals("skipped by design", totals["skipped"], totals["skipped_values"])


def _path_totals(heading: str, paths: dict[str, PathTotal], values: int) -> Iterator[str]:
    yield f"  {heading}: {len(paths)} registry path{'s' * (len(paths) != 1)}, {values} values"
    for path, t in paths.items():
        yield f"    {path}: {t['values']} values in {_studies(t['studies'])}"


def _studies(n: int) -> str:
    return f"{n} stud{'y' if n == 1 else 'ies'}"
