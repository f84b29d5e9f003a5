"""Settings shared by every test module."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest
from hypothesis import settings

# Property tests check claims about all inputs, not speed: on a loaded two-core machine hypothesis's
# default 200 ms deadline failed an example that passed on every rerun. Under CI the examples are
# derandomized too, so a commit gets the same verdict every time it is checked.
settings.register_profile("trialmodel", deadline=None, derandomize=bool(os.environ.get("CI")))
settings.load_profile("trialmodel")


def pytest_configure(config: pytest.Config) -> None:
    """The record validator's cache (trialmodel.validation.validator) goes to a folder of this
    run, set before collection: tests, and the commands they start, never write to the user's."""
    folder = tempfile.mkdtemp(prefix="trialmodel-validator-cache-")
    os.environ["TRIALMODEL_CACHE_DIR"] = folder
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
