"""What people downstream read: analysis tables, a static report, and FHIR R5 bundles.

Each output is an optional extra (``trialmodel[tables]``, ``[report]``, ``[fhir]``) whose library is
imported only by the output that uses it. They all read their input the same way
(``trialmodel.outputs.collect``): the records a user names, each with every version held.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


class OutputExistsError(FileExistsError):
    """An output file exists and replacing it was not asked for; nothing was written."""


def check_free(paths: Iterable[Path], *, force: bool) -> None:
    """Raise ``OutputExistsError`` naming the first of ``paths`` that exists, unless ``force``."""
    if force:
        return
    for path in paths:
        if path.exists():
            raise OutputExistsError(f"{path} exists (use --force to replace it)")
