"""trialmodel: the reference data model for cell-therapy clinical trials."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from trialmodel.model.record import TrialRecord

try:
    __version__ = version("trialmodel")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["TrialRecord", "__version__"]
