"""trialmodel: the reference data model for cell-therapy clinical trials.

The public calls are imported on first use (``trialmodel.load_record`` loads the model then, not
``import trialmodel``), so the command line starts without building what it does not run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trialmodel.changes import Change, diff_records
    from trialmodel.ctgov import import_file
    from trialmodel.errors import TrialmodelError
    from trialmodel.findings import Finding, Report
    from trialmodel.migrating import MigrationError, migrate_file
    from trialmodel.model.record import TrialRecord
    from trialmodel.records import RecordError, load_record, load_records
    from trialmodel.schema.build import build_schema
    from trialmodel.validation.parallel import validate_paths

_LAZY = {
    "TrialRecord": "trialmodel.model.record",
    "RecordError": "trialmodel.records",
    "load_record": "trialmodel.records",
    "load_records": "trialmodel.records",
    "validate_paths": "trialmodel.validation",
    "diff_records": "trialmodel.changes",
    "Change": "trialmodel.changes",
    "Finding": "trialmodel.findings",
    "Report": "trialmodel.findings",
    "TrialmodelError": "trialmodel.errors",
    "import_file": "trialmodel.ctgov",
    "build_schema": "trialmodel.schema",
    "migrate_file": "trialmodel.migrating",
    "MigrationError": "trialmodel.migrating",
}

__all__ = [
    "Change",
    "Finding",
    "MigrationError",
    "RecordError",
    "Report",
    "TrialRecord",
    "TrialmodelError",
    "__version__",
    "build_schema",
    "diff_records",
    "import_file",
    "load_record",
    "load_records",
    "migrate_file",
    "package_version",
    "validate_paths",
]


@cache
def package_version() -> str:
    """The installed distribution's version, looked up on first use.

    importlib.metadata costs tens of milliseconds at import, and ``trialmodel validate`` runs in
    pre-commit hooks where start-up is most of the time, so only the reports that print the
    version pay for it.
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("trialmodel")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"


def _lazy_attributes(
    package: str, namespace: dict[str, Any], table: Mapping[str, str]
) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports each name of ``table`` (name -> module) on first use
    and keeps it in ``namespace``; the package root, ``validation`` and ``schema`` use it."""

    def load(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module), name)
        namespace[name] = value
        return value

    return load


_load = _lazy_attributes(__name__, globals(), _LAZY)


def __getattr__(name: str) -> Any:
    if name == "__version__":
        return package_version()
    return _load(name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
