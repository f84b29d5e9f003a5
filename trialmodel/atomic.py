"""Files that are never half-written, and batches of files that are written all or not at all.

Every file goes to a temporary file in its target's folder and is renamed into place, so a reader
sees the old file or the new one, never a part. A batch (`write_files`) checks every target
first, stages every temporary file, checks that every file it replaces still holds the bytes it
was planned from, and only then renames; if a rename still fails, the files already renamed get
their previous content back. Errors name the target, never a temporary file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from trialmodel.errors import TrialmodelError

_T = TypeVar("_T")

__all__ = [
    "FileChangedError",
    "OverwriteRefusedError",
    "PlannedWrite",
    "WriteError",
    "digest",
    "move_files",
    "target_problem",
    "write_file",
    "write_files",
]


class OverwriteRefusedError(TrialmodelError, FileExistsError):
    """The target file exists and overwriting was not asked for (or is never allowed)."""


class FileChangedError(OverwriteRefusedError):
    """A file to be replaced changed since it was read (a second editor): not overwritten."""


class WriteError(TrialmodelError, OSError):
    """A file could not be written; the message names the target, not a temporary file."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: cannot write: {reason}")
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return str(self.args[0])


def digest(content: bytes) -> str:
    """The content hash that says a file is unchanged since it was read (SHA-256, hex)."""
    return hashlib.sha256(content).hexdigest()


@dataclass(frozen=True, slots=True)
class PlannedWrite:
    """One file of a batch: where, what, and what may be there now."""

    path: Path
    content: bytes
    replace: bool = False
    """True: an existing regular file may be replaced. False: the target must not exist."""
    expect: str | None = None
    """The `digest` the replaced file must still have at the moment of the rename (None: any)."""
    make_folder: bool = False
    """Create the target's folder (and its parents) when it does not exist."""


@dataclass(slots=True)
class _Staged:
    write: PlannedWrite
    tmp: Path
    previous: bytes | None = None
    done: bool = False


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def _target_problem(write: PlannedWrite) -> str | None:
    """Why ``write`` cannot go ahead, checked before anything is written; None when it can."""
    path = write.path
    if not path.parent.is_dir() and not (write.make_folder and not path.parent.exists()):
        return f"{path}: cannot write: the folder {path.parent} does not exist"
    if path.is_symlink():
        return f"{path} is a symbolic link; not written (replace it with the file itself)"
    if path.is_dir():
        return f"{path} is a folder; not written"
    if path.exists() and not path.is_file():
        return f"{path} is not a regular file; not written"
    if path.exists() and not write.replace:
        return f"{path} exists (use --force to overwrite)"
    return None


def _check_targets(writes: Sequence[PlannedWrite]) -> None:
    paths = [w.path for w in writes]
    if len(set(paths)) < len(paths):
        raise ValueError("a batch writes one file twice")
    problems = [p for p in map(_target_problem, writes) if p is not None]
    if problems:
        raise OverwriteRefusedError("; ".join(problems) + "; nothing was written")


