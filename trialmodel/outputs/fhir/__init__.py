"""Records as HL7 FHIR R5: one Bundle per trial, with a ResearchStudy, a BiologicallyDerivedProduct
per cell product (the study's focus points at it) and a Location per site.

The Bundle is built as plain JSON data and checked with fhir.resources' R5 models (the extra
``trialmodel[fhir]``) before it is written: the export never writes a Bundle they reject. Which
record field goes where, and why the others have no home, is ``docs/fhir.md``
(``trialmodel.outputs.fhir.coverage``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from trialmodel.model.identifiers import file_stem
from trialmodel.outputs import OutputError, check_free, write_text
from trialmodel.outputs.collect import TrialHistory
from trialmodel.outputs.fhir import resources as res
from trialmodel.outputs.fhir import study
from trialmodel.outputs.fhir.codes import PHASES, PURPOSE_SYSTEM, PURPOSES, Json, concept, mapped

__all__ = ["FhirError", "build_bundle", "check_bundle", "write_bundles"]


class FhirError(OutputError):
    """fhir.resources rejected a Bundle the export built: a bug in the export, named per trial."""


def _phase(trial: TrialHistory) -> Json | None:
    design = trial.current.design
    if design is None or not design.phases:
        return None
    values = tuple(p.value for p in design.phases)
    text = ", ".join(values)
    code = PHASES.get(values)
    return concept(text, "http://hl7.org/fhir/research-study-phase", code)


def research_study(trial: TrialHistory, products: dict[str, str], sites: list[str]) -> Json:
    """The ResearchStudy of a trial, its focus and sites pointing at the Bundle's other entries."""
    record = trial.current
    status, design, description = record.status, record.design, record.description
    purpose = design.primary_purpose if design else None
    fields: Json = {
        "resourceType": "ResearchStudy",
        "id": file_stem(trial.trial_id),
        "identifier": study.identifiers(record),
        "title": record.identification.brief_title,
        "label": study.labels(record),
        "date": status.last_update_posted.date if status and status.last_update_posted else None,
        # Publication status of this resource; the trial's own status is progressStatus.
        "status": "active",
        "phase": _phase(trial),
        "primaryPurposeType": mapped(purpose.value, PURPOSE_SYSTEM, PURPOSES) if purpose else None,
        "studyDesign": study.design(record),
        "focus": res.focus(record, products),
        "condition": study.conditions(record),
        "keyword": [concept(k) for k in record.keywords or []],
        "descriptionSummary": description.brief_summary if description else None,
        "description": description.detailed_description if description else None,
        "period": study.progress_period(record),
        "site": [{"reference": ref} for ref in sites],
        "note": res.notes(record),
        "relatedArtifact": res.related_artifacts(record),
        "associatedParty": study.parties(record),
        "progressStatus": study.progress(trial),
        "whyStopped": concept(status.why_stopped) if status and status.why_stopped else None,
        "recruitment": study.recruitment(trial),
        "comparisonGroup": study.comparison_groups(record),
        "outcomeMeasure": list(study.outcome_measures(record.outcomes)),
    }
    return {k: v for k, v in fields.items() if v not in (None, [], {}, "")}


def build_bundle(trial: TrialHistory) -> Json:
    """A collection Bundle: the ResearchStudy first, then its products, then its sites."""
    record, nct = trial.current, trial.trial_id
    entries: list[tuple[str, Json]] = []
    products: dict[str, str] = {}
    for index, product in enumerate(record.products or []):
        if product.name not in products:
            products[product.name] = res.urn(nct, "product", index)
            entries.append((products[product.name], res.product_resource(product)))
    sites = [res.urn(nct, "site", i) for i in range(len(record.locations or []))]
    entries += [
        (u, res.location_resource(s)) for u, s in zip(sites, record.locations or [], strict=True)
    ]
    first = (res.urn(nct, "study"), research_study(trial, products, sites))
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"fullUrl": url, "resource": r} for url, r in [first, *entries]],
    }


def check_bundle(bundle: Json) -> None:
    """Validate with fhir.resources' R5 models; the Bundle model validates each entry as its own
    resource type."""
    from fhir.resources import get_fhir_model_class
    from pydantic import ValidationError

    try:
        get_fhir_model_class("Bundle").model_validate(bundle)
    except ValidationError as exc:
        raise FhirError(str(exc)) from None


def write_bundles(trials: Sequence[TrialHistory], out: Path, *, force: bool = False) -> list[Path]:
    """Write ``out/<NCT>.json`` per trial, every Bundle checked first; ``OutputExistsError`` before
    writing anything if a file would be replaced without ``force``."""
    bundles = {}
    for trial in trials:
        bundle = build_bundle(trial)
        try:
            check_bundle(bundle)
        except FhirError as exc:
            raise FhirError(f"{trial.trial_id}: the Bundle does not validate: {exc}") from None
        bundles[out / f"{file_stem(trial.trial_id)}.json"] = bundle
    check_free(bundles, force=force)
    for path, bundle in bundles.items():
        write_text(path, json.dumps(bundle, indent=2, ensure_ascii=False) + "\n")
    return list(bundles)
