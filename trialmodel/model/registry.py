"""Registry-only parts of a record: expanded access, references, documents and derived codes.

These hold what ClinicalTrials.gov publishes about a study besides its protocol: they are filled by
``trialmodel import ctgov`` and written back by ``trialmodel export ctgov``; a curator rarely edits
them. Enumerations use the registry's spellings.
"""

from typing import Annotated

from pydantic import Field

from trialmodel.model.base import Identity, Section
from trialmodel.model.types import Lax, NctId, PartialDate, Text, WholeNumber
from trialmodel.model.vocab import BioSpecRetention, ExpandedAccessStatus, ReferenceType

__all__ = [
    "BioSpec",
    "Derived",
    "Documents",
    "ExpandedAccess",
    "ExpandedAccessTypes",
    "GeoPoint",
    "References",
]


class ExpandedAccess(Section):
    """Whether the product is also available outside the trial (registry ``expandedAccessInfo``)."""

    available: bool | None = None
    """True when expanded access to the investigational product is available."""
    nct_id: NctId | None = None
    """The expanded-access record of the product."""
    status: Lax[ExpandedAccessStatus] | None = None
    """The status of that expanded-access record."""


class ExpandedAccessTypes(Section):
    """The kinds of expanded access an expanded-access record offers."""

    individual: bool | None = None
    """For individual patients, emergency use included."""
    intermediate: bool | None = None
    """For intermediate-size populations."""
    treatment: bool | None = None
    """Under a treatment protocol (large populations)."""


class BioSpec(Section):
    """Biospecimens an observational study keeps."""

    retention: Lax[BioSpecRetention] | None = None
    """Whether samples are kept, with DNA or without."""
    description: Text | None = None
    """The specimens in the source's words."""


class GeoPoint(Section):
    """A site's position as the registry geocodes it (WGS 84 degrees)."""

    lat: Annotated[float, Field(ge=-90, le=90)]
    """Latitude in degrees."""
    lon: Annotated[float, Field(ge=-180, le=180)]
    """Longitude in degrees."""


class Retraction(Section):
    """A retraction notice of a cited publication."""

    identity = Identity(())  # no field names one: recognised by its whole content

    pmid: Text | None = None
    """PubMed id of the retraction notice."""
    source: Text | None = None
    """Where the retraction was published."""


class Reference(Section):
    """A publication the registry record cites."""

    identity = Identity((("pmid", "citation"), ("pmid",)), names=("citation",))

    pmid: Text | None = None
    """PubMed id."""
    type: Lax[ReferenceType] | None = None
    """BACKGROUND reading, a RESULT of this study, or DERIVED from its data."""
    citation: Text | None = None
    """The citation as given."""
    retractions: list[Retraction] | None = None
    """Retraction notices of the publication."""


class Link(Section):
    """A web page the registry record links to."""

    identity = Identity((("url",),), names=("url",))

    label: Text | None = None
    """What the page is."""
    url: Text
    """Its address."""


class AvailableIpd(Section):
    """A set of individual participant data, or a document, available elsewhere."""

    identity = Identity((("id", "url"),))

    id: Text | None = None
    """The data set's identifier where it is kept."""
    type: Text | None = None
    """Kind of data or document, as the source says."""
    url: Text | None = None
    """Where it is available."""
    comment: Text | None = None
    """Conditions or notes."""


class References(Section):
    """Publications, links and available data the registry record cites."""

    publications: list[Reference] | None = None
    """Cited publications."""
    see_also: list[Link] | None = None
    """Links to web pages about the study."""
    available_ipds: list[AvailableIpd] | None = None
    """Individual participant data sets and documents available elsewhere."""


class MeshTerm(Section):
    """A Medical Subject Headings descriptor the registry codes a condition or intervention as."""

    identity = Identity((("id",),), names=("id",))

    id: Text
    """MeSH unique id (D003920)."""
    term: Text
    """MeSH heading (Diabetes Mellitus)."""


class Derived(Section):
    """What the registry derives from the record: MeSH coding, removed countries, version date."""

    condition_mesh_terms: list[MeshTerm] | None = None
    """MeSH descriptors of the conditions studied, as the registry codes them."""
    intervention_mesh_terms: list[MeshTerm] | None = None
    """MeSH descriptors of the interventions, as the registry codes them."""
    removed_countries: list[Text] | None = None
    """Countries whose sites were all removed from the record."""
    version_holder: PartialDate | None = None
    """The registry's date of the data version the record was read from."""


class Document(Section):
    """A study document the registry holds (protocol, statistical analysis plan, consent form)."""

    identity = Identity((("filename",), ("label",)), names=("filename",))

    type: Text | None = None
    """The registry's document type code (Prot, SAP, ICF, Prot_SAP, Prot_ICF, Prot_SAP_ICF)."""
    has_protocol: bool | None = None
    """The document contains the study protocol."""
    has_sap: bool | None = None
    """The document contains the statistical analysis plan."""
    has_icf: bool | None = None
    """The document contains the informed consent form."""
    label: Text | None = None
    """Its title."""
    date: PartialDate | None = None
    """The document's own date."""
    upload_date: Text | None = None
    """When it was uploaded, as the registry gives it (2019-04-27T15:51)."""
    filename: Text | None = None
    """Its file name at the registry."""
    size: WholeNumber | None = None
    """Its size in bytes."""


class Documents(Section):
    """The study documents the registry holds."""

    no_sap: bool | None = None
    """True when the sponsor says there is no statistical analysis plan."""
    files: list[Document] | None = None
    """The documents."""
