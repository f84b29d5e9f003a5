"""``trialmodel validate PATH...``: every problem in every record, located."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from typing import TYPE_CHECKING

from trialmodel.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

if TYPE_CHECKING:
    from trialmodel.config import Config


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
        choices=("text", "json", "github"),
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


def _run_validate(args: argparse.Namespace) -> int:
    """Validate, print the report, and pick the exit code."""
    from trialmodel.config import ConfigError
    from trialmodel.parallel import validate_paths
    from trialmodel.reporters.findings import render

    try:
        config = _settings(args)
        report = validate_paths(
            args.paths,
            jobs=args.jobs,
            select=_codes(args.select),
            ignore=_codes(args.ignore),
            config=config,
            progress=sys.stderr,
        )
    except ConfigError as exc:
        print(f"trialmodel validate: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except FileNotFoundError as exc:
        print(f"trialmodel validate: error: {exc.strerror}: {exc.filename}", file=sys.stderr)
        return EXIT_USAGE
    strict = config.strict
    output = render(
        report, args.output_format, strict=strict, color=_use_colour(), quiet=args.quiet
    )
    sys.stdout.write(output)
    if any(finding.code == "io_error" for finding in report.findings):
        return EXIT_USAGE
    return EXIT_PROBLEMS if report.failed(strict=strict) else EXIT_OK
