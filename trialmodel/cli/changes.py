"""``trialmodel diff`` and ``trialmodel history``: what changed between versions of records."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from trialmodel import formats
from trialmodel.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

__all__ = ["REPORT_FORMATS", "SIGNIFICANCES"]

# Every command builds the whole parser, and the change vocabulary belongs to the diff engine,
# which `trialmodel validate` must not load: the formats come from trialmodel.formats (no
# imports); a test holds SIGNIFICANCES to the library's Significance.
REPORT_FORMATS = formats.CHANGES
SIGNIFICANCES = ("major", "minor", "info")


def _change_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by ``diff`` and ``history``."""
    parser.add_argument(
        "--format",
        dest="output_format",
        choices=REPORT_FORMATS,
        default="text",
        help="output format (default: text); json follows schemas/change-report.schema.json",
    )
    parser.add_argument(
        "--significance",
        choices=SIGNIFICANCES,
        default="info",
        help="report changes of this significance or more (default: info, all)",
    )


def add_diff(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``trialmodel diff OLD NEW`` or ``trialmodel diff --rev REV [PATH...]``: what changed."""
    parser = sub.add_parser(
        "diff",
        help="report what changed between two records, two snapshots, or a git revision",
        description="Compare two record files, two folders of records (matched by record id), "
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

    from trialmodel.changes.tracking import compare_paths, compare_revision

    if args.rev is None and len(args.paths) != 2:
        args.parser.error("give OLD and NEW, or --rev REV [PATH...]")
    if args.rev is not None:
        return _report(args, lambda: compare_revision(args.rev, args.paths, Path.cwd()))
    return _report(args, lambda: compare_paths(Path(args.paths[0]), Path(args.paths[1])))


def add_history(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``trialmodel history ID...``: every known version of a trial as a timeline."""
    from pathlib import Path

    parser = sub.add_parser(
        "history",
        help="show every known version of trials, with the changes between them",
        description="List the versions of each trial (records/<id>.yaml and "
        "records/history/<id>/*.yaml, an id's '/' written '-') in registry date order, with the "
        "changes between consecutive versions. Exit 0, or 2 on a usage error or a record that "
        "does not validate.",
    )
    parser.add_argument(
        "trial_ids",
        nargs="+",
        metavar="ID",
        help="record ids: the NCT id, or the primary registration's id (ChiCTR2600126854)",
    )
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
    from trialmodel.changes.tracking import history

    return _report(args, lambda: history(args.trial_ids, args.records))


def _report(args: argparse.Namespace, build: Callable[[], object]) -> int:
    """Run a change report, print it, and pick the exit code; bad input is a message, exit 2."""
    from trialmodel.changes import ChangeReport
    from trialmodel.changes.events import Significance
    from trialmodel.changes.versions import VersionError
    from trialmodel.records import RecordError
    from trialmodel.reporters.changes import render

    try:
        built = build()
    except (VersionError, RecordError) as exc:
        shown = exc.summary() if isinstance(exc, RecordError) else str(exc)
        print(f"trialmodel {args.command}: error: {shown}", file=sys.stderr)
        return EXIT_USAGE
    assert isinstance(built, ChangeReport)
    report = built.at_least(Significance(args.significance))
    sys.stdout.write(render(report, args.output_format))
    return EXIT_PROBLEMS if args.exit_code and report.has_changes else EXIT_OK
