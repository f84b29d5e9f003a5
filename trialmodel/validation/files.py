"""Paths and bytes -> findings: loading, the schema version, the model, the rules, the file name.

Data flows one way: the loader turns bytes into plain data and a source map, the model
(``TrialRecord``) checks types and vocabularies, the rules check what types cannot, and every
problem becomes a located ``Finding``. Rules run only on a record that passes the model.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from trialmodel.acknowledging import acknowledge
from trialmodel.config import Config
from trialmodel.findings import (
    UNCHECKED_CODES,
    FileReport,
    Finding,
    Report,
    Severity,
    cap_per_code,
)
from trialmodel.loading import SourceMap, load_bytes, load_path
from trialmodel.loading.core import format_path
from trialmodel.loading.files import RECORD_SUFFIXES
from trialmodel.model.record import SCHEMA_VERSION, TrialRecord
from trialmodel.model.types import NCT_ID_PATTERN, python_regex
from trialmodel.validation.model_errors import model_findings
from trialmodel.validation.naming import file_name_findings
from trialmodel.validation.rules import check_record
from trialmodel.validation.validator import record_validator

SUPPORTED_MAJOR = "2"
"""The major record format version this trialmodel reads."""
MIGRATED_MAJOR = "1"
"""The major version ``trialmodel migrate`` rewrites as the current one."""

__all__ = [
    "MIGRATED_MAJOR",
    "RECORD_SUFFIXES",
    "SUPPORTED_MAJOR",
    "apply_settings",
    "check_bytes",
    "check_file",
    "code_matches",
    "collect_files",
    "filter_report",
    "format_path",
    "internal_error",
    "validate_bytes",
    "validate_file",
    "validate_serially",
    "version_finding",
]

"""Files a directory is searched for."""

_VERSION = re.compile(r"^([0-9]+)\.[0-9]+\Z")
_NCT_ID = python_regex(NCT_ID_PATTERN)


def validate_bytes(content: bytes, file: str) -> FileReport:
    """Validate one record given as bytes; ``file`` names it in the findings. Never raises for
    a problem of the content: a bug it hits is an ``internal_error`` finding."""
    return check_bytes(content, file)[0]


def check_bytes(content: bytes, file: str) -> tuple[FileReport, TrialRecord | None]:
    """``validate_bytes``, and the record when it passed the model (see ``check_file``)."""
    try:
        loaded = load_bytes(content, file)
        return _validate_loaded(file, loaded.data, loaded.source_map, loaded.findings)
    except Exception as exc:  # one file must never stop the others
        return internal_error(file, exc), None


def validate_file(path: str | os.PathLike[str], file: str | None = None) -> FileReport:
    """Validate one record file; ``file`` (default: the path as given) names it in the findings.
    Never raises for a problem of the file: a bug it hits is an ``internal_error`` finding."""
    return check_file(path, file)[0]


def check_file(
    path: str | os.PathLike[str], file: str | None = None
) -> tuple[FileReport, TrialRecord | None]:
    """``validate_file``, and the record when it passed the model (it may still have rule
    findings). Never raises for a problem of the file (see ``validate_file``)."""
    label = str(path) if file is None else file
    try:
        loaded = load_path(Path(path), label)
        return _validate_loaded(label, loaded.data, loaded.source_map, loaded.findings)
    except Exception as exc:  # one file must never stop the others
        return internal_error(label, exc), None


def internal_error(file: str, exc: BaseException) -> FileReport:
    """The report of a file whose check failed with an unexpected exception (a bug)."""
    text = str(exc)
    if len(text) > _MAX_EXCEPTION_TEXT:
        text = text[:_MAX_EXCEPTION_TEXT] + "…"
    finding = Finding(
        file,
        1,
        1,
        "",
        "internal_error",
        Severity.ERROR,
        f"trialmodel failed while checking this file: {type(exc).__name__}: {text}",
        "this is a bug in trialmodel, not in the file: please report it with the file",
    )
    return FileReport(file, (finding,))


_MAX_EXCEPTION_TEXT = 300


def validate_serially(
    paths: Iterable[str | os.PathLike[str]],
    *,
    select: Collection[str] | None = None,
    ignore: Collection[str] | None = None,
    config: Config | None = None,
) -> Report:
    """Validate files, and directories searched recursively for ``*.yaml`` and ``*.yml``.

    ``select`` keeps only findings whose code is listed, ``ignore`` drops them; either accepts
    exact codes and prefixes ending in ``_`` (``yaml11_``). ``config`` (``trialmodel.config``)
    adds its excludes and ignores, and its ``select`` where ``select`` is None. Raises
    ``FileNotFoundError`` for a path that does not exist, before any file is read.
    """
    settings = config or Config()
    files = collect_files(paths, exclude=settings.excluded)
    reports = (validate_file(path) for path in files)
    return Report(tuple(apply_settings(r, settings, select=select, ignore=ignore) for r in reports))


def apply_settings(
    report: FileReport,
    config: Config,
    *,
    select: Collection[str] | None = None,
    ignore: Collection[str] | None = None,
) -> FileReport:
    """``filter_report`` with ``select`` (else the configured one) and ``ignore`` added to the
    configured ignores and per-file ignores of the report's file."""
    chosen = select if select is not None else config.select
    dropped = (*(ignore or ()), *config.ignored_for(report.file))
    return filter_report(report, select=chosen, ignore=dropped)


