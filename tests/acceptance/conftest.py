"""Fixtures shared by the output tests: the registry corpus imported as records."""

from __future__ import annotations

from pathlib import Path

import pytest

from trialmodel.ctgov import import_files, write_records
from trialmodel.validation.files import validate_serially as validate_paths

CORPUS = Path(__file__).parents[1] / "data" / "ctgov-corpus"
RECORDS = Path(__file__).parents[2] / "records"


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
