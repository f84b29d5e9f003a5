"""Registry paths the record leaves out by design, each with the reason; anything else unread is a
loss, reported as having no place in the record.

Paths are generic (list indices dropped, ``[]``). A skipped path's values are counted in the
import report apart from the paths with no place, so a reader can tell a decision from a gap.
"""

from __future__ import annotations

__all__ = ["SKIPPED"]

_MESH_TREE = (
    "derived by the registry from the MeSH tree; the record keeps the MeSH ids and terms it is "
    "derived from (derived.condition_mesh_terms, derived.intervention_mesh_terms)"
)
_RESULT_DATA = (
    "the result numbers (groups, counts, measurements, analyses, baseline, participant flow, "
    "adverse events) stay in the registry; the record keeps whether and when results were "
    "posted and which outcomes they report (results.reported_outcomes)"
)

SKIPPED: dict[str, str] = {
    "derivedSection.conditionBrowseModule.ancestors": _MESH_TREE,
    "derivedSection.conditionBrowseModule.browseLeaves": _MESH_TREE,
    "derivedSection.conditionBrowseModule.browseBranches": _MESH_TREE,
    "derivedSection.interventionBrowseModule.ancestors": _MESH_TREE,
    "derivedSection.interventionBrowseModule.browseLeaves": _MESH_TREE,
    "derivedSection.interventionBrowseModule.browseBranches": _MESH_TREE,
    "derivedSection.miscInfoModule.modelPredictions": (
        "the registry's own predictions from the record (such as BMI limits), not something the "
        "sponsor reported"
    ),
    "derivedSection.miscInfoModule.submissionTracking": (
        "the registry's bookkeeping of results submissions; the record keeps the submission and "
        "posting dates (results.first_submitted, results.first_posted)"
    ),
    "protocolSection.designModule.nPtrsToThisExpAccNctId": (
        "counted by the registry: how many studies point to this expanded-access record"
    ),
    "resultsSection.participantFlowModule": _RESULT_DATA,
    "resultsSection.baselineCharacteristicsModule": _RESULT_DATA,
    "resultsSection.adverseEventsModule": _RESULT_DATA,
    "resultsSection.outcomeMeasuresModule.outcomeMeasures[].groups": _RESULT_DATA,
    "resultsSection.outcomeMeasuresModule.outcomeMeasures[].denoms": _RESULT_DATA,
    "resultsSection.outcomeMeasuresModule.outcomeMeasures[].classes": _RESULT_DATA,
    "resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses": _RESULT_DATA,
}
"""Generic registry path -> why the record leaves it out."""