def collect_files(
    paths: Iterable[str | os.PathLike[str]], *, exclude: Callable[[Path], bool] | None = None
) -> list[Path]:
    """The record files named by ``paths``: files as given, directories searched in sorted order,
    leaving out what ``exclude`` covers (named files too, as pre-commit names them).

    A folder that cannot be listed, and a ``*.yaml`` entry that is not a readable regular file
    (a dangling or looping symbolic link, a FIFO), are kept in the list, so that reading them
    reports an ``io_error`` instead of skipping them in silence.
    """
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(_records_under(path))
        elif os.path.lexists(path):
            found.append(path)
        else:
            raise FileNotFoundError(errno.ENOENT, "no such file or directory", str(given))
    kept = found if exclude is None else [path for path in found if not exclude(path)]
    return list(dict.fromkeys(kept))


def _records_under(directory: Path) -> list[Path]:
    """Record files under ``directory`` in sorted order of their relative paths, and any folder
    that cannot be listed. Hidden files and folders are skipped; symbolic links to folders are
    not followed (they could loop)."""
    found: list[tuple[str, Path]] = []
    pending = [(directory, "")]
    while pending:
        folder, relative = pending.pop()
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError:
            found.append((relative, folder))  # reading it reports why (io_error)
            continue
        for entry in listed:
            if entry.name.startswith("."):
                continue
            name = f"{relative}/{entry.name}" if relative else entry.name
            if entry.is_dir(follow_symlinks=False):
                pending.append((Path(entry.path), name))
            elif Path(entry.name).suffix in RECORD_SUFFIXES and not _is_folder(entry):
                found.append((name, Path(entry.path)))
    return [path for _, path in sorted(found, key=lambda item: item[0])]


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """True for a symbolic link to a folder (not followed); a broken link is not a folder."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def code_matches(code: str, selectors: Collection[str]) -> bool:
    """True when a selector names ``code`` exactly, or is a prefix of it ending in ``_``."""
    return any(code == s or (s.endswith("_") and code.startswith(s)) for s in selectors)


def filter_report(
    report: FileReport,
    *,
    select: Collection[str] | None = None,
    ignore: Collection[str] | None = None,
) -> FileReport:
    """Keep the findings that ``select`` names (all when None) and ``ignore`` does not; findings
    that say the file could not be checked (``UNCHECKED_CODES``) are always kept."""
    kept = tuple(
        f
        for f in report.findings
        if f.code in UNCHECKED_CODES
        or (
            (select is None or code_matches(f.code, select))
            and not (ignore and code_matches(f.code, ignore))
        )
    )
    return FileReport(report.file, kept, report.nct_id)


def _validate_loaded(
    file: str, data: dict[str, Any] | None, source_map: SourceMap, loaded: Iterable[Finding]
) -> tuple[FileReport, TrialRecord | None]:
    findings = list(loaded)
    record = None
    if data is not None:
        # A key the loader reported (a duplicate, a number as a key) is not reported again.
        reported = {f.path for f in findings if f.severity is Severity.ERROR and f.path}
        checked, record = _check_data(file, data, source_map)
        findings.extend(f for f in checked if f.path not in reported)
        if record is not None and record.provenance.acknowledgments:
            acks = record.provenance.acknowledgments
            findings = acknowledge(findings, acks, source_map, file)
    findings.sort(key=lambda f: f.sort_key)
    kept = sorted(cap_per_code(findings), key=lambda f: f.sort_key)
    return FileReport(file, tuple(kept), _nct_id(data)), record


def _check_data(
    file: str, data: dict[str, Any], source_map: SourceMap
) -> tuple[list[Finding], TrialRecord | None]:
    """The model's and the rules' findings, and the record when it passed the model."""
    unsupported = version_finding(file, data, source_map)
    if unsupported is not None:
        return [unsupported], None
    try:
        record = record_validator().validate_python(data)
    except ValidationError as exc:
        return model_findings(exc, data, source_map, file), None
    findings = []
    for rule, hit in check_record(record):
        line, column = source_map.locate(hit.path, key=hit.key, nearest=True)
        path = format_path(hit.path)
        findings.append(
            Finding(file, line, column, path, rule.code, rule.severity, hit.message, hit.hint)
        )
    findings += file_name_findings(file, record, source_map)
    return findings, record


def version_finding(file: str, data: dict[str, Any], source_map: SourceMap) -> Finding | None:
    """The error for a record of another major format version (a 1.x record: run migrate), or
    None; the model is not run on such a record."""
    version = data.get("schema_version")
    match = _VERSION.match(version) if isinstance(version, str) else None
    if match is None or match.group(1) == SUPPORTED_MAJOR:
        return None
    line, column = source_map.locate(("schema_version",))
    if match.group(1) == MIGRATED_MAJOR:
        code = "schema_version_outdated"
        message = (
            f"record format {version} is 1.x, which this trialmodel no longer reads: "
            f"run `trialmodel migrate {file}` to rewrite it as {SCHEMA_VERSION}"
        )
        hint = "migrate rewrites the file in place, every value and comment kept"
    else:
        code = "schema_version_unsupported"
        message = (
            f"record format {version} is not supported: this trialmodel reads "
            f"{SUPPORTED_MAJOR}.x records (got '{version}')"
        )
        hint = f"upgrade trialmodel, or write the record in format {SUPPORTED_MAJOR}.x"
    return Finding(file, line, column, "schema_version", code, Severity.ERROR, message, hint)


def _nct_id(data: dict[str, Any] | None) -> str | None:
    identification = data.get("identification") if data is not None else None
    nct_id = identification.get("nct_id") if isinstance(identification, dict) else None
    return nct_id if isinstance(nct_id, str) and _NCT_ID.match(nct_id) else None
