"""The output formats of every command, declared once.

A plain module with no imports: the command-line parser takes its ``--format`` choices from here
without loading any renderer or output library (``trialmodel validate`` starts fast), and each
renderer checks its argument against the same tuple.
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "CATALOG",
    "CHANGES",
    "FINDINGS",
    "IMPORTS",
    "SITE",
    "TABLES",
    "ReportFormat",
    "TableFormat",
]

FINDINGS = ("text", "json", "github")
"""``trialmodel validate`` (``trialmodel.reporters.findings``)."""

CHANGES = ("text", "markdown", "json")
"""``trialmodel diff``, ``history`` and ``sync`` (``trialmodel.reporters.changes``)."""

IMPORTS = ("text", "json")
"""``trialmodel import`` (``trialmodel.reporters.imports``)."""

CATALOG = ("text", "json")
"""``trialmodel rules`` (``trialmodel.reporters.catalog``)."""

TableFormat = Literal["parquet", "csv"]
TABLES: tuple[TableFormat, ...] = ("parquet", "csv")
"""``trialmodel table`` (``trialmodel.outputs.tables``)."""

ReportFormat = Literal["html", "markdown"]
SITE: tuple[ReportFormat, ...] = ("html", "markdown")
"""``trialmodel report`` (``trialmodel.outputs.report``)."""
