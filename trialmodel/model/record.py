"""TrialRecord, the root of a record, and its registry sections.

A field that is absent means that no source used for the record says it; it never means
"empty" or "none". Partial versions of a record (older registry copies) rely on this.
"""

from typing import Annotated, Self

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from trialmodel.model.base import Identity, Section
from trialmodel.model.identifiers import Registration, record_id_of
from trialmodel.model.people import Contact, Location, Official, Provenance
from trialmodel.model.product import BackgroundTherapy, CellProduct, DoseDesign, DoseLevel
from trialmodel.model.protocol import Design as Design
from trialmodel.model.protocol import DesignPart as DesignPart
from trialmodel.model.protocol import Eligibility as Eligibility
from trialmodel.model.protocol import Enrollment as Enrollment
from trialmodel.model.protocol import EthicsReview as EthicsReview
from trialmodel.model.protocol import MaskingInfo as MaskingInfo
from trialmodel.model.protocol import Oversight as Oversight
from trialmodel.model.registry import Derived, Documents, ExpandedAccess, References
from trialmodel.model.regulation import Regulation as Regulation
from trialmodel.model.results import Results as Results
from trialmodel.model.types import Lax, NctId, PartialDate, SchemaVersion, Text
from trialmodel.model.vocab import (
    AgencyClass,
    ArmType,
    DateType,
    InterventionRole,
    InterventionType,
    OrgStudyIdType,
    OverallStatus,
    ResponsiblePartyType,
    SecondaryIdType,
)

__all__ = [
    "SCHEMA_VERSION",
    "Arm",
    "DatedEvent",
    "Design",
    "DesignPart",
    "Enrollment",
    "Identification",
    "Intervention",
    "Location",
    "Organisation",
    "Outcome",
    "Outcomes",
    "Results",
    "Sponsors",
    "Status",
    "TrialRecord",
]

SCHEMA_VERSION = "2.0"
"""The record format version this trialmodel writes (MAJOR.MINOR)."""

TextList = Annotated[list[Text], Field(min_length=1)]


class Organisation(Section):
    """A sponsor or collaborator."""

    identity = Identity((("name",),), names=("name",))

    name: Text
    """Name of the organisation."""
    agency_class: Lax[AgencyClass] | None = None
    """Kind of organisation."""


class SecondaryId(Section):
    """Another identifier of the same study: an org id, a grant, another registry's id."""

    identity = Identity((("id",),), names=("id",))

    id: Text
    """The identifier as issued (ChiCTR2600126854)."""
    type: Lax[SecondaryIdType] | None = None
    """Kind of identifier; REGISTRY for another WHO-network registry."""
    domain: Text | None = None
    """Who issued it (Chinese Clinical Trial Registry)."""
    link: Text | None = None
    """A web address for the identifier (a grant's page)."""


class Identification(Section):
    """Identifiers and titles (WHO items 1, 3, 9, 10). A record is keyed by its id
    (`record_id`): the primary registration's id, else the NCT id; it needs one of them."""

    keeps_curated_items = frozenset({"secondary_ids"})
    curated = frozenset({"registrations"})

    nct_id: NctId | None = None
    """ClinicalTrials.gov identifier; absent for a trial registered only elsewhere, which then
    names its primary registration."""
    registrations: Annotated[list[Registration], Field(min_length=1)] | None = None
    """The trial's registrations, each with its registry's id and registration date (WHO items
    1 and 2); the primary one gives the record its id. Absent: the NCT id is the record's id
    and ClinicalTrials.gov its registry. Other registries' ids may also stand, without dates,
    in `secondary_ids` (type REGISTRY), as the registry lists them."""
    org_study_id: Text | None = None
    """The sponsor's own study identifier."""
    secondary_ids: list[SecondaryId] | None = None
    """Other identifiers of the study, other registries' included."""
    brief_title: Text | None = None
    """Short public title."""
    official_title: Text | None = None
    """Full scientific title."""
    acronym: Text | None = None
    """Study acronym."""
    org_study_id_type: Lax[OrgStudyIdType] | None = None
    """Kind of the sponsor's study identifier, where it is an agency's or a grant number."""
    org_study_id_link: Text | None = None
    """A web address for the sponsor's study identifier."""
    organisation: Organisation | None = None
    """The organisation that registered the study (the registry's organization)."""
    nct_id_aliases: list[NctId] | None = None
    """Other NCT ids the registry retired in favour of this one (duplicate registrations)."""

    @model_validator(mode="after")
    def _has_an_id(self) -> Self:
        if record_id_of(self.nct_id, self.registrations) is None:
            raise PydanticCustomError(
                "record_id_missing",
                "the record has no id: give nct_id, or a registration with primary: true",
            )
        return self

    @property
    def record_id(self) -> str:
        """The record's id, its key everywhere (file name, history folder, change reports,
        tables, FHIR, the report): the primary registration's id, else the NCT id."""
        found = record_id_of(self.nct_id, self.registrations)
        if found is None:  # only a record built without validation can lack both
            raise ValueError("the record has no id: neither nct_id nor a primary registration")
        return found


