"""The import report of ``trialmodel import ctgov`` as text or JSON.

Text, per study: where it came from and went, and the registry paths with no home in the model::

    NCT00973089.json: NCT00973089 -> records/NCT00973089.yaml
      not mapped: 8 registry paths, 38 values
        derivedSection.conditionBrowseModule: 25
        ...
      needs review: eligibility.inclusion

With several files (or a study that did not import, with ``--keep-going``) the text ends with the
totals, and the registry paths not mapped over all studies::

    totals: 11 files, 12 studies, 12 written, 0 not imported
      not mapped: 9 registry paths, 1234 values
        derivedSection.conditionBrowseModule: 301 values in 12 studies
        ...

JSON is `trialmodel.ctgov.import_report` with ``format_version`` (1) added; a change that removes
or renames a field bumps it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

FORMATS = ("text", "json")
"""The output formats ``render`` knows."""

JSON_FORMAT_VERSION = 1
"""Version of the JSON import report."""


def render(report: dict[str, Any], output_format: str = "text") -> str:
    """Render an import report (`trialmodel.ctgov.import_report`) in one of ``FORMATS``."""
    if output_format == "json":
        data = {"format_version": JSON_FORMAT_VERSION, **report}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if output_format == "text":
        return "".join(f"{line}\n" for line in _text(report))
    raise ValueError(f"unknown format {output_format!r}; expected one of {', '.join(FORMATS)}")


def _text(report: dict[str, Any]) -> Iterator[str]:
    for entry in report["files"]:
        for study in entry["studies"]:
            yield f"{entry['file']}: {study['nct_id']} -> {study['record'] or '(not written)'}"
            count = len(study["unmapped"])
            yield (
                f"  not mapped: {count} registry path{'s' * (count != 1)}, "
                f"{study['unmapped_values']} values"
            )
            yield from (f"    {path}: {n}" for path, n in study["unmapped"].items())
            if study["needs_review"]:
                yield f"  needs review: {', '.join(study['needs_review'])}"
    totals = report.get("totals")
    if totals and (totals["files"] > 1 or totals["not_imported"]):
        yield from _totals(totals)


def _totals(totals: dict[str, Any]) -> Iterator[str]:
    """The run's totals: counts, then every registry path not mapped, over all studies."""
    files = totals["files"]
    yield (
        f"totals: {files} file{'s' * (files != 1)}, {_studies(totals['studies'])}, "
        f"{totals['written']} written, {totals['not_imported']} not imported"
    )
    paths = totals["unmapped"]
    yield (
        f"  not mapped: {len(paths)} registry path{'s' * (len(paths) != 1)}, "
        f"{totals['unmapped_values']} values"
    )
    for path, t in paths.items():
        yield f"    {path}: {t['values']} values in {_studies(t['studies'])}"


def _studies(n: int) -> str:
    return f"{n} stud{'y' if n == 1 else 'ies'}"
