"""Where each record field goes in the FHIR R5 Bundle, and why the others go nowhere.

``COVERAGE`` is read by prefix: an entry for ``oversight`` covers every field below it. A test
holds that every field of the model is covered, so a field added to the record must be placed
here, and ``trialmodel schema`` renders docs/fhir.md from it. No FHIR library is imported.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from trialmodel.model.base import model_in
from trialmodel.model.record import TrialRecord
from trialmodel.outputs.fhir.resources import DETAILS
from trialmodel.schema.build import GENERATED_NOTE

__all__ = ["COVERAGE", "FHIR_DOC_NAME", "placement", "record_fields", "render_fhir_doc"]

FHIR_DOC_NAME = "fhir.md"
"""The page's file name, beside the field reference."""

RS = "ResearchStudy"
BDP = "BiologicallyDerivedProduct"
_DESIGN = f"{RS}.studyDesign (text)"
_NO_DOSE = (
    "R5 has no dose or regimen on ResearchStudy or BiologicallyDerivedProduct; an arm's dose "
    "would need PlanDefinition/ActivityDefinition resources, which this export does not make"
)
_DETAIL = (
    f"{BDP}.property, one per value, its type the value's path in the product "
    "(manufacturing.passage.value)"
)
_BOOKKEEPING = (
    "registry bookkeeping with no ResearchStudy element (Meta is about the FHIR resource)"
)
_NO_GROUP = (
    "recruitment.eligibility refers to a Group or EvidenceVariable, which this export does not make"
)
_NO_RESULTS = (
    "ResearchStudy.result refers to EvidenceReport, Citation or DiagnosticReport resources, which "
    "this export does not make"
)
_PERSONAL = "personal contact details are left to the registry: not exported"
_CURATION = "curation bookkeeping; a Provenance resource could carry it, this export makes none"

