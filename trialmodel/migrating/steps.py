"""The steps from format 1.x to the current format, in the order they run.

A helper adding a structural change adds its step module beside this one and its ``STEP`` at its
place in ``STEPS`` (see the package docstring for the interface).
"""

from __future__ import annotations

from trialmodel.migrating import donor, dose_volume, products
from trialmodel.migrating.base import Step

__all__ = ["STEPS"]

STEPS: tuple[Step, ...] = (dose_volume.STEP, donor.STEP, products.STEP)
"""Every step, in order; each receives the tree the one before it returned."""
