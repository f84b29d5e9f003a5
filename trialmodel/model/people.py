"""Sites, people and provenance: who runs the trial, where, and where the record comes from."""

from typing import Annotated

from pydantic import Field

from trialmodel.model.base import Identity, Section
from trialmodel.model.provenance import ValueSource
from trialmodel.model.registry import GeoPoint
from trialmodel.model.types import FindingCode, Lax, PartialDate, Text, Timestamp, WholeNumber
from trialmodel.model.vocab import ContactRole, CurationState, OfficialRole, SiteStatus, SourceKind

__all__ = [
    "Acknowledgment",
    "Contact",
    "CurationNote",
    "Location",
    "Official",
    "Provenance",
    "Snapshot",
    "Source",
]


class Contact(Section):
    """A contact person."""

    identity = Identity((("name", "phone"), ("name",)), names=("name",))

    name: Text | None = None
    """Name as the source gives it; the registry lists some site contacts by phone alone."""
    role: Lax[ContactRole] | None = None
    """Role of the contact."""
    phone: Text | None = None
    """Telephone number as written."""
    email: Text | None = None
    """E-mail address."""
    phone_ext: Text | None = None
    """Telephone extension (or, as some registry entries have it, a country code)."""


class Official(Section):
    """An overall official of the study."""

    identity = Identity((("name",),), names=("name",))

    name: Text
    """Name."""
    affiliation: Text | None = None
    """Affiliation."""
    role: Lax[OfficialRole] | None = None
    """Role."""


class Location(Section):
    """A site; its identity is facility, city and country."""

    identity = Identity(
        (("facility", "city", "country"), ("facility", "country")),
        names=("facility", "city", "country"),
    )

    facility: Text | None = None
    """Name of the facility."""
    city: Text | None = None
    """City."""
    state: Text | None = None
    """State, province or region."""
    zip: Text | None = None
    """Postal code."""
    country: Text
    """Country."""
    status: Lax[SiteStatus] | None = None
    """Recruitment status of the site."""
    contacts: list[Contact] | None = None
    """Site contacts."""
    geo_point: GeoPoint | None = None
    """The site's position as the registry geocodes it."""


class RegistryVersion(Section):
    """The registry version a source reflects."""

    last_update_posted: PartialDate | None = None
    """The registry's last-update-posted date shown by the source."""
    verified: PartialDate | None = None
    """The status verified date shown by the source."""


class Source(Section):
    """A source the record was curated from."""

    identity = Identity((("name", "url"), ("name",)), names=("name",))

    name: Text
    """Name of the source (a registry, a mirror site, a journal)."""
    kind: Lax[SourceKind] | None = None
    """Kind of source; the one nearest the registry wins a conflict."""
    url: Text | None = None
    """Where it was read."""
    seen: PartialDate | None = None
    """When it was read."""
    reflects: RegistryVersion | None = None
    """The registry version the source shows."""
    note: Text | None = None
    """What this source contributed, or what it lacks."""


class CurationNote(Section):
    """A curator's note: what was normalised, how a conflict was settled, what no source says."""

    identity = Identity((("topic", "note"), ("topic",)), names=("topic",))

    topic: Text
    """The record path or subject the note is about (design.phases)."""
    note: Text
    """The note."""


class Acknowledgment(Section):
    """A warning a curator has checked and explains: ``trialmodel validate`` reports it as
    acknowledged, with this reason, and ``--strict`` no longer fails on it."""

    identity = Identity(())  # no field names one: recognised by its whole content

    code: FindingCode
    """The warning's code (status_needs_why_stopped)."""
    path: Text
    """Where the warning is, as validate prints it (status.overall)."""
    reason: Text
    """Why the record is right as it is."""


class Snapshot(Section):
    """When the registry version a record reflects was current, as far as the sources date it.

    A version is identified by its trial id and this date: ``date`` when a source gives the
    registry's own date (last update posted), else the bounds the sources support.
    """

    date: PartialDate | None = None
    """The registry date this version reflects (its last update posted, or verified date)."""
    not_before: PartialDate | None = None
    """The version was current no earlier than this (for an undated copy)."""
    not_after: PartialDate | None = None
    """The version was current no later than this (an undated copy refreshed by then)."""
    version: WholeNumber | None = None
    """The registry's number for this version (0 is the first registration), as its version
    history numbers them; absent when the version was not read from that history."""
    submitted: PartialDate | None = None
    """The date this version was submitted to the registry (the date its version history gives
    it). With `version` it identifies the version: history files are named
    `<submitted>.v<version>.yaml`."""
    changed_modules: list[Text] | None = None
    """The parts of the record the registry says this version changed (its ``moduleLabels``:
    Study Status, Outcome Measures, ...); absent for the first registration."""
    retrieved: Timestamp | None = None
    """When this version was retrieved from the registry (UTC)."""
    note: Text | None = None
    """How the date or bounds were established."""


class Provenance(Section):
    """Where the record comes from and how far it is curated."""

    state: Lax[CurationState]
    """IMPORTED from registry data, CURATED by hand, or REVIEWED by a second curator."""
    sources: Annotated[list[Source], Field(min_length=1)]
    """The sources, nearest the registry first."""
    snapshot: Snapshot | None = None
    """When the registry version this record reflects was current."""
    curation_notes: list[CurationNote] | None = None
    """Curation notes."""
    needs_review: list[Text] | None = None
    """Record paths whose values a parser filled and a curator has not yet confirmed."""
    acknowledgments: list[Acknowledgment] | None = None
    """Warnings a curator has checked: each is reported as acknowledged and passes --strict."""
    values: Annotated[list[ValueSource], Field(min_length=1)] | None = None
    """Which source gave which value (record path -> source name), where the record says so."""
