"""The one root of trialmodel's exceptions.

Problems in the data are findings, not exceptions; exceptions are for misuse of the API and for
input a call cannot work on at all (a file that is not registry JSON, a record that does not
validate when loading was asked to succeed, a target that must not be overwritten). Every such
exception is a ``TrialmodelError``, so a caller can catch them all in one clause, and each keeps
the built-in base that says its kind (``ValueError``, ``FileExistsError``, ``OSError``), so
existing ``except`` clauses keep working.
"""

from __future__ import annotations

__all__ = ["TrialmodelError"]


class TrialmodelError(Exception):
    """Something trialmodel could not do; the message names the file and the reason."""
