"""``trialmodel validate PATH...``: every problem in every record, located."""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from trialmodel import formats
from trialmodel.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from trialmodel.reporters.safe import escape_controls

if TYPE_CHECKING:
    from trialmodel.config import Config
    from trialmodel.findings import FileReport
    from trialmodel.validation.progress import Progress

__all__: list[str] = []


def add_validate(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
        choices=formats.FINDINGS,
        default="text",
        help="output format (default: text); json is a documented, versioned contract",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        default=None,
        help="fail on warnings too (acknowledged ones excepted)",
    )
    for option, what in (("--select", "report only"), ("--ignore", "do not report")):
        parser.add_argument(
            option,
            action="append",
            metavar="CODES",
            help=f"{what} these comma-separated codes; a prefix ending in _ (yaml11_) "
            "names every code it starts",
        )
    parser.add_argument(
        "--max-annotations",
        type=_count,
        default=10,
        metavar="N",
        help="github format: at most N annotations of each kind (default 10, what GitHub shows "
        "per step; 0: no limit); the rest are plain log lines and one notice counts them",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="PATTERN",
        help="leave out files and folders that match (repeatable); adds to the configuration's",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="read settings from FILE (default: the nearest trialmodel.toml, or pyproject.toml "
        "with [tool.trialmodel], in this folder or above)",
    )
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="text format: leave out the summary line"
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=1,
        metavar="N",
        help="validate on N processes (default 1; 0: one per core); the findings are the same",
    )
    # nothing to clean up after it: the process may end at once (trialmodel.cli.run)
    parser.set_defaults(handler=_run_validate, quick_exit=True)


def _jobs(text: str) -> int:
    """The value of --jobs: 0 (one process per core) or a positive number, in ASCII digits
    (``str.isdigit`` would take '٣' or '³'); more than the machine's cores is capped to them."""
    from trialmodel.validation.parallel import parse_jobs

    try:
        return parse_jobs(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _count(text: str) -> int:
    """A number of annotations: 0 or more, in ASCII digits."""
    if not (text.isascii() and text.isdigit()):
        raise argparse.ArgumentTypeError(f"expected 0 or a positive number, got {text!r}")
    return int(text)


def _codes(values: list[str] | None) -> list[str] | None:
    """Comma-separated, repeatable code options as one list (None when not given)."""
    if values is None:
        return None
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def _code_problems(select: list[str] | None, ignore: list[str] | None) -> list[str]:
    """Usage errors in --select and --ignore: no code at all, or a code no finding can carry
    (a typo would turn the filter into "report nothing" and a broken run into a pass)."""
    from trialmodel.config import selector_problems

    problems = []
    for option, codes in (("--select", select), ("--ignore", ignore)):
        if codes is not None:
            problems.extend(selector_problems(codes, option))
    return problems


def _use_colour() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _settings(args: argparse.Namespace) -> Config:
    """The configuration file's settings with the command line's on top.

    ``--select`` replaces the configured select; ``--ignore`` and ``--exclude`` add to theirs.
    """
    from pathlib import Path

    from trialmodel.config import Config, Patterns, find_config, load_config

    source = args.config or find_config()
    config = load_config(source) if source is not None else Config()
    exclude = (*config.exclude, Patterns(Path.cwd(), tuple(args.exclude)))
    return dataclasses.replace(config, strict=bool(args.strict or config.strict), exclude=exclude)


_START_UP = (
    "trialmodel.validation.files",  # the model, the loader, the rules
    "trialmodel.loading.scan",  # the fast YAML reader (PyYAML)
    "trialmodel.validation.parallel",
    "trialmodel.reporters.findings",
)
"""What every run of ``validate`` imports (``_run_validate``)."""


def _run_validate(args: argparse.Namespace) -> int:
    """Validate, write the report file by file as the files are checked, pick the exit code.

    The start-up (importing pydantic, the model and the rest, and reading the record's validator)
    creates a few hundred thousand objects that live as long as the process, and the garbage
    collector's passes over them, which find nothing to free, were a tenth of a one-record run: it
    runs with the collector paused, and what it built is then frozen (later passes skip it, which
    also helps a run over many files). Unfrozen at the end, so a process that calls main()
    in-process is left as it was.
    """
    from importlib import import_module

    enabled = gc.isenabled()
    gc.disable()
    try:
        for module in _START_UP:
            import_module(module)
        from trialmodel.validation.validator import record_validator

        record_validator()
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
    try:
        return _validate(args)
    finally:
        gc.unfreeze()


def _validate(args: argparse.Namespace) -> int:
    from trialmodel.config import ConfigError
    from trialmodel.reporters.findings import write_report
    from trialmodel.validation.files import apply_settings, collect_files
    from trialmodel.validation.parallel import validate_files
    from trialmodel.validation.progress import progress_for

    select, ignore = _codes(args.select), _codes(args.ignore)
    problems = _code_problems(select, ignore)
    try:
        config = _settings(args)
        files = collect_files(args.paths, exclude=config.excluded)
    except ConfigError as exc:
        problems.append(str(exc))
    except FileNotFoundError as exc:
        problems.append(f"{exc.strerror}: {exc.filename}")
    for problem in problems:
        print(f"trialmodel validate: error: {escape_controls(problem)}", file=sys.stderr)
    if problems:
        return EXIT_USAGE
    with progress_for(sys.stderr, len(files)) as bar:
        reports = (
            apply_settings(report, config, select=select, ignore=ignore)
            for report in validate_files(files, jobs=args.jobs)
        )
        totals = write_report(
            _clear_before_output(bar, reports),
            sys.stdout,
            args.output_format,
            strict=config.strict,
            color=_use_colour(),
            quiet=args.quiet,
            max_annotations=args.max_annotations,
        )
    if totals.unchecked:
        return EXIT_USAGE
    return EXIT_PROBLEMS if totals.failed(strict=config.strict) else EXIT_OK


def _clear_before_output(bar: Progress, reports: Iterator[FileReport]) -> Iterator[FileReport]:
    """Count each report on the progress line, and clear the line before a report with findings
    is written, so that the report never lands in the middle of it."""
    for report in bar.track(reports):
        if report.findings:
            bar.clear()
        yield report
