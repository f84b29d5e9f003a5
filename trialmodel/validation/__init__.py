"""Validation: paths -> a Report of located findings.

One concept in one package: ``files`` reads and checks one record (the loader, the model, the
rules, acknowledgments) and finds the record files under folders; ``model_errors`` turns the
model's errors into findings, the one way a pydantic ``ValidationError`` becomes findings;
``rules`` holds the cross-field rules, by subject, in one explicit registry; ``parallel`` runs
files on a process pool, and ``progress`` says how far a long run is.

``validate_paths(paths, jobs=, progress=)`` is the one entry point. Its parts load on first use,
so importing the package costs nothing until a call is made (``trialmodel validate`` builds its
parser first).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trialmodel import _lazy_attributes

if TYPE_CHECKING:
    from trialmodel.validation.files import validate_bytes, validate_file
    from trialmodel.validation.parallel import validate_paths

__all__ = ["validate_bytes", "validate_file", "validate_paths"]

_LAZY = {
    "validate_paths": "trialmodel.validation.parallel",
    "validate_bytes": "trialmodel.validation.files",
    "validate_file": "trialmodel.validation.files",
}


__getattr__ = _lazy_attributes(__name__, globals(), _LAZY)
