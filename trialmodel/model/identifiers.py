"""A trial's registrations and the record's id: any registry's trial can be a record.

WHO's Trial Registration Data Set names a trial by its primary registry and that registry's id
(item 1) and dates it by its registration there (item 2). A record names the registrations its
sources give; its id is the primary registration's id, else its NCT id. Every place that keys a
record (its file name, its history folder, change reports, tables, FHIR ids, the report) takes
``record_id``; registry operations (fetch, sync, import --update) stay with the NCT id.
"""

from trialmodel.model.base import Identity, Section
from trialmodel.model.types import Lax, PartialDate, Text
from trialmodel.model.vocab import ID_FILE_REPLACEMENT, ID_FILE_SEPARATOR, TrialRegistry

__all__ = ["TRIAL_ID_PATTERN", "Registration", "file_stem", "primary_registration", "record_id_of"]


class Registration(Section):
    """The trial's registration in one registry: WHO Trial Registration Data Set item 1 (primary
    registry and trial identifying number) and item 2 (date of registration in that registry).
    A trial registered in several registries has one registration each; one of them is the
    primary registration."""

    follows = "WHO Trial Registration Data Set v1.3.1, items 1 and 2"
    identity = Identity((("registry", "id"), ("id",)), names=("id",))

    registry: Lax[TrialRegistry]
    """The registry (CHICTR, CTRI, CTGOV, ...)."""
    id: Text
    """The trial's id in that registry, exactly as the registry issues it (ChiCTR2600126854,
    CTRI/2019/11/021872); checked against the registry's format where one is known
    (`trialmodel.model.vocab.REGISTRY_ID_PATTERNS`)."""
    primary: bool | None = None
    """True for the primary registration, the one whose id is the record's id (WHO item 1);
    at most one registration is primary."""
    registered: PartialDate | None = None
    """The date of registration in this registry, as that registry gives it (WHO item 2)."""
    url: Text | None = None
    """The registration's page at the registry."""


TRIAL_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9./-]{0,63}$"
"""What any record id is made of, whatever its registry: letters, digits, ``.``, ``-`` and
``/``, starting with a letter or digit, at most 64 characters, so that its file name
(`file_stem`) stays inside the records folder and is a valid FHIR resource id."""


def primary_registration(registrations: list[Registration] | None) -> Registration | None:
    """The first registration marked primary, or None."""
    return next((r for r in registrations or [] if r.primary), None)


def record_id_of(nct_id: str | None, registrations: list[Registration] | None) -> str | None:
    """The record's id: its primary registration's id, else its NCT id (None with neither)."""
    primary = primary_registration(registrations)
    return primary.id if primary is not None else nct_id


def file_stem(record_id: str) -> str:
    """The file name (without ``.yaml``) of the record with this id, and of its history folder:
    the id with every ``/`` written ``-`` (CTRI/2019/11/021872 -> CTRI-2019-11-021872)."""
    return record_id.replace(ID_FILE_SEPARATOR, ID_FILE_REPLACEMENT)
