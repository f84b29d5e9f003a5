"""Reading a record file's bytes: regular files only, never past the size limit, never a wait.

A FIFO, a device or a socket named ``*.yaml`` is refused, not read (reading a FIFO waits for a
writer forever); a dangling or looping symbolic link, and a file without read permission, are
refused with a reason in plain words.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Final

__all__ = ["RECORD_SUFFIXES", "TooLargeError", "UnreadableError", "read_regular"]

RECORD_SUFFIXES = (".yaml", ".yml")
"""What makes a file in a folder a record file, for every command that searches folders."""


class UnreadableError(Exception):
    """The file cannot be read; ``message`` and ``hint`` say why, for an io_error finding."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class TooLargeError(Exception):
    """The file is over the size limit; it was not read."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


_KINDS: Final = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    Opened without blocking, so that a FIFO (whose open would wait for a writer) returns at
    once, and checked on the open file, so that nothing swapped in after a check is read.
    Raises UnreadableError or TooLargeError, never OSError.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        what = "folder" if path.is_dir() else "file"
        raise UnreadableError(f"cannot read the {what}: {_reason(path, error)}") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
            raise UnreadableError(
                f"cannot read the file: it is {kind}", "only regular files are read as records"
            )
        if info.st_size > limit:
            raise TooLargeError(info.st_size)
        content = _read_up_to(descriptor, limit + 1)  # never more, whatever fstat said
    except OSError as error:
        raise UnreadableError(f"cannot read the file: {_reason(path, error)}") from None
    finally:
        os.close(descriptor)
    if len(content) > limit:
        raise TooLargeError(len(content))
    return content


def _read_up_to(descriptor: int, size: int) -> bytes:
    """Read until ``size`` bytes or the end of the file."""
    parts: list[bytes] = []
    wanted = size
    while wanted > 0:
        part = os.read(descriptor, wanted)
        if not part:
            break
        parts.append(part)
        wanted -= len(part)
    return b"".join(parts)


def _reason(path: Path, error: OSError) -> str:
    """Why a file could not be opened, in plain words; a symbolic link says where it points."""
    if error.errno == errno.ELOOP:
        return "it is a loop of symbolic links"
    if error.errno == errno.ENOENT and path.is_symlink():
        return f"it is a symbolic link to {path.readlink()}, which does not exist"
    return error.strerror or type(error).__name__
