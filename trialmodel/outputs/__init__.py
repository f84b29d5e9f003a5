"""What people downstream read: analysis tables, a static report, and FHIR R5 bundles.

Each output is an optional extra (``trialmodel[tables]``, ``[report]``, ``[fhir]``) whose library is
imported only by the output that uses it. They all read their input the same way
(``trialmodel.outputs.collect``): the records a user names, each with every version held.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from trialmodel.errors import TrialmodelError

__all__ = ["OutputError", "check_free", "write_text"]


class OutputError(TrialmodelError):
    """An output that cannot be made from valid records (an export check failed): a message."""


class OutputExistsError(TrialmodelError, FileExistsError):
    """An output file exists and replacing it was not asked for; nothing was written."""


def check_free(paths: Iterable[Path], *, force: bool) -> None:
    """Raise ``OutputExistsError`` naming the first of ``paths`` that exists, unless ``force``."""
    if force:
        return
    for path in paths:
        if path.exists():
            raise OutputExistsError(f"{path} exists (use --force to replace it)")


def write_text(path: Path, text: str) -> None:
    """Write through a temporary file and a rename, so no reader sees half a page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        Path(temporary).chmod(0o644)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
