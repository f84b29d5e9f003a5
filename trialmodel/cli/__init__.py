"""The ``trialmodel`` command: parse arguments, call the library, pick an exit code. Nothing else.

Exit codes: 0 clean, 1 problems found (or changes, with ``diff --exit-code``), 2 usage error or
unreadable input. Each subcommand registers itself in a ``_add_<name>`` function below.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]


class _VersionAction(argparse.Action):
    """``--version``, with the version looked up only when asked for (it costs start-up time)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help=str(kwargs.get("help", "")))

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from trialmodel import package_version

        sys.stdout.write(f"trialmodel {package_version()}\n")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="trialmodel",
        description="Curate, validate and track records of cell-therapy clinical trials.",
    )
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (_add_validate, _add_schema, _add_diff, _add_history, _add_import, _add_export):
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except BrokenPipeError:  # `trialmodel validate records/ | head` is not an error
        sys.stderr.close()
        return EXIT_OK


# --- validate ---------------------------------------------------------------------------------


def _add_validate(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``trialmodel validate PATH...``: every problem in every record, located."""
    parser = sub.add_parser(
        "validate",
        help="check records against the model and the rules",
        description="Check record files (directories are searched for *.yaml and *.yml) and "
        "report every problem with its file, line, column, record path and code. "
        "Exit 0 when clean, 1 when problems are found, 2 on a usage error or unreadable input.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="record files or directories")
    parser.add_argument(
        "--format",
        dest="output_format",
        choices=("text", "json", "github"),
        default="text",
        help="output format (default: text); json is a documented, versioned contract",
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    for option, what in (("--select", "report only"), ("--ignore", "do not report")):
        parser.add_argument(
            option,
            action="append",
            metavar="CODES",
            help=f"{what} these comma-separated codes; a prefix ending in _ (yaml11_) "
            "names every code it starts",
        )
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="text format: leave out the summary line"
    )
    parser.add_argument(
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="validate on N processes (default 1; 0: one per core); the findings are the same",
    )
    parser.set_defaults(handler=_run_validate)


def _jobs(text: str) -> int:
    """The value of --jobs: 0 (one process per core) or a positive number."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected 0 or a positive number, got {text!r}")
    return int(text)


def _codes(values: list[str] | None) -> list[str] | None:
    """Comma-separated, repeatable code options as one list (None when not given)."""
    if values is None:
        return None
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def _use_colour() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _run_validate(args: argparse.Namespace) -> int:
    """Validate, print the report, and pick the exit code."""
    from trialmodel.parallel import validate_paths
    from trialmodel.reporters.findings import render

    try:
        report = validate_paths(
            args.paths,
            jobs=args.jobs,
            select=_codes(args.select),
            ignore=_codes(args.ignore),
            progress=sys.stderr,
        )
    except FileNotFoundError as exc:
        print(f"trialmodel validate: error: {exc.strerror}: {exc.filename}", file=sys.stderr)
        return EXIT_USAGE
    output = render(
        report, args.output_format, strict=args.strict, color=_use_colour(), quiet=args.quiet
    )
    sys.stdout.write(output)
    if any(finding.code == "io_error" for finding in report.findings):
        return EXIT_USAGE
    return EXIT_PROBLEMS if report.failed(strict=args.strict) else EXIT_OK


# --- schema -----------------------------------------------------------------------------------