def _file_mode(path: Path) -> int:
    with suppress(OSError):
        return path.stat().st_mode & 0o7777
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _stage(write: PlannedWrite) -> _Staged:
    """Write the content to a temporary file beside the target."""
    path = write.path
    try:
        if write.make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise WriteError(path, _reason(exc)) from None
    tmp = Path(name)
    staged = _Staged(write, tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(write.content)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.chmod(_file_mode(path))
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise WriteError(path, _reason(exc)) from None
    return staged


def _unchanged(staged: _Staged) -> None:
    """Refuse to replace a file that no longer holds the bytes the batch was planned from."""
    path = staged.write.path
    try:
        staged.previous = path.read_bytes() if path.exists() else None
    except OSError as exc:
        raise WriteError(path, _reason(exc)) from None
    expect = staged.write.expect
    if expect is not None and (staged.previous is None or digest(staged.previous) != expect):
        raise FileChangedError(
            f"{staged.write.path} changed since it was read (edited meanwhile?); "
            "nothing was written: run the command again"
        )


def _put(staged: _Staged) -> None:
    """Rename the temporary file into place (exclusively when the target must not exist)."""
    path = staged.write.path
    try:
        if staged.write.replace:
            staged.tmp.replace(path)
        else:
            _link_no_clobber(staged.tmp, path)
    except FileExistsError:
        raise OverwriteRefusedError(f"{path} exists (use --force to overwrite)") from None
    except OSError as exc:
        raise WriteError(path, _reason(exc)) from None
    staged.done = True


def _link_no_clobber(tmp: Path, path: Path) -> None:
    """Put ``tmp`` at ``path`` unless something is there (a hard link is atomic and exclusive)."""
    try:
        path.hardlink_to(tmp)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: fall back to a checked rename
        if os.path.lexists(path):
            raise FileExistsError(path) from None
        tmp.replace(path)


def _undo(batch: list[_Staged]) -> list[str]:
    """Give the files already written their previous state back; what could not be restored."""
    failed = []
    for staged in reversed(batch):
        if not staged.done:
            continue
        path = staged.write.path
        try:
            if staged.previous is None:
                path.unlink()
            else:
                write_file(path, staged.previous, force=True)
        except OSError as exc:
            failed.append(f"{path} ({_reason(exc)})")
    return failed


def write_files(writes: Sequence[PlannedWrite]) -> None:
    """Write every file of the batch or none: check, stage, verify, then rename.

    Raises `OverwriteRefusedError` (a target exists, is a folder, a symbolic link or not a regular
    file), `FileChangedError` (a replaced file changed since it was read) or `WriteError`; in every
    case the targets are as they were.
    """
    _check_targets(writes)
    batch: list[_Staged] = []
    try:
        for write in writes:
            batch.append(_stage(write))
        for staged in batch:
            _unchanged(staged)
        _put_all(batch)
    finally:
        for staged in batch:
            staged.tmp.unlink(missing_ok=True)


def _put_all(batch: list[_Staged]) -> None:
    """Rename every staged file into place; if one rename fails, give the targets already renamed
    their previous state back and re-raise (naming what could not be restored)."""
    try:
        for staged in batch:
            _put(staged)
    except OSError as exc:
        lost = _undo(batch)
        if lost:
            raise WriteError(
                staged.write.path, f"{exc}; and could not restore {', '.join(lost)}"
            ) from None
        raise


def write_file(path: Path, content: str | bytes, *, force: bool = False) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename.

    Raises `OverwriteRefusedError` when ``path`` exists and ``force`` is false; the existing file
    is then untouched. Text is written as UTF-8 with the newlines given.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    write_files([PlannedWrite(path, data, replace=force)])


def _flush(staged: _Staged) -> None:
    try:
        with staged.tmp.open("rb") as fh:
            os.fsync(fh.fileno())
    except OSError as exc:
        raise WriteError(staged.write.path, _reason(exc)) from None


_AT_ONCE = 16
"""Files flushed, or removed, at once (see `_each`)."""


def _each(action: Callable[[_T], object], items: Sequence[_T]) -> None:
    """``action`` on every item, several at once from threads; a failure raises that of the first
    item in order that failed (those still waiting are not started).

    For the file system calls that wait on its journal, ``fsync`` and the removal of a file just
    replaced: one by one, each waits for its own commit; together, they share commits (200 small
    records on ext4: about 1.4 s of flushing and 0.5 s of removing one by one, a few hundredths of
    a second so). The calls wait without holding the interpreter.
    """
    if len(items) < 2:
        for item in items:
            action(item)
        return
    with ThreadPoolExecutor(max_workers=min(_AT_ONCE, len(items))) as pool:
        for _ in pool.map(action, items):
            pass


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)


def target_problem(path: Path, *, replace: bool = False) -> str | None:
    """Why a file could not be written at ``path`` (exists without ``replace``, is a folder, a
    symbolic link or not a regular file, its folder missing); None when it can."""
    return _target_problem(PlannedWrite(path, b"", replace=replace, make_folder=True))


def move_files(moves: Sequence[tuple[Path, Path]], *, replace: bool = False) -> None:
    """Move finished files into place, all or none: (written file, target) pairs, each written
    file on the target's file system (a staging folder beside the targets).

    The same checks and guarantees as `write_files`, for content already on disk: every target is
    checked first, every file is flushed to disk (``fsync``) before any is renamed, and if a rename
    fails the targets already renamed get their previous state back. A file replaced is kept,
    until the end, as a hard link beside the written file, not read into memory, so memory does
    not grow with the number of files. The written files are gone afterwards, moved or removed.
    (Flushing them all at the end, not each as it is written, and several at once, lets the file
    system write them out together: many times faster for many small files; see `_each`.)
    """
    writes = [PlannedWrite(target, b"", replace=replace) for _, target in moves]
    batch = [_Staged(write, tmp) for write, (tmp, _) in zip(writes, moves, strict=True)]
    kept: dict[Path, Path] = {}
    try:
        _check_targets(writes)
        for staged in batch:
            staged.tmp.chmod(_file_mode(staged.write.path))
        _each(_flush, batch)  # every file on disk before any is renamed
        for staged in batch:
            _keep_previous(staged, kept)
        try:
            for staged in batch:
                _put(staged)
        except OSError as exc:
            lost = _undo_moves(batch, kept)
            if lost:
                raise WriteError(
                    staged.write.path, f"{exc}; and could not restore {', '.join(lost)}"
                ) from None
            raise
    finally:
        _each(_remove, [staged.tmp for staged in batch] + list(kept.values()))


def _keep_previous(staged: _Staged, kept: dict[Path, Path]) -> None:
    """Keep the file a move replaces: a hard link beside the written file (or, where the file
    system has none, its bytes)."""
    path = staged.write.path
    if not path.exists():
        return
    previous = staged.tmp.with_name(f"{staged.tmp.name}.previous")
    try:
        previous.hardlink_to(path)
    except OSError:
        _unchanged(staged)
        return
    kept[path] = previous


def _undo_moves(batch: list[_Staged], kept: dict[Path, Path]) -> list[str]:
    """Give the targets already moved their previous state back; what could not be restored."""
    failed: list[str] = []
    rest: list[_Staged] = []
    for staged in batch:
        if not staged.done:
            continue
        previous = kept.pop(staged.write.path, None)
        if previous is None:
            rest.append(staged)  # a new file (removed), or one whose bytes were read
            continue
        try:
            previous.replace(staged.write.path)
        except OSError as exc:
            failed.append(f"{staged.write.path} ({_reason(exc)})")
    return failed + _undo(rest)
