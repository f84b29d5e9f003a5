"""Summary results as the registry posts them: dates, reported outcome measures, unposted events.

The record keeps which outcomes were reported and how (title, type, time frame, what was measured),
so that registered and reported outcomes can be compared; the result numbers themselves (groups,
counts, analyses, baseline, participant flow, adverse events) stay in the registry.
"""

from trialmodel.model.base import Identity, Section
from trialmodel.model.types import Lax, PartialDate, Text
from trialmodel.model.vocab import (
    AgreementRestrictionType,
    DateType,
    MeasureParam,
    OutcomeMeasureType,
    ReportingStatus,
    UnpostedEventType,
    ViolationEventType,
)

__all__ = ["Results"]


class ReportedOutcome(Section):
    """An outcome measure as reported in posted results."""

    identity = Identity((("type", "title", "time_frame"),), names=("title",))

    type: Lax[OutcomeMeasureType] | None = None
    """PRIMARY, SECONDARY, OTHER_PRE_SPECIFIED or POST_HOC."""
    title: Text
    """The measure as reported."""
    description: Text | None = None
    """How it was measured."""
    population_description: Text | None = None
    """Who was analysed."""
    reporting_status: Lax[ReportingStatus] | None = None
    """Whether its data are posted yet."""
    anticipated_posting_date: PartialDate | None = None
    """When data not yet posted are expected."""
    param_type: Lax[MeasureParam] | None = None
    """The statistic reported."""
    dispersion_type: Text | None = None
    """The measure of dispersion, as the registry gives it (Standard Deviation, Full Range)."""
    unit_of_measure: Text | None = None
    """Unit of the reported values."""
    calculate_pct: bool | None = None
    """Whether the registry computes percentages for it."""
    time_frame: Text | None = None
    """When it was measured."""
    type_units_analyzed: Text | None = None
    """What was counted when not participants (eyes, lesions)."""
    denom_units_selected: Text | None = None
    """The unit of the denominators."""


class UnpostedEvent(Section):
    """An event in the registry's review of results submitted but not yet posted."""

    identity = Identity((("type", "date"),))

    type: Lax[UnpostedEventType]
    """RESET (returned for correction), RELEASE (submitted), UNRELEASE (withdrawn)."""
    date: PartialDate | None = None
    """When it happened."""
    date_unknown: bool | None = None
    """True when the registry does not know the date."""


class ViolationEvent(Section):
    """A violation of the registry's reporting rules (FDAAA 801) that the registry records."""

    identity = Identity(())  # no field names one: recognised by its whole content

    type: Lax[ViolationEventType]
    """VIOLATION_IDENTIFIED, CORRECTION_CONFIRMED or PENALTY_IMPOSED."""
    description: Text | None = None
    """The violation in the registry's words."""
    creation_date: PartialDate | None = None
    """When the registry recorded it."""
    issued_date: PartialDate | None = None
    """When the notice was issued."""
    release_date: PartialDate | None = None
    """When it was released."""
    posted_date: PartialDate | None = None
    """When it was posted."""


class ResultsContact(Section):
    """Whom to ask about the results."""

    title: Text | None = None
    """Name or official title."""
    organization: Text | None = None
    """Organisation."""
    email: Text | None = None
    """E-mail address."""
    phone: Text | None = None
    """Telephone number as written."""
    phone_ext: Text | None = None
    """Telephone extension."""


class Agreement(Section):
    """Whether an agreement restricts the investigators' right to publish the results."""

    pi_sponsor_employee: bool | None = None
    """True when the principal investigators are sponsor employees."""
    restriction_type: Lax[AgreementRestrictionType] | None = None
    """How long the sponsor may hold back a publication."""
    restrictive_agreement: bool | None = None
    """True when such an agreement exists."""
    other_details: Text | None = None
    """The restriction in the source's words."""


class Results(Section):
    """Whether summary results are posted (WHO item 23), when, and which outcomes they report."""

    curated = frozenset({"publications"})

    posted: bool
    """True once the registry posts results."""
    first_posted: PartialDate | None = None
    """Date results were first posted."""
    publications: list[Text] | None = None
    """Citations of result publications."""
    first_posted_type: Lax[DateType] | None = None
    """Whether the first-posted date has happened (ACTUAL) or is planned (ESTIMATED)."""
    first_submitted: PartialDate | None = None
    """Date results were first submitted."""
    first_submitted_qc: PartialDate | None = None
    """Date the first submitted results passed the registry's quality control."""
    disposition_first_submitted: PartialDate | None = None
    """Date a certification or extension request (to delay results) was first submitted."""
    disposition_first_submitted_qc: PartialDate | None = None
    """Date that request passed the registry's quality control."""
    disposition_first_posted: PartialDate | None = None
    """Date that request was first posted."""
    disposition_first_posted_type: Lax[DateType] | None = None
    """Whether that date has happened (ACTUAL) or is planned (ESTIMATED)."""
    reported_outcomes: list[ReportedOutcome] | None = None
    """The outcome measures the results report, in the registry's order."""
    limitations: Text | None = None
    """Limitations and caveats of the results."""
    agreement: Agreement | None = None
    """Restrictions on publishing the results."""
    contact: ResultsContact | None = None
    """Whom to ask about the results."""
    unposted_responsible_party: Text | None = None
    """Who submitted results the registry has not posted."""
    unposted_events: list[UnpostedEvent] | None = None
    """Events of the registry's review of results not yet posted."""
    violation_events: list[ViolationEvent] | None = None
    """Violations of the registry's reporting rules the registry records."""
