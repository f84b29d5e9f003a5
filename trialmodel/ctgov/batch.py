"""Registry JSON files -> new record files, one study at a time; all or nothing unless asked.

`import_batch` imports the studies of each file in turn (`trialmodel.ctgov.iter_file`, which
reads a page one study at a time), writes each record's text into a staging folder inside the
target folder at once, and keeps only the study's report entry: memory holds one record at a
time whatever the number of studies. Then:

- when every study imported (or with ``keep_going``), the staged records are moved into place,
  each by an atomic rename (a hard link when existing files must not be replaced);
- otherwise nothing is written: the staging folder, and a target folder the run created, are
  removed. A target that exists refuses the whole run unless ``force`` is given.

Each written record is checked as ``trialmodel validate`` would (`check_written`): the record was
already made by the model, so the rules run on it, and its text is read back only when they find
something or it holds a character the loader refuses, to locate the findings. The report is the
one validating the written files gives (a test compares them over the registry corpus).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from trialmodel.atomic import OverwriteRefusedError, WriteError, move_files, target_problem
from trialmodel.ctgov import ImportedStudy, iter_file
from trialmodel.ctgov.reader import CtgovError
from trialmodel.ctgov.report import ImportReport, StudyEntry, build_report, study_entry
from trialmodel.findings import FileReport, Report
from trialmodel.loading import MAX_FILE_BYTES
from trialmodel.loading.core import escaped_control
from trialmodel.validation.files import validate_bytes
from trialmodel.validation.rules import check_record
from trialmodel.writing import SCHEMA_COMMENT, schema_comment_for, yaml_text

__all__ = ["BatchResult", "import_batch", "record_text"]

_CONTROL_ESCAPE = re.compile(r"\\[0abvfreNLPxuU]")
"""Every escape by which the writers put a control character into a double-quoted scalar (and,
harmlessly, some other text with a backslash): a text without one holds none."""

STAGING_PREFIX = ".trialmodel-import-"
"""Name start of the staging folder (hidden: `trialmodel validate` skips it)."""


def record_text(study: ImportedStudy, comment: str | None = SCHEMA_COMMENT) -> str:
    """The text of a study's record file, as ``import ctgov --out`` writes it, with the schema
    comment for its folder (``trialmodel.writing.schema_comment_for``)."""
    return yaml_text(study.data, comment)


@dataclass
class BatchResult:
    """What an import run did."""

    entries: list[tuple[str, StudyEntry]] = field(default_factory=list)
    """(file, report entry) per imported study, in input order."""
    errors: list[CtgovError] = field(default_factory=list)
    """Files and studies that did not import."""
    written: list[Path] = field(default_factory=list)
    """Record files written (empty when nothing was)."""
    checked: list[FileReport] = field(default_factory=list)
    """The validation report of each written record."""

    def report(self) -> ImportReport:
        """The import report (`trialmodel.ctgov.report.build_report`)."""
        return build_report(self.entries, self.errors)

    @property
    def validation(self) -> Report:
        """The findings in the written records, as `trialmodel validate` reports them."""
        return Report(tuple(self.checked))


def check_written(study: ImportedStudy, text: str, file: str) -> FileReport:
    """The validation report of a study's record written as ``text`` to ``file``.

    The record passed the model when it was made. What else `validate` could find in the text is
    what the rules find in the record, and a control character the writer had to escape (the
    loader's ``control_character``; the house style quotes every other value a reader could
    misread). When neither is there, the report is empty without reading the text back;
    otherwise the text is validated in full, so the findings carry their lines and columns.
    """
    record = study.record
    clean = (
        _CONTROL_ESCAPE.search(text) is None
        and escaped_control(text, 0, 0, "") is None  # raw, as ruamel.yaml writes a U+0085
        and next(check_record(record), None) is None
        and not record.provenance.acknowledgments
    )
    if clean:
        return FileReport(file, (), study.nct_id)
    return validate_bytes(text.encode("utf-8"), file)


class _Stage:
    """The staging folder inside ``out``, made when the first record is staged."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.made: list[Path] = []
        self.folder: Path | None = None

    def put(self, name: str, content: bytes) -> Path:
        if self.folder is None:
            missing = [p for p in (self.out, *self.out.parents) if not p.exists()]
            self.out.mkdir(parents=True, exist_ok=True)
            self.made = missing
            self.folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.out))
        path = self.folder / name
        try:  # flushed to disk by `move_files`, before it renames
            path.write_bytes(content)
        except OSError as exc:
            raise WriteError(self.out / name, exc.strerror or type(exc).__name__) from None
        return path

    def clean(self, *, wrote: bool) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
        if not wrote:
            for folder in self.made:  # deepest first: only folders this run made, if empty
                with suppress(OSError):
                    folder.rmdir()


def _problem(study: ImportedStudy, seen: dict[str, str], content: bytes) -> CtgovError | None:
    """Why a study that imported cannot be written: found twice, or a record too large."""
    if study.nct_id in seen:
        where = "protocolSection.identificationModule.nctId"
        return CtgovError(where, f"{study.nct_id} is also in {seen[study.nct_id]}", study.file)
    if (size := len(content)) > MAX_FILE_BYTES:
        message = (
            f"the record of {study.nct_id} would be {size} bytes, over the limit of "
            f"{MAX_FILE_BYTES} bytes that validate reads"
        )
        return CtgovError("", message, study.file)
    return None


def _stage_all(
    paths: Iterable[Path], stage: _Stage, result: BatchResult, *, force: bool, keep_going: bool
) -> tuple[list[tuple[Path, Path]], list[str]]:
    """Import and stage every study; returns (staged, target) pairs and the targets refused."""
    staged: list[tuple[Path, Path]] = []
    refused: list[str] = []
    seen: dict[str, str] = {}
    comment = schema_comment_for(stage.out)
    for path in paths:
        for study in iter_file(path):
            if isinstance(study, CtgovError):
                result.errors.append(study)
                continue
            text = record_text(study, comment)
            content = text.encode("utf-8")
            if (problem := _problem(study, seen, content)) is not None:
                result.errors.append(problem)
                continue
            seen[study.nct_id] = study.file
            target = stage.out / f"{study.nct_id}.yaml"
            result.entries.append((study.file, study_entry(study, str(target))))
            if (why := target_problem(target, replace=force)) is not None:
                refused.append(why)
            elif keep_going or not result.errors:  # all or nothing: stop staging at an error
                staged.append((stage.put(target.name, content), target))
                result.checked.append(check_written(study, text, str(target)))
    return staged, refused


def import_batch(
    paths: Iterable[Path], out: Path, *, force: bool = False, keep_going: bool = False
) -> BatchResult:
    """Import every study of ``paths`` into ``out/<NCT id>.yaml``.

    Without ``keep_going``, one study that does not import means no file is written (the result
    has the errors and no ``written``); with it, the studies that import are written. A target
    that exists raises `OverwriteRefusedError` naming them all, nothing written, unless ``force``;
    a target folder that is a file raises `NotADirectoryError`.
    """
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"{out} is not a folder")
    result = BatchResult()
    stage = _Stage(out)
    wrote = False
    try:
        staged, refused = _stage_all(paths, stage, result, force=force, keep_going=keep_going)
        if refused:
            raise OverwriteRefusedError("; ".join(refused) + "; nothing was written")
        if result.errors and not keep_going:
            result.checked.clear()
            result.entries = [(f, {**e, "record": None}) for f, e in result.entries]
            return result
        move_files(staged, replace=force)
        wrote = bool(staged)
        result.written = [target for _, target in staged]
    finally:
        stage.clean(wrote=wrote)
    return result
