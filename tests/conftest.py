"""Settings shared by every test module."""

from __future__ import annotations

import os

from hypothesis import settings

# Property tests check claims about all inputs, not speed: on a loaded two-core machine hypothesis's
# default 200 ms deadline failed an example that passed on every rerun. Under CI the examples are
# derandomized too, so a commit gets the same verdict every time it is checked.
settings.register_profile("trialmodel", deadline=None, derandomize=bool(os.environ.get("CI")))
settings.load_profile("trialmodel")
