"""``trialmodel import ctgov`` and ``trialmodel export ctgov``: records to and from the registry."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from trialmodel import formats
from trialmodel.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

if TYPE_CHECKING:
    from trialmodel.ctgov import ImportedStudy

__all__: list[str] = []


def add_import(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``trialmodel import ctgov FILE... --out DIR | --update DIR``: records from registry JSON."""
    parser = sub.add_parser(
        "import",
        help="make records from ClinicalTrials.gov API v2 JSON, or update records with it",
        description="Import ClinicalTrials.gov API v2 JSON (a study, or a page of studies) as "
        "records DIR/<NCT id>.yaml, listing every registry path the record has no home for; or, "
        "with --update, apply a newer registry version to the curated records in DIR (found by "
        "the NCT id they hold), keeping the curation and the previous version "
        "(DIR/history/<record id>/<date>.yaml). Nothing is "
        "written unless every study imports (--keep-going: the others are written) and every "
        "record can be updated. Exit codes: 0 done, 1 a written record has validation errors or "
        "(--keep-going) a study did not import, 2 usage error, unreadable input, a file that "
        "exists (--force), or an update refused (the reasons are printed).",
    )
    parser.add_argument("source", choices=("ctgov",), help="the registry format")
    parser.add_argument("files", nargs="+", metavar="FILE", help="registry JSON files")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", metavar="DIR", help="write new records into DIR")
    target.add_argument("--update", metavar="DIR", help="update the records in DIR")
    parser.add_argument(
        "--force",
        action="store_true",
        help="overwrite existing records; with --update, file a previous version beside a "
        "different one of the same date (history is never overwritten)",
    )
    parser.add_argument(
        "--keep-going",
        action="store_true",
        help="with --out: write the studies that import, report the others, and exit 1",
    )
    parser.add_argument(
        "--format",
        dest="output_format",
        choices=formats.IMPORTS,
        default="text",
        help="the import report (with --update, the change report) as text or JSON",
    )
    parser.set_defaults(handler=_run_import)