COVERAGE: tuple[tuple[str, str | None, str], ...] = (
    ("schema_version", None, "the version of the YAML format, not a fact about the study"),
    ("identification.nct_id", f"{RS}.identifier (use official unless a primary registration)", ""),
    (
        "identification.registrations",
        f"{RS}.id (the record id's file stem); {RS}.identifier (primary: use official; type "
        "text: registry; period.start: registered)",
        "",
    ),
    ("identification.registrations.url", None, "Identifier has no link"),
    ("identification.nct_id_aliases", f"{RS}.identifier (use old)", ""),
    ("identification.org_study_id", f"{RS}.identifier (type: org study id)", ""),
    ("identification.org_study_id_type", None, "Identifier.type already says org study id"),
    ("identification.org_study_id_link", None, "Identifier has no link"),
    ("identification.secondary_ids", f"{RS}.identifier (use secondary; type, assigner)", ""),
    ("identification.secondary_ids.link", None, "Identifier has no link"),
    ("identification.brief_title", f"{RS}.title", ""),
    ("identification.official_title", f"{RS}.label (official)", ""),
    ("identification.acronym", f"{RS}.label (acronym)", ""),
    ("identification.organisation", None, "the registering organisation has no party role"),
    ("status.overall", f"{RS}.progressStatus, one per run of versions with one status", ""),
    ("status.why_stopped", f"{RS}.whyStopped (text)", ""),
    ("status.start.date", f"{RS}.period.start; progressStatus (overall-study)", ""),
    ("status.completion.date", f"{RS}.period.end; progressStatus (overall-study)", ""),
    ("status.start.type", None, "Period has no actual/estimated flag per end"),
    ("status.completion.type", None, "Period has no actual/estimated flag per end"),
    ("status.primary_completion", None, "no element or progress state for primary completion"),
    ("status.last_update_posted.date", f"{RS}.date", ""),
    ("status.last_update_posted.type", None, _BOOKKEEPING),
    ("status.verified", None, _BOOKKEEPING),
    ("status.first_submitted", None, _BOOKKEEPING),
    ("status.first_submitted_qc", None, _BOOKKEEPING),
    ("status.first_posted", None, _BOOKKEEPING),
    ("status.last_update_submitted", None, _BOOKKEEPING),
    ("status.last_known", None, "no element for the last status known before the record lapsed"),
    ("status.delayed_posting", None, _BOOKKEEPING),
    ("status.expanded_access", None, "no element for an expanded-access programme"),
    ("sponsors.lead", f"{RS}.associatedParty (lead-sponsor; classifier)", ""),
    ("sponsors.collaborators", f"{RS}.associatedParty (collaborator; classifier)", ""),
    ("sponsors.funding_sources", f"{RS}.associatedParty (funding-source)", ""),
    ("sponsors.responsible_party", None, "R5's party roles have no registry responsible party"),
    ("conditions", f"{RS}.condition (text)", ""),
    ("keywords", f"{RS}.keyword (text)", ""),
    ("description.brief_summary", f"{RS}.descriptionSummary", ""),
    ("description.detailed_description", f"{RS}.description", ""),
    ("design.phases", f"{RS}.phase (research-study-phase)", ""),
    ("design.primary_purpose", f"{RS}.primaryPurposeType", ""),
    ("design.study_type", _DESIGN, ""),
    ("design.allocation", _DESIGN, ""),
    ("design.intervention_model", _DESIGN, ""),
    ("design.masking.masking", _DESIGN, ""),
    ("design.masking.who_masked", _DESIGN, ""),
    ("design.observational_model", _DESIGN, ""),
    ("design.time_perspective", _DESIGN, ""),
    ("design.masking.description", None, "studyDesign holds concepts, not prose"),
    ("design.intervention_model_description", None, "studyDesign holds concepts, not prose"),
    ("design.enrollment", f"{RS}.recruitment.targetNumber (ESTIMATED) / actualNumber (ACTUAL)", ""),
    ("design.bio_spec", None, "no element for biospecimen retention"),
    ("design.patient_registry", None, "no element for a patient-registry flag"),
    ("design.target_duration", None, "no element for the target follow-up duration"),
    ("design.expanded_access_types", None, "no element for the kinds of expanded access"),
    (
        "design.parts",
        None,
        f"{RS} has one phase and one studyDesign; a part would be a {RS} of its own referring to "
        "the study by partOf, which this export does not make",
    ),
    ("arms.label", f"{RS}.comparisonGroup.name", ""),
    ("arms.type", f"{RS}.comparisonGroup.type (research-study-arm-type)", ""),
    ("arms.description", f"{RS}.comparisonGroup.description", ""),
    (
        "arms.interventions",
        None,
        "comparisonGroup.intendedExposure refers to EvidenceVariable only",
    ),
    ("arms.dose_design", None, _NO_DOSE),
    ("arms.dose_levels", None, _NO_DOSE),
    ("interventions.name", f"{RS}.focus.concept (text)", ""),
    ("interventions.cell_based", f"{RS}.focus.reference to the {BDP} (alternate-reference)", ""),
    ("interventions.type", None, "no code system for the registry's intervention types"),
    ("interventions.description", None, "CodeableReference has no description"),
    ("interventions.other_names", None, "CodeableReference has one text"),
    (
        "interventions.arms",
        None,
        "comparisonGroup.intendedExposure refers to EvidenceVariable only",
    ),
    (
        "interventions.role",
        None,
        f"{RS}.focus is a CodeableReference with no role; R5 has no study-intervention role",
    ),
    (
        "interventions.product",
        f"{RS}.focus.reference (alternate reference to the product's {BDP})",
        "",
    ),
    ("products.name", f"{BDP}.productCode (text)", ""),
    ("products.administered_form", f"{BDP}.productCategory; {BDP}.property", ""),
    ("products.cell_type", f"{BDP}.property (cell type; CL coding, Uberon for an islet)", ""),
    ("products.tissue_source", f"{BDP}.property (tissue source; Uberon coding)", ""),
    ("products.donor.relation", f"{BDP}.property (donor relation)", ""),
    ("products.excipients", f"{BDP}.property (excipient)", ""),
    ("products.description", None, f"{BDP} has no description element"),
    *((f"products.{name}", _DETAIL, "") for name in DETAILS),
    ("background_therapies", None, _NO_DOSE),
    ("outcomes", f"{RS}.outcomeMeasure (name, type primary/secondary/exploratory)", ""),
    ("outcomes.primary.description", f"{RS}.outcomeMeasure.description", ""),
    ("outcomes.secondary.description", f"{RS}.outcomeMeasure.description", ""),
    ("outcomes.other.description", f"{RS}.outcomeMeasure.description", ""),
    ("outcomes.primary.time_frame", f"{RS}.outcomeMeasure.description (Time frame: …)", ""),
    ("outcomes.secondary.time_frame", f"{RS}.outcomeMeasure.description (Time frame: …)", ""),
    ("outcomes.other.time_frame", f"{RS}.outcomeMeasure.description (Time frame: …)", ""),
    ("eligibility", None, _NO_GROUP),
    ("locations", f"Location (name, address), {RS}.site", ""),
    ("locations.geo_point", "Location.position", ""),
    ("locations.status", None, "Location.status is the place's own state, not recruitment"),
    ("locations.contacts", None, _PERSONAL),
    ("officials.name", f"{RS}.associatedParty.name", ""),
    ("officials.role", f"{RS}.associatedParty.role", ""),
    ("officials.affiliation", None, "associatedParty.party would need an Organization resource"),
    ("contacts", None, _PERSONAL),
    ("oversight", None, "no element for ethics review, DMC, data sharing or FDA regulation"),
    (
        "regulation",
        None,
        f"no element for a product's regulatory class or designations: {RS}.classifier's codes "
        "(research-study-classifiers) are FDA-regulated drug or device, MPG §23b and IRB-exempt",
    ),
    ("results", None, _NO_RESULTS),
    ("references.publications.citation", f"{RS}.relatedArtifact (citation)", ""),
    ("references.publications.pmid", f"{RS}.relatedArtifact.label (PMID)", ""),
    ("references.publications.type", f"{RS}.relatedArtifact.classifier (text)", ""),
    ("references.publications.retractions", None, "RelatedArtifact has no retraction of its own"),
    ("references.see_also", f"{RS}.relatedArtifact (documentation)", ""),
    ("references.available_ipds", None, "no element for shared participant-data sets"),
    ("documents", None, "the registry's document files are not fetched or attached"),
    ("derived.condition_mesh_terms", f"{RS}.condition (MeSH coding)", ""),
    ("derived.intervention_mesh_terms", f"{RS}.focus.concept (MeSH coding)", ""),
    ("derived.removed_countries", None, _BOOKKEEPING),
    ("derived.version_holder", None, _BOOKKEEPING),
    ("provenance.sources.name", f"{RS}.relatedArtifact.label (documentation)", ""),
    ("provenance.sources.url", f"{RS}.relatedArtifact.document.url", ""),
    ("provenance.sources", None, _CURATION),
    ("provenance.curation_notes", f"{RS}.note (topic: note)", ""),
    (
        "provenance.values",
        None,
        "a FHIR Provenance names one element of its target by the targetPath extension, a "
        "FHIRPath on the ResearchStudy, which a record path is not: not exported",
    ),
    ("provenance", None, _CURATION),
)
"""(record path prefix, where it goes or None, why not); the longest matching prefix wins."""