class DatedEvent(Section):
    """A registry date and whether it has happened (ACTUAL) or is planned (ESTIMATED)."""

    date: PartialDate
    """The date exactly as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD."""
    type: Lax[DateType] | None = None
    """ACTUAL or ESTIMATED; absent where the source does not say."""


class Status(Section):
    """Recruitment status and key dates (WHO items 2, 16, 18, 22)."""

    overall: Lax[OverallStatus]
    """Recruitment status of the study."""
    why_stopped: Text | None = None
    """Why a suspended, terminated or withdrawn study stopped."""
    verified: PartialDate | None = None
    """Date the sponsor last verified the record (status verified date)."""
    start: DatedEvent | None = None
    """Study start: first participant enrolled."""
    primary_completion: DatedEvent | None = None
    """Last participant's last visit for the primary outcome."""
    completion: DatedEvent | None = None
    """Last participant's last visit."""
    first_submitted: PartialDate | None = None
    """Date the record was first submitted to the registry."""
    first_posted: DatedEvent | None = None
    """Date the record was first posted (date of registration)."""
    last_update_posted: DatedEvent | None = None
    """Date the registry posted the version this record reflects."""
    last_known: Lax[OverallStatus] | None = None
    """For a study whose status is UNKNOWN, the last status its sponsor reported."""
    first_submitted_qc: PartialDate | None = None
    """Date the first submission passed the registry's quality control."""
    last_update_submitted: PartialDate | None = None
    """Date the version this record reflects was submitted."""
    delayed_posting: bool | None = None
    """True when the sponsor delays posting a device study until its approval."""
    expanded_access: ExpandedAccess | None = None
    """Whether the product is also available through expanded access."""


class ResponsibleParty(Section):
    """Who is responsible for the registry entry."""

    type: Lax[ResponsiblePartyType] | None = None
    # Older registry pages print the party as "name, affiliation" without saying which kind.
    """Sponsor, principal investigator or sponsor-investigator; absent if no source says."""
    investigator_name: Text | None = None
    """The investigator's name, for an investigator type."""
    investigator_title: Text | None = None
    """The investigator's title."""
    investigator_affiliation: Text | None = None
    """The investigator's affiliation."""
    old_name_title: Text | None = None
    """The party's name and title as older registry entries give it, without a type."""
    old_organization: Text | None = None
    """The party's organisation as older registry entries give it."""


class Sponsors(Section):
    """Sponsors and support (WHO items 4, 5, 6)."""

    curated = frozenset({"funding_sources"})

    lead: Organisation | None = None
    """Primary sponsor."""
    collaborators: list[Organisation] | None = None
    """Secondary sponsors and collaborators."""
    responsible_party: ResponsibleParty | None = None
    """Who is responsible for the registry entry."""
    funding_sources: list[Text] | None = None
    """Sources of monetary or material support, where named apart from the sponsors."""


class Description(Section):
    """The study in prose."""

    brief_summary: Text | None = None
    """Short description for the public."""
    detailed_description: Text | None = None
    """Extended description."""


class Arm(Section):
    """An arm or group: who gets what, and for cell products, at which dose."""

    identity = Identity((("label",),), names=("label",))
    curated = frozenset({"dose_design", "dose_levels"})

    label: Text
    """Arm label, unique in the record; interventions name their arms by it."""
    type: Lax[ArmType] | None = None
    """Registry arm type."""
    description: Text | None = None
    """The arm in the source's words."""
    interventions: list[Text] | None = None
    """Names of the interventions given in this arm."""
    dose_design: DoseDesign | None = None
    """How doses are assigned in this arm (dose escalation)."""
    dose_levels: list[DoseLevel] | None = None
    """Dose groups of the arm's cell product."""


