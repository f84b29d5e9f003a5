"""``trialmodel migrate PATH...``: rewrite 1.x records in the current format; ``--check`` tells."""

from __future__ import annotations

import argparse
import sys

from trialmodel.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

__all__: list[str] = []


def add_migrate(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``trialmodel migrate PATH...``: rewrite 1.x records as the current format."""
    parser = sub.add_parser(
        "migrate",
        help="rewrite records of format 1.x as the current format (comments and values kept)",
        description="Rewrite record files of format 1.x (directories are searched for *.yaml and "
        "*.yml) as the current record format, in place and in the house style of trialmodel fmt. "
        "Every value is kept (moved where the format moved it) and every comment is kept: both "
        "are checked on every file before it is written, and each file is replaced atomically. "
        "A record already in the current format is left alone. A file that cannot be migrated "
        "is reported with its place and left as it is; the others still are. Exit 0 when done "
        "(with --check, when nothing would change), 1 when a file cannot be migrated or, with "
        "--check, would change, 2 on a usage error or an unreadable file.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="record files or directories")
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; print a diff of each file that would change and exit 1 if any",
    )
    parser.set_defaults(handler=_run_migrate)


def _run_migrate(args: argparse.Namespace) -> int:
    from trialmodel.cli.fmt import _diff
    from trialmodel.migrating import MigrationError, migrate_file
    from trialmodel.model.record import SCHEMA_VERSION
    from trialmodel.validation.files import collect_files

    try:
        files = collect_files(args.paths)
    except FileNotFoundError as exc:
        print(f"trialmodel migrate: error: {exc.strerror}: {exc.filename}", file=sys.stderr)
        return EXIT_USAGE
    changed, current, failed, unreadable = 0, 0, 0, 0
    for path in files:
        try:
            result = migrate_file(path, write=not args.check)
        except (MigrationError, OSError) as exc:
            print(f"trialmodel migrate: error: {exc}", file=sys.stderr)
            failed += 1
            unreadable += isinstance(exc, OSError) or getattr(exc, "unreadable", False)
            continue
        if result.current:
            current += 1
            print(f"{path}: already format {result.version.split('.')[0]}.x, left alone")
            continue
        changed += 1
        verb = "would be migrated" if args.check else "migrated"
        print(f"{path}: format {result.version} {verb} to {SCHEMA_VERSION}")
        if args.check:
            sys.stdout.write(_diff(str(path), result.before, result.after))
    print(_summary(changed, current, failed, check=args.check))
    if unreadable:
        return EXIT_USAGE
    return EXIT_PROBLEMS if failed or (args.check and changed) else EXIT_OK


def _files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


def _summary(changed: int, current: int, failed: int, *, check: bool) -> str:
    """``5 files migrated, 2 files already current`` (``would be migrated`` with --check)."""
    verb = "would be migrated" if check else "migrated"
    parts = [f"{_files(changed)} {verb}"] if changed else []
    if current:
        parts.append(f"{_files(current)} already current")
    if failed:
        parts.append(f"{_files(failed)} could not be migrated")
    return ", ".join(parts) or "no records found"