def record_fields(model: type[BaseModel] = TrialRecord, prefix: str = "") -> Iterator[str]:
    """Every leaf field of the record as a dotted path (lists unmarked: ``arms.label``)."""
    for name, info in model.model_fields.items():
        inner = model_in(info.annotation)
        if inner is None:
            yield prefix + name
        else:
            yield from record_fields(inner, f"{prefix}{name}.")


def placement(path: str) -> tuple[str, str | None, str] | None:
    """The COVERAGE entry of a field: the longest prefix that matches it whole."""
    found = None
    for entry in COVERAGE:
        prefix = entry[0]
        if (path == prefix or path.startswith(prefix + ".")) and (
            found is None or len(prefix) > len(found[0])
        ):
            found = entry
    return found


def render_fhir_doc() -> str:
    """docs/fhir.md: the command, then every record field held and every one not, with reasons."""
    held, dropped = [], []
    for entry in COVERAGE:
        prefix, where, why = entry
        if where is not None:
            held.append(f"| `{prefix}` | {where} |")
        else:
            dropped.append(f"| `{prefix}` | {why} |")
    lines = [f"<!-- {GENERATED_NOTE} -->", "", _INTRO, "## Where each record field goes", ""]
    lines += ["| record field (and all below it) | FHIR R5 |", "|---|---|", *held, ""]
    lines += ["## What FHIR cannot hold", "", _DROPPED, ""]
    lines += ["| record field (and all below it) | why it is not exported |", "|---|---|"]
    lines += [*dropped, "", _SAMPLE]
    return "\n".join(lines).rstrip("\n") + "\n"


