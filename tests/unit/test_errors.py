"""Tests for trialmodel.errors: one exception family, and no table filled at import."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import trialmodel
from trialmodel.errors import TrialmodelError

INTERNAL = {
    # Control flow inside the loader, turned into findings before any caller sees them.
    "trialmodel.loading.core.Fatal",
    "trialmodel.loading.files.UnreadableError",
    "trialmodel.loading.files.TooLargeError",
}


def _exception_classes() -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(trialmodel.__path__, "trialmodel."):
        if info.name.endswith("__main__"):  # runs the command line when imported
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (
                isinstance(value, type)
                and issubclass(value, BaseException)
                and value.__module__ == info.name
                and not name.startswith("_")
            ):
                found[f"{info.name}.{name}"] = value
    return found


def test_every_public_exception_is_a_trialmodel_error() -> None:
    """Every exception class trialmodel raises to callers derives from TrialmodelError."""
    classes = _exception_classes()
    assert "trialmodel.records.RecordError" in classes
    outside = sorted(n for n, c in classes.items() if not issubclass(c, TrialmodelError))
    assert outside == sorted(INTERNAL)


def test_errors_keep_their_builtin_kind() -> None:
    """A TrialmodelError keeps the built-in base callers already catch (ValueError, OSError)."""
    from trialmodel.atomic import OverwriteRefusedError, WriteError
    from trialmodel.ctgov import CtgovError
    from trialmodel.records import RecordError

    assert issubclass(RecordError, ValueError)
    assert issubclass(CtgovError, ValueError)
    assert issubclass(OverwriteRefusedError, FileExistsError)
    assert issubclass(WriteError, OSError)


def test_importing_the_walker_registers_nothing() -> None:
    """The change walker alone has no handlers: diff_records passes its one table explicitly."""
    script = (
        "from trialmodel.changes.walk import Out\n"
        "import trialmodel.changes.milestones, trialmodel.changes.doses\n"
        "print(dict(Out().handlers))\n"
        "from trialmodel.changes import HANDLERS\n"
        "print(sorted(f'{m.__name__}.{f}' for m, f in HANDLERS))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.splitlines() == [
        "{}",
        "['Design.enrollment', 'DoseLevel.concentration', 'DoseLevel.cumulative_dose',"
        " 'DoseLevel.dose', 'TrialRecord.outcomes', 'TrialRecord.status']",
    ]


def test_rules_are_one_explicit_table() -> None:
    """RULES is an immutable tuple, one entry per rule, each summary its check's docstring."""
    from trialmodel.validation.rules import RULES

    assert isinstance(RULES, tuple)
    assert len({rule.code for rule in RULES}) == len(RULES)
    for rule in RULES:
        assert rule.check.__name__ == rule.code
        assert rule.summary == (rule.check.__doc__ or "").strip() != ""


def test_regenerating_expected_outputs_is_refused_under_ci() -> None:
    """TRIALMODEL_REGEN=1 under CI is a usage error, not a run comparing outputs with themselves."""
    import pytest

    from tests.acceptance.conftest import regenerate_requested

    assert regenerate_requested({}) is False
    assert regenerate_requested({"TRIALMODEL_REGEN": "1"}) is True
    with pytest.raises(pytest.UsageError, match="refused under CI"):
        regenerate_requested({"TRIALMODEL_REGEN": "1", "CI": "true"})