def _import_error(message: object, command: str = "import") -> int:
    """Print an error of ``import`` or ``export``; return the usage exit code."""
    print(f"trialmodel {command}: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _run_import(args: argparse.Namespace) -> int:
    """Import into new records (--out), or update curated ones (--update, all or nothing)."""
    from pathlib import Path

    if args.update is not None:
        if args.keep_going:
            return _import_error("--keep-going applies to --out only")
        from trialmodel.ctgov import import_files

        studies, errors = import_files([Path(f) for f in args.files])
        for error in errors:
            _import_error(error)
        return EXIT_USAGE if errors else _run_update(studies, Path(args.update), args)
    return _run_new(args)


def _run_new(args: argparse.Namespace) -> int:
    """Import every study into a new record; report; print the written records' findings."""
    from pathlib import Path

    from trialmodel.ctgov.batch import import_batch
    from trialmodel.reporters import imports
    from trialmodel.reporters.findings import render
    from trialmodel.writing import OverwriteRefusedError

    # What is loaded by now (modules, the model's classes) outlives the import: the garbage
    # collector's full passes need not look at it during the import (a few per cent of it). Unfrozen
    # after, so a process that calls main() in-process (tests, scripts) is left as it was.
    gc.freeze()
    try:
        result = import_batch(
            [Path(f) for f in args.files],
            Path(args.out),
            force=args.force,
            keep_going=args.keep_going,
        )
    except (OverwriteRefusedError, OSError) as exc:
        return _import_error(exc)
    finally:
        gc.unfreeze()
    for error in result.errors:
        _import_error(error)
    if result.errors and not args.keep_going:
        return EXIT_USAGE
    sys.stdout.write(imports.render(result.report(), args.output_format))
    checked = result.validation
    if checked.errors or checked.warnings:
        sys.stderr.write(render(checked, "text"))
    return EXIT_PROBLEMS if checked.errors or result.errors else EXIT_OK


def _run_update(studies: list[ImportedStudy], folder: Path, args: argparse.Namespace) -> int:
    """Update the records (all or none), print the change report, validate what was updated."""
    from trialmodel.findings import Report
    from trialmodel.reporters import changes
    from trialmodel.reporters.findings import render
    from trialmodel.updating import UpdateError, change_report, update_records
    from trialmodel.writing import OverwriteRefusedError

    try:
        updates = update_records(studies, folder, force=args.force)
    except UpdateError as exc:
        for problem in exc.problems:
            _import_error(problem)
        if exc.reports:
            sys.stderr.write(render(Report(exc.reports), "text"))
        return EXIT_USAGE
    except (OverwriteRefusedError, OSError) as exc:
        return _import_error(exc)
    for update in updates:
        for note in update.notes:
            print(f"trialmodel import: note: {update.record_path}: {note}", file=sys.stderr)
    sys.stdout.write(changes.render(change_report(updates), args.output_format))
    return _check_written([u.record_path for u in updates])


def _check_written(paths: list[Path]) -> int:
    """Validate the records the command wrote (or updated): exit 1 when one has errors."""
    from trialmodel.reporters.findings import render
    from trialmodel.validation.files import validate_serially as validate_paths

    checked = validate_paths(paths)
    if checked.errors or checked.warnings:
        sys.stderr.write(render(checked, "text"))
    return EXIT_PROBLEMS if checked.errors else EXIT_OK


def add_export(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``trialmodel export ctgov RECORD`` or ``trialmodel export fhir PATH... --out DIR``."""
    parser = sub.add_parser(
        "export",
        help="write a record as ClinicalTrials.gov API v2 JSON, or records as FHIR R5 Bundles",
        description="ctgov: write the registry fields of a valid record in the ClinicalTrials.gov "
        "API v2 study shape (to standard output, or --out FILE); exit 0 written, 1 the record "
        "has validation errors, 2 usage error, unreadable input, or FILE exists (--force). "
        "fhir: write each record (files or folders) as an HL7 FHIR R5 Bundle DIR/<NCT id>.json, "
        "checked with fhir.resources (the extra trialmodel[fhir]); exit 0 written, 2 usage "
        "error, a record that does not validate, or a file that exists (--force).",
    )
    parser.add_argument("source", choices=("ctgov", "fhir"), help="the output format")
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="ctgov: one record file; fhir: records or folders"
    )
    parser.add_argument("--out", metavar="FILE|DIR", help="ctgov: a file; fhir: a folder")
    parser.add_argument("--force", action="store_true", help="replace output files that exist")
    parser.set_defaults(handler=_run_export, parser=parser)


def _run_export(args: argparse.Namespace) -> int:
    """Validate the record; export it only when it has no errors (fhir: see cli.outputs)."""
    if args.source == "fhir":
        from trialmodel.cli.outputs import run_fhir

        if args.out is None:
            args.parser.error("export fhir needs --out DIR")
        args.out = Path(args.out)
        args.paths = [Path(p) for p in args.paths]
        return run_fhir(args)
    if len(args.paths) != 1:
        args.parser.error("export ctgov takes one record file")
    from trialmodel.ctgov.export import export_json
    from trialmodel.findings import Report
    from trialmodel.loading import load_path
    from trialmodel.model.record import TrialRecord
    from trialmodel.reporters.findings import render
    from trialmodel.validation.files import validate_file
    from trialmodel.writing import OverwriteRefusedError, write_file

    path = Path(args.paths[0])
    checked = validate_file(path)
    if checked.errors:
        sys.stderr.write(render(Report((checked,)), "text"))
        unreadable = any(f.code in {"io_error", "file_too_large"} for f in checked.findings)
        return EXIT_USAGE if unreadable else EXIT_PROBLEMS
    text = export_json(TrialRecord.model_validate(load_path(path).data))
    if args.out is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        write_file(Path(args.out), text, force=args.force)
    except (OverwriteRefusedError, OSError) as exc:
        return _import_error(exc, "export")
    return EXIT_OK
