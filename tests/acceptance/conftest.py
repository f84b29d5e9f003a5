"""Fixtures shared by the output tests (the registry corpus imported as records), and the switch
that regenerates expected outputs."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pytest

from trialmodel.ctgov import import_files, write_records
from trialmodel.validation.files import validate_serially as validate_paths

CORPUS = Path(__file__).parents[1] / "data" / "ctgov-corpus"
RECORDS = Path(__file__).parents[2] / "records"


def regenerate_requested(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether ``TRIALMODEL_REGEN=1`` asks to rewrite the expected outputs. Refused under CI: there
    it would write the outputs and then compare them with themselves, a check that cannot fail."""
    if environ.get("TRIALMODEL_REGEN") != "1":
        return False
    if environ.get("CI"):
        raise pytest.UsageError(
            "TRIALMODEL_REGEN=1 rewrites the expected outputs: refused under CI"
        )
    return True


@pytest.fixture(scope="session")
def corpus_records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The registry corpus (tests/data/ctgov-corpus), imported by the library into record files
    that all validate."""
    files = sorted(CORPUS.glob("NCT*.json"))
    studies, errors = import_files(files)
    assert errors == [] and len(studies) == len(files) > 200
    out = tmp_path_factory.mktemp("corpus")
    written = write_records(studies, out)
    assert validate_paths(list(written.values())).errors == 0
    return out
