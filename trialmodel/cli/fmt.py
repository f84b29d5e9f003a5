"""``trialmodel fmt PATH...``: rewrite records in the house style; ``--check`` only tells."""

from __future__ import annotations

import argparse
import sys

from trialmodel.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

__all__: list[str] = []


def add_fmt(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``trialmodel fmt PATH...``: rewrite records in the house style; ``--check`` only tells."""
    parser = sub.add_parser(
        "fmt",
        help="format records in the house style (comments kept, data unchanged)",
        description="Rewrite record files (directories are searched for *.yaml and *.yml) in the "
        "house style that trialmodel import writes: keys in model order, block collections, "
        "quotes only where a YAML 1.1 reader would misread, long text as folded or literal "
        "blocks. Comments, numbers and booleans stay as written, and the data never changes "
        "(checked on every file). A file with a YAML error is reported and left alone. "
        "Exit 0 when done (or, with --check, when nothing would change), 1 when --check finds "
        "a file to reformat, 2 on a usage error or a file that cannot be formatted.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="record files or directories")
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; print a diff of each file that would change and exit 1 if any",
    )
    parser.set_defaults(handler=_run_fmt)


def _run_fmt(args: argparse.Namespace) -> int:
    from trialmodel.formatting import FormatError, format_file
    from trialmodel.validation.files import collect_files
    from trialmodel.writing import write_file

    try:
        files = collect_files(args.paths)
    except FileNotFoundError as exc:
        print(f"trialmodel fmt: error: {exc.strerror}: {exc.filename}", file=sys.stderr)
        return EXIT_USAGE
    changed, failed = 0, 0
    for path in files:
        try:
            result = format_file(path)
            if result.changed and not args.check:
                write_file(path, result.after, force=True)
        except (FormatError, OSError) as exc:
            print(f"trialmodel fmt: error: {exc}", file=sys.stderr)
            failed += 1
            continue
        if result.changed:
            changed += 1
            if args.check:
                sys.stdout.write(_diff(str(path), result.before, result.after))
    print(_summary(changed, len(files) - changed - failed, failed, check=args.check))
    if failed:
        return EXIT_USAGE
    return EXIT_PROBLEMS if args.check and changed else EXIT_OK


def _diff(name: str, before: str, after: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), name, name
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


def _summary(changed: int, unchanged: int, failed: int, *, check: bool) -> str:
    """``1 file reformatted, 4 files left unchanged`` (``would be reformatted`` with --check)."""
    verb = "would be reformatted" if check else "reformatted"
    parts = [f"{_files(changed)} {verb}"] if changed else []
    if unchanged:
        parts.append(f"{_files(unchanged)} {'already formatted' if check else 'left unchanged'}")
    if failed:
        parts.append(f"{_files(failed)} could not be formatted")
    return ", ".join(parts) or "no records found"