def _add_schema(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``trialmodel schema``: write or check the JSON Schemas and the field reference."""
    from pathlib import Path

    from trialmodel.generated import REFERENCE_FILE, SCHEMA_DIR

    parser = sub.add_parser(
        "schema",
        help="write the JSON Schemas and the field reference, or check they are current",
        description="Generate schemas/*.json and docs/record-format.md from the model. "
        "Exit codes: 0 written or current, 1 out of date (--check), 2 usage or file error.",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=SCHEMA_DIR,
        metavar="DIR",
        help=f"folder of the schema files (default: {SCHEMA_DIR})",
    )
    parser.add_argument(
        "--reference",
        type=Path,
        default=REFERENCE_FILE,
        metavar="FILE",
        help=f"the field reference in Markdown (default: {REFERENCE_FILE})",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a generated file is missing or differs",
    )
    mode.add_argument(
        "--force",
        action="store_true",
        help="overwrite files even if trialmodel did not generate them",
    )
    parser.set_defaults(handler=_run_schema)


def _schema_command(args: argparse.Namespace) -> str:
    from trialmodel.generated import REFERENCE_FILE, SCHEMA_DIR

    out = "" if args.out == SCHEMA_DIR else f" --out {args.out}"
    reference = "" if args.reference == REFERENCE_FILE else f" --reference {args.reference}"
    return f"trialmodel schema{out}{reference}"


def _run_schema(args: argparse.Namespace) -> int:
    from trialmodel.generated import (
        NotGeneratedError,
        find_outdated,
        generated_files,
        write_generated,
    )

    files = generated_files(args.out, args.reference)
    try:
        if args.check:
            outdated = find_outdated(files)
            for item in outdated:
                reason = "missing" if item.reason == "missing" else "out of date with the model"
                print(f"{item.path}: {reason}", file=sys.stderr)
            if outdated:
                print(f"run `{_schema_command(args)}` to regenerate, then commit", file=sys.stderr)
                return EXIT_PROBLEMS
            print(f"{len(files)} generated files are current")
            return EXIT_OK
        written = write_generated(files, force=args.force)
    except NotGeneratedError as exc:
        print(
            f"trialmodel schema: error: {exc.path} exists and was not generated by "
            "trialmodel schema; move it away or use --force",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except OSError as exc:
        print(f"trialmodel schema: error: {exc.filename}: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    for item in written:
        print(f"wrote {item.path}")
    print(f"{len(files)} generated files are current ({len(written)} written)")
    return EXIT_OK


# --- diff and history -------------------------------------------------------------------------


def _change_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by ``diff`` and ``history``."""
    from trialmodel.change_events import REPORT_FORMATS, Significance

    parser.add_argument(
        "--format",
        dest="output_format",
        choices=REPORT_FORMATS,
        default="text",
        help="output format (default: text); json follows schemas/change-report.schema.json",
    )
    parser.add_argument(
        "--significance",
        choices=[s.value for s in Significance],
        default=Significance.INFO.value,
        help="report changes of this significance or more (default: info, all)",
    )


def _add_diff(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``trialmodel diff OLD NEW`` or ``trialmodel diff --rev REV [PATH...]``: what changed."""
    parser = sub.add_parser(
        "diff",
        help="report what changed between two records, two snapshots, or a git revision",
        description="Compare two record files, two folders of records (matched by NCT id), "
        "or with --rev the records at a git revision against the working tree (PATH defaults "
        "to records/). Exit 0, or with --exit-code 0 when nothing changed and 1 when something "
        "did; 2 on a usage error or a record that does not validate.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="OLD NEW (files or folders), or with --rev the paths to compare",
    )
    parser.add_argument("--rev", metavar="REV", help="a git revision (commit, tag, branch)")
    parser.add_argument(
        "--exit-code",
        action="store_true",
        help="exit 1 when there are changes, 0 when there are none",
    )
    _change_options(parser)
    parser.set_defaults(handler=_run_diff, parser=parser)


def _run_diff(args: argparse.Namespace) -> int:
    """Compare, print the report, pick the exit code."""
    from pathlib import Path

    from trialmodel.tracking import compare_paths, compare_revision

    if args.rev is None and len(args.paths) != 2:
        args.parser.error("give OLD and NEW, or --rev REV [PATH...]")
    if args.rev is not None:
        return _report(args, lambda: compare_revision(args.rev, args.paths, Path.cwd()))
    return _report(args, lambda: compare_paths(Path(args.paths[0]), Path(args.paths[1])))


def _add_history(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``trialmodel history NCT...``: every known version of a trial as a timeline."""
    from pathlib import Path

    parser = sub.add_parser(
        "history",
        help="show every known version of trials, with the changes between them",
        description="List the versions of each trial (records/<NCT>.yaml and "
        "records/history/<NCT>/*.yaml) in registry date order, with the changes between "
        "consecutive versions. Exit 0, or 2 on a usage error or a record that does not validate.",
    )
    parser.add_argument("nct_ids", nargs="+", metavar="NCT", help="trial ids (NCT and 8 digits)")
    parser.add_argument(
        "--records",
        type=Path,
        default=Path("records"),
        metavar="DIR",
        help="the records folder (default: records)",
    )
    _change_options(parser)
    parser.set_defaults(handler=_run_history, exit_code=False)


def _run_history(args: argparse.Namespace) -> int:
    """Build the timelines and print them."""
    from trialmodel.tracking import history

    return _report(args, lambda: history(args.nct_ids, args.records))


def _report(args: argparse.Namespace, build: Callable[[], object]) -> int:
    """Run a change report, print it, and pick the exit code; bad input is a message, exit 2."""
    from trialmodel.change_events import Significance
    from trialmodel.changes import ChangeReport
    from trialmodel.reporters.changes import render
    from trialmodel.versions import RecordError

    try:
        built = build()
    except RecordError as exc:
        print(f"trialmodel {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    assert isinstance(built, ChangeReport)
    report = built.at_least(Significance(args.significance))
    sys.stdout.write(render(report, args.output_format))
    return EXIT_PROBLEMS if args.exit_code and report.has_changes else EXIT_OK


# --- import and export ------------------------------------------------------------------------


def _add_import(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``trialmodel import ctgov FILE... --out DIR | --update DIR``: records from registry JSON."""
    parser = sub.add_parser(
        "import",
        help="make records from ClinicalTrials.gov API v2 JSON, or update records with it",
        description="Import ClinicalTrials.gov API v2 JSON (a study, or a page of studies) as "
        "records DIR/<NCT id>.yaml, listing every registry path the record has no home for; or, "
        "with --update, apply a newer registry version to the curated records in DIR, keeping "
        "the curation and the previous version (DIR/history/<NCT id>/<date>.yaml). Nothing is "
        "written unless every file imports. Exit codes: 0 done, 1 a written record has "
        "validation errors, 2 usage error, unreadable input, or a file that exists (--force).",
    )
    parser.add_argument("source", choices=("ctgov",), help="the registry format")
    parser.add_argument("files", nargs="+", metavar="FILE", help="registry JSON files")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", metavar="DIR", help="write new records into DIR")
    target.add_argument("--update", metavar="DIR", help="update the records in DIR")
    parser.add_argument(
        "--force", action="store_true", help="overwrite existing records (history files, too)"
    )
    parser.add_argument(
        "--format",
        dest="output_format",
        choices=("text", "json"),
        default="text",
        help="the import report (with --update, the change report) as text or JSON",
    )
    parser.set_defaults(handler=_run_import)


def _import_error(message: object, command: str = "import") -> int:
    """Print an error of ``import`` or ``export``; return the usage exit code."""
    print(f"trialmodel {command}: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _run_import(args: argparse.Namespace) -> int:
    """Import every file first; write only when all imported; report, and check what was written."""
    from pathlib import Path

    from trialmodel.ctgov import import_files, import_report, write_records
    from trialmodel.reporters import changes, imports
    from trialmodel.reporters.findings import render
    from trialmodel.updating import UpdateError, change_report, update_records
    from trialmodel.validation import validate_paths
    from trialmodel.writing import OverwriteRefusedError

    studies, errors = import_files([Path(f) for f in args.files])
    for error in errors:
        _import_error(error)
    if errors:
        return EXIT_USAGE
    try:
        if args.update is not None:
            updates = update_records(studies, Path(args.update), force=args.force)
        else:
            written = write_records(studies, Path(args.out), force=args.force)
    except (UpdateError, OverwriteRefusedError, OSError) as exc:
        return _import_error(exc)
    if args.update is not None:
        for update in updates:
            for note in update.notes:
                print(f"trialmodel import: note: {update.record_path}: {note}", file=sys.stderr)
        sys.stdout.write(changes.render(change_report(updates), args.output_format))
        return EXIT_OK
    report = import_report(studies, {k: str(v) for k, v in written.items()})
    sys.stdout.write(imports.render(report, args.output_format))
    checked = validate_paths(list(written.values()))
    if checked.errors or checked.warnings:
        sys.stderr.write(render(checked, "text"))
    return EXIT_PROBLEMS if checked.errors else EXIT_OK


def _add_export(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``trialmodel export ctgov RECORD``: a record as ClinicalTrials.gov API v2 JSON."""
    parser = sub.add_parser(
        "export",
        help="write a record as ClinicalTrials.gov API v2 JSON",
        description="Write the registry fields of a valid record in the ClinicalTrials.gov API "
        "v2 study shape (to standard output, or --out FILE). Exit codes: 0 written, 1 the record "
        "has validation errors, 2 usage error, unreadable input, or FILE exists (--force).",
    )
    parser.add_argument("source", choices=("ctgov",), help="the registry format")
    parser.add_argument("record", metavar="RECORD", help="a record file")
    parser.add_argument("--out", metavar="FILE", help="write the JSON to FILE")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    parser.set_defaults(handler=_run_export)


def _run_export(args: argparse.Namespace) -> int:
    """Validate the record; export it only when it has no errors."""
    from pathlib import Path

    from trialmodel.ctgov_export import export_json
    from trialmodel.findings import Report
    from trialmodel.loading import load_path
    from trialmodel.model.record import TrialRecord
    from trialmodel.reporters.findings import render
    from trialmodel.validation import validate_file
    from trialmodel.writing import OverwriteRefusedError, write_file

    path = Path(args.record)
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
