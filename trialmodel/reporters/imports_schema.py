"""The JSON Schema of ``trialmodel import ctgov --format json`` (described in ``docs/import.md``).

``schemas/import-report.schema.json`` is generated from ``build_import_report_schema`` by
``trialmodel schema``. The data is ``trialmodel.ctgov.import_report`` with ``format_version``
added by ``trialmodel.reporters.imports``; a test holds the two together.
"""

from __future__ import annotations

from trialmodel.reporters.imports import JSON_FORMAT_VERSION
from trialmodel.reporters.schema_parts import DIALECT, Json, closed_object, count, typed

__all__ = ["build_import_report_schema"]

SCHEMA_ID = f"urn:trialmodel:schema:import-report:{JSON_FORMAT_VERSION}"
REGISTRY_PATH = "^[A-Za-z]+(\\[\\])?(\\.[A-Za-z]+(\\[\\])?)*$"
"""A registry field path as the report writes it (``protocolSection.x.locations[].geoPoint``)."""


def _study() -> Json:
    return closed_object(
        "One study of a registry file and what became of it.",
        {
            "nct_id": typed("string", "The study's NCT id.", pattern="^NCT[0-9]{8}$"),
            "record": typed(["string", "null"], "The record file written, or null if none was."),
            "mapped_values": count("Registry values the record holds."),
            "unmapped": {
                "description": "Registry paths with no place in the record (a loss), with how "
                "many values each held: nothing is dropped silently.",
                "type": "object",
                "propertyNames": {"pattern": REGISTRY_PATH},
                "additionalProperties": {"type": "integer", "minimum": 1},
            },
            "unmapped_values": count("The sum of the unmapped counts."),
            "skipped": {
                "description": "Registry paths the record leaves out by design (the reasons are "
                "in skip_reasons), with how many values each held.",
                "type": "object",
                "propertyNames": {"pattern": REGISTRY_PATH},
                "additionalProperties": {"type": "integer", "minimum": 1},
            },
            "skipped_values": count("The sum of the skipped counts."),
            "needs_review": {
                "description": "Record paths filled by the importer that a curator should check.",
                "type": "array",
                "items": {"type": "string"},
            },
        },
    )


def _path_counts(description: str, item: Json) -> Json:
    return {
        "description": description,
        "type": "object",
        "propertyNames": {"pattern": REGISTRY_PATH},
        "additionalProperties": item,
    }


def _path_total() -> Json:
    return closed_object(
        "One registry path over the run.",
        {
            "studies": typed("integer", "Studies holding it.", minimum=1),
            "values": typed("integer", "Values it held.", minimum=1),
        },
    )


def _totals() -> Json:
    return closed_object(
        "Totals over every file of the run.",
        {
            "files": count("Files read."),
            "studies": count("Studies imported."),
            "written": count("Records written."),
            "not_imported": count("Files and studies that did not import (`not_imported`)."),
            "unmapped": _path_counts(
                "Per registry path with no place in the record (a loss): in how many studies it "
                "held how many values.",
                _path_total(),
            ),
            "unmapped_values": count("The sum of the unmapped values."),
            "skipped": _path_counts(
                "Per registry path skipped by design (`skip_reasons`): in how many studies it held "
                "how many values.",
                _path_total(),
            ),
            "skipped_values": count("The sum of the skipped values."),
        },
    )


def _not_imported() -> Json:
    return closed_object(
        "A file, or a study of a file, that did not import (with --keep-going the others were "
        "written).",
        {
            "file": typed("string", "The file, as given on the command line."),
            "path": typed(
                "string",
                "Where in the file: a registry path, from the study of a page "
                "(`studies[2].protocolSection...`); empty for the whole file.",
            ),
            "message": typed("string", "What is wrong."),
        },
    )


def build_import_report_schema() -> Json:
    """The JSON Schema (draft 2020-12) of the import report, as a dict."""
    root = closed_object(
        "The report of `trialmodel import ctgov --format json`: per registry file, per study, the "
        "record written, every registry path with no place in the record and every path skipped "
        "by design, with the reasons. format_version changes when a field "
        "is removed, renamed or changes meaning; added fields do not change it.",
        {
            "format_version": {
                "description": "Version of this contract.",
                "const": JSON_FORMAT_VERSION,
            },
            "files": {
                "type": "array",
                "items": closed_object(
                    "One registry file read.",
                    {
                        "file": typed("string", "The file, as given on the command line."),
                        "studies": {"type": "array", "items": _study()},
                    },
                ),
            },
            "skip_reasons": {
                "description": "Why each registry path skipped by design in this report is left "
                "out of the record.",
                "type": "object",
                "propertyNames": {"pattern": REGISTRY_PATH},
                "additionalProperties": {"type": "string"},
            },
            "not_imported": {"type": "array", "items": _not_imported()},
            "totals": _totals(),
        },
    )
    return {
        "$schema": DIALECT,
        "$id": SCHEMA_ID,
        "$comment": "Generated by `trialmodel schema`; do not edit by hand.",
        "title": f"trialmodel import report, format {JSON_FORMAT_VERSION}",
        **root,
    }
