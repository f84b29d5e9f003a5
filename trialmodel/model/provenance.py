"""Provenance per value: which of the record's sources gave a value, as data."""

from trialmodel.model.base import Identity, Section
from trialmodel.model.types import Text

__all__ = ["ValueSource"]


class ValueSource(Section):
    """Which source gave the value at one record path, after HL7 FHIR R5 Provenance: the value
    is its `target` (one element of it, as the targetPath extension names one), the source its
    `entity` (role `source`), kept inside the record. The path is checked to exist in the
    record, the source to be one of `provenance.sources`."""

    follows = "HL7 FHIR R5 Provenance (target with targetPath, entity role source)"
    identity = Identity((("path", "source"), ("path",)), names=("path",))

    path: Text
    """The value's record path, as validate prints it (identification.registrations[0].id,
    arms[1].dose_levels[0].dose); a section's path covers every value below it."""
    source: Text
    """The name of the source that gave it, as in `provenance.sources`."""
    note: Text | None = None
    """Where in the source, or how the value was read from it."""
