"""trialmodel: the reference data model for cell-therapy clinical trials."""

from __future__ import annotations

from functools import cache

from trialmodel.model.record import TrialRecord

__all__ = ["TrialRecord", "__version__", "package_version"]


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


def __getattr__(name: str) -> str:
    if name == "__version__":
        return package_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