_INTRO = """\
# FHIR R5: `trialmodel export fhir`

```
trialmodel export fhir PATH... --out DIR [--force]
```

writes each record as an HL7 FHIR R5 Bundle, `DIR/<NCT id>.json` (`"type": "collection"`): a
ResearchStudy, a BiologicallyDerivedProduct for each cell product, and a Location for each site.
A PATH is a record file or a folder of records; the earlier registry versions of `DIR/<NCT>.yaml`
are read from `DIR/history/<NCT>/`. It needs the extra `pip install 'trialmodel[fhir]'`
(fhir.resources, whose R5 models check every Bundle before it is written: the export never
writes one they reject). Entries are identified by `urn:uuid:` full URLs that are the same for
the same record, so a Bundle is reproducible byte for byte.

```console
$ trialmodel export fhir records --out fhir
wrote 5 files for 5 trials to fhir
```

- **Status from every version.** `progressStatus` has one state per run of registry versions
  with the same overall status (RECRUITING, then COMPLETED), each marked actual, its period
  starting at the first version held that shows it and ending at the first that shows the next;
  and an `overall-study` state from start to completion. States use the codes of
  `http://hl7.org/fhir/research-study-status` (SUSPENDED is `temporarily-closed-to-accrual`;
  UNKNOWN has no code and is carried as text).
- **Enrollment.** `recruitment.actualNumber` is the current count once it is ACTUAL;
  `targetNumber` the last ESTIMATED count of any version.
- **Dates stay partial.** FHIR's `dateTime` takes `YYYY` and `YYYY-MM`, so a month-only date is
  written as such, never widened to a day.
- **Codes where FHIR has them, text where it does not.** Phase (`research-study-phase`; PHASE1 and
  PHASE2 together are `phase-1-phase-2`), primary purpose, arm type, party role and organisation
  type, outcome type and title type are coded; every coded value also keeps the registry's
  spelling as its text. The registry's design values have no matching FHIR codes and are text.
  A product's cell type and tissue source carry their Cell Ontology or Uberon id where the value
  has one (`trialmodel.model.vocab.CELL_TYPE_CL`, `CELL_TYPE_UBERON` for an islet,
  `TISSUE_SOURCE_UBERON`); its characterisation, vesicles, manufacturing, donor and CAR are
  properties, one per value, each typed by the value's path in the product
  (`manufacturing.passage.value`).
- **The product.** R5 lets `ResearchStudy.focus` refer to Medication, MedicinalProductDefinition,
  SubstanceDefinition or EvidenceVariable only, not to a BiologicallyDerivedProduct. Each
  intervention is a `focus` concept; a cell product's `focus.reference` carries FHIR's
  `alternate-reference` extension
  (`http://hl7.org/fhir/StructureDefinition/alternate-reference`), made for a target of a type
  the element does not allow, pointing at the product's entry, with the product's name as its
  display.
- **Identifiers.** The NCT id uses the system `https://clinicaltrials.gov`.
"""

_DROPPED = """\
Every field of the record is in one of these two tables; a test holds that, so a field added to
the record format must be placed here (`trialmodel.outputs.fhir.coverage`). "Not exported" means
the Bundle carries nothing of it; the record and the report still do."""

_SAMPLE = """\
## A sample

The ResearchStudy of NCT03929120 (abridged): its status across the two registry versions held.

```json
"progressStatus": [
  {"state": {"coding": [{"system": "http://hl7.org/fhir/research-study-status",
     "code": "recruiting"}], "text": "RECRUITING"},
   "actual": true, "period": {"start": "2020-08-25", "end": "2022-04-20"}},
  {"state": {"coding": [{"system": "http://hl7.org/fhir/research-study-status",
     "code": "completed"}], "text": "COMPLETED"},
   "actual": true, "period": {"start": "2022-04-20"}},
  {"state": {"coding": [{"system": "http://hl7.org/fhir/research-study-status",
     "code": "overall-study"}], "text": "overall study"},
   "period": {"start": "2019-11-05", "end": "2022-02-17"}}
],
"recruitment": {"actualNumber": 10},
```

Validated in the tests (`tests/acceptance/test_cli_fhir.py`) with fhir.resources' R5 models over
the five records and the imported registry corpus."""
