"""``trialmodel table``, ``trialmodel report`` and ``trialmodel export fhir``: outputs for people
and systems downstream. Each needs its optional extra; a missing one is a message, not a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from trialmodel import formats
from trialmodel.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

if TYPE_CHECKING:
    from trialmodel.outputs.collect import TrialHistory

__all__ = ["REPORT_FORMATS", "TABLE_FORMATS", "run_fhir"]

Writer = Callable[[Sequence["TrialHistory"]], list[Path]]

# From trialmodel.formats (no imports), so that building the parser loads no output module.
TABLE_FORMATS = formats.TABLES
REPORT_FORMATS = formats.SITE
EXTRAS = {"table": "tables", "report": "report", "export": "fhir"}


def _inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="record files or folders of records"
    )
    parser.add_argument("--out", required=True, type=Path, metavar="DIR", help="output folder")
    parser.add_argument("--force", action="store_true", help="replace output files that exist")


def add_table(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``trialmodel table PATH... --out DIR [--format parquet|csv]``."""
    parser = sub.add_parser(
        "table",
        help="write analysis tables (Parquet or CSV) of records and their versions",
        description="Write one table per entity (trials, arms, interventions, dose_levels, "
        "outcomes, locations, sponsors, versions, changes) into DIR, as Parquet or CSV; "
        "docs/tables.md is the data dictionary. Earlier versions of DIR/<NCT>.yaml are read from "
        "DIR/history/<NCT>/. Needs the extra trialmodel[tables] for Parquet. Exit codes: 0 "
        "written, 2 usage error, a record that does not validate, or a file that exists (--force).",
    )
    _inputs(parser)
    parser.add_argument(
        "--format",
        dest="output_format",
        choices=TABLE_FORMATS,
        default="parquet",
        help="file format (default: parquet)",
    )
    parser.set_defaults(handler=_run_table)


def add_report(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``trialmodel report PATH... --out DIR [--format html|markdown]``."""
    parser = sub.add_parser(
        "report",
        help="write a static report (an offline site, or one Markdown file) of records",
        description="Write an offline static site into DIR: index.html, a sortable and "
        "filterable list of trials, and one page per trial with its card and its history as "
        "pictures (plain SVG). --format markdown writes DIR/report.md instead. Needs the extra "
        "trialmodel[report]. Exit codes: 0 written, 2 usage error, a record that does not "
        "validate, or a file that exists (--force).",
    )
    _inputs(parser)
    parser.add_argument(
        "--format",
        dest="output_format",
        choices=REPORT_FORMATS,
        default="html",
        help="html (default) or markdown",
    )
    parser.set_defaults(handler=_run_report)


def _fail(command: str, message: object) -> int:
    print(f"trialmodel {command}: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def run_output(args: argparse.Namespace, write: Writer) -> int:
    """Read the records, then write the output; every problem is a message and exit 2."""
    from trialmodel.outputs import OutputError
    from trialmodel.outputs.collect import collect

    collected = collect(args.paths)
    for error in collected.errors:
        _fail(args.command, error)
    if collected.errors:
        return EXIT_USAGE
    try:
        written = write(collected.trials)
    except ModuleNotFoundError as exc:
        extra = EXTRAS[args.command]
        return _fail(
            args.command, f"{exc.name} is not installed: pip install 'trialmodel[{extra}]'"
        )
    except OSError as exc:  # OutputExistsError among them
        return _fail(args.command, exc)
    except OutputError as exc:
        _fail(args.command, exc)
        return EXIT_PROBLEMS
    files, count = len(written), len(collected.trials)
    print(
        f"wrote {files} file{'s' if files != 1 else ''} for {count} "
        f"trial{'s' if count != 1 else ''} to {args.out}"
    )
    return EXIT_OK


def _run_table(args: argparse.Namespace) -> int:
    def write(trials: Sequence[TrialHistory]) -> list[Path]:
        from trialmodel.outputs.tables.writing import write_tables

        paths = write_tables(trials, args.out, args.output_format, force=args.force)
        return list(paths.values())

    return run_output(args, write)


def _run_report(args: argparse.Namespace) -> int:
    def write(trials: Sequence[TrialHistory]) -> list[Path]:
        from trialmodel.outputs.report import write_report

        return write_report(trials, args.out, args.output_format, force=args.force)

    return run_output(args, write)


def run_fhir(args: argparse.Namespace) -> int:
    """``trialmodel export fhir PATH... --out DIR``: one FHIR R5 Bundle per record."""

    def write(trials: Sequence[TrialHistory]) -> list[Path]:
        from trialmodel.outputs.fhir import write_bundles

        return write_bundles(trials, args.out, force=args.force)

    return run_output(args, write)