class Intervention(Section):
    """An intervention (WHO item 13); a cell-based one describes its product."""

    identity = Identity((("type", "name", "arms"), ("type", "name"), ("name",)), names=("name",))
    curated = frozenset({"cell_based", "product", "role"})

    type: Lax[InterventionType] | None = None
    """Registry intervention type; absent where no source shows it."""
    name: Text
    """Intervention name, unique in the record; arms name their interventions by it."""
    description: Text | None = None
    """The intervention in the source's words."""
    other_names: list[Text] | None = None
    """Other names and codes."""
    arms: list[Text] | None = None
    """Labels of the arms that give this intervention."""
    cell_based: bool | None = None
    """True for a cell or cell-derived product; such an intervention needs a product."""
    product: Text | None = None
    """The name of the cell-therapy product this intervention gives, for a cell-based
    intervention: an entry of the record's ``products``."""
    role: Lax[InterventionRole] | None = None
    """What the intervention is in the trial (EXPERIMENTAL, ACTIVE_COMPARATOR, PLACEBO,
    CONDITIONING...), after CDISC USDM's StudyIntervention.role; curated, since the registry's
    arm types describe arms, not interventions."""


class Outcome(Section):
    """An outcome measure (WHO items 19, 20)."""

    identity = Identity((("measure", "time_frame"), ("measure",)), names=("measure",))

    measure: Text
    """What is measured; unique within its list."""
    time_frame: Text | None = None
    """When it is measured."""
    description: Text | None = None
    """How it is measured."""


class Outcomes(Section):
    """Primary, secondary and other outcome measures."""

    primary: list[Outcome] | None = None
    """Primary outcomes."""
    secondary: list[Outcome] | None = None
    """Secondary outcomes."""
    other: list[Outcome] | None = None
    """Other pre-specified outcomes."""


class TrialRecord(Section):
    """A curated record of one cell-therapy clinical trial."""

    curated = frozenset(
        {"schema_version", "products", "background_therapies", "regulation", "provenance"}
    )

    schema_version: SchemaVersion
    """Version of the record format, MAJOR.MINOR ("2.0"); a 1.x record is rewritten as 2.0 by
    ``trialmodel migrate``."""
    identification: Identification
    """Identifiers and titles."""
    status: Status | None = None
    """Recruitment status and key dates."""
    sponsors: Sponsors | None = None
    """Sponsors, collaborators and the responsible party."""
    conditions: TextList | None = None
    """Conditions studied (WHO item 12)."""
    keywords: list[Text] | None = None
    """Keywords."""
    description: Description | None = None
    """The study in prose."""
    design: Design | None = None
    """Study design."""
    arms: list[Arm] | None = None
    """Arms and groups."""
    products: list[CellProduct] | None = None
    """The cell-therapy products under study, each described once (names unique); the
    interventions that give a product name it."""
    interventions: list[Intervention] | None = None
    """Interventions."""
    background_therapies: list[BackgroundTherapy] | None = None
    """Therapies given besides the interventions under study: to every participant, or to the
    arms each names."""
    outcomes: Outcomes | None = None
    """Outcome measures."""
    eligibility: Eligibility | None = None
    """Eligibility."""
    locations: list[Location] | None = None
    """Sites (countries of recruitment, WHO item 11, derive from them)."""
    officials: list[Official] | None = None
    """Overall officials."""
    contacts: list[Contact] | None = None
    """Central contacts, public and scientific (WHO items 7, 8)."""
    oversight: Oversight | None = None
    """Ethics review and data sharing."""
    regulation: Regulation | None = None
    """How regulators class the product under study and what they have granted it (EU, US,
    Japan), with the source of each fact."""
    results: Results | None = None
    """Summary results."""
    references: References | None = None
    """Publications, links and available data the registry record cites."""
    documents: Documents | None = None
    """Study documents the registry holds."""
    derived: Derived | None = None
    """What the registry derives from the record (MeSH coding, removed countries)."""
    provenance: Provenance
    """Where the record comes from and how it was curated."""

    def product_of(self, intervention: Intervention) -> CellProduct | None:
        """The product ``intervention`` names (None: it names none, or one not in ``products``)."""
        for product in self.products or ():
            if intervention.product is not None and product.name == intervention.product:
                return product
        return None
