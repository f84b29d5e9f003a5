"""The registry's version history speaks HTML where API v2 speaks Markdown: make them one text.

ClinicalTrials.gov keeps free text (descriptions, eligibility criteria, outcome descriptions...)
as Markdown; API v2 serves that Markdown, the internal history API serves it rendered to HTML.
`markdown_of` turns such HTML back into the registry's Markdown with markdownify, escaping the
characters the registry escapes (``\\>``, ``\\<``, ``\\[``, ``\\]``, ``\\&``, ``\\^``, ``\\*``,
``\\~``, ``\\\\``) and writing bullets as ``*``. HTML loses some distinctions (``-`` or ``*``
bullets, ``1)`` or ``1.``), so a `TextBook` of the Markdown texts known from API v2 gives back
the registry's own spelling of any text whose HTML renders the same: an unchanged description
reads the same through both APIs, and only a text that really changed reads differently.

Which fields are Markdown is the registry's own metadata (``/api/v2/studies/metadata``, type
``markup``): `MARKUP_PATHS`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from markdown_it import MarkdownIt
from markdownify import MarkdownConverter

__all__ = ["MARKUP_PATHS", "TextBook", "convert_study", "markdown_of", "markup_texts", "walk_path"]

MARKUP_PATHS: tuple[str, ...] = (
    "protocolSection.statusModule.whyStopped",
    "protocolSection.descriptionModule.briefSummary",
    "protocolSection.descriptionModule.detailedDescription",
    "protocolSection.designModule.designInfo.interventionModelDescription",
    "protocolSection.designModule.designInfo.maskingInfo.maskingDescription",
    "protocolSection.designModule.bioSpec.description",
    "protocolSection.armsInterventionsModule.armGroups.description",
    "protocolSection.armsInterventionsModule.interventions.description",
    "protocolSection.outcomesModule.primaryOutcomes.description",
    "protocolSection.outcomesModule.secondaryOutcomes.description",
    "protocolSection.outcomesModule.otherOutcomes.description",
    "protocolSection.eligibilityModule.eligibilityCriteria",
    "protocolSection.eligibilityModule.genderDescription",
    "protocolSection.eligibilityModule.studyPopulation",
    "protocolSection.referencesModule.seeAlsoLinks.label",
    "protocolSection.referencesModule.availIpds.comment",
    "protocolSection.ipdSharingStatementModule.description",
    "protocolSection.ipdSharingStatementModule.timeFrame",
    "protocolSection.ipdSharingStatementModule.accessCriteria",
    "resultsSection.participantFlowModule.preAssignmentDetails",
    "resultsSection.participantFlowModule.recruitmentDetails",
    "resultsSection.participantFlowModule.groups.description",
    "resultsSection.participantFlowModule.periods.milestones.comment",
    "resultsSection.participantFlowModule.periods.milestones.achievements.comment",
    "resultsSection.participantFlowModule.periods.dropWithdraws.comment",
    "resultsSection.participantFlowModule.periods.dropWithdraws.reasons.comment",
    "resultsSection.baselineCharacteristicsModule.populationDescription",
    "resultsSection.baselineCharacteristicsModule.groups.description",
    "resultsSection.baselineCharacteristicsModule.measures.description",
    "resultsSection.baselineCharacteristicsModule.measures.populationDescription",
    "resultsSection.baselineCharacteristicsModule.measures.classes.categories.measurements.comment",
    "resultsSection.outcomeMeasuresModule.outcomeMeasures.description",
    "resultsSection.outcomeMeasuresModule.outcomeMeasures.populationDescription",
    "resultsSection.outcomeMeasuresModule.outcomeMeasures.groups.description",
    "resultsSection.outcomeMeasuresModule.outcomeMeasures.classes.categories.measurements.comment",
    "resultsSection.outcomeMeasuresModule.outcomeMeasures.analyses.statisticalComment",
    "resultsSection.outcomeMeasuresModule.outcomeMeasures.analyses.pValueComment",
    "resultsSection.outcomeMeasuresModule.outcomeMeasures.analyses.ciLowerLimitComment",
    "resultsSection.outcomeMeasuresModule.outcomeMeasures.analyses.ciUpperLimitComment",
    "resultsSection.outcomeMeasuresModule.outcomeMeasures.analyses.estimateComment",
    "resultsSection.outcomeMeasuresModule.outcomeMeasures.analyses.nonInferiorityComment",
    "resultsSection.outcomeMeasuresModule.outcomeMeasures.analyses.otherAnalysisDescription",
    "resultsSection.outcomeMeasuresModule.outcomeMeasures.analyses.groupDescription",
    "resultsSection.adverseEventsModule.description",
    "resultsSection.adverseEventsModule.allCauseMortalityComment",
    "resultsSection.adverseEventsModule.eventGroups.description",
    "resultsSection.adverseEventsModule.seriousEvents.notes",
    "resultsSection.adverseEventsModule.otherEvents.notes",
    "resultsSection.moreInfoModule.limitationsAndCaveats.description",
    "resultsSection.moreInfoModule.certainAgreement.otherDetails",
)
"""Every field the registry's metadata types ``markup`` (lists are walked through)."""

_ESCAPED = re.compile(r"([\\<>\[\]&^*~])")
"""The characters the registry's Markdown escapes in text (counted over 212 real records)."""


class _RegistryMarkdown(MarkdownConverter):
    """markdownify, escaping as the registry does: no more (``_``, ``-``, ``#`` stay bare)."""

    def escape(self, text: str, parent_tags: object) -> str:
        return _ESCAPED.sub(r"\\\1", text) if text else ""


_CONVERTER = _RegistryMarkdown(
    bullets="*",
    heading_style="ATX",
    escape_misc=False,
    escape_asterisks=False,
    escape_underscores=False,
)
_RENDERER = MarkdownIt("commonmark")


def markdown_of(html: str) -> str:
    """The registry's Markdown for a text the history API served as HTML."""
    converted: str = _CONVERTER.convert(html)
    return converted.strip("\n")


def canonical(markdown: str) -> str:
    """A Markdown text as it comes back from HTML: equal for texts whose HTML is the same."""
    return markdown_of(_RENDERER.render(markdown))


class TextBook:
    """Markdown texts known from API v2, found again by their canonical form."""

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self._by_form: dict[str, str] = {}
        for text in texts:
            self.add(text)

    def add(self, markdown: str) -> None:
        """Know one Markdown text (the first spelling of a form wins)."""
        self._by_form.setdefault(canonical(markdown), markdown)

    def __len__(self) -> int:
        return len(self._by_form)

    def markdown(self, html: str) -> str:
        """The Markdown for ``html``: a known text's own spelling, else the conversion."""
        converted = markdown_of(html)
        return self._by_form.get(converted, converted)


def walk_path(node: Any, keys: list[str]) -> Iterator[tuple[Any, str | int]]:
    """(container, key) for every value at a dotted path; lists are walked through."""
    if isinstance(node, list):
        for item in node:
            yield from walk_path(item, keys)
        return
    if not isinstance(node, dict) or keys[0] not in node:
        return
    if len(keys) == 1:
        value = node[keys[0]]
        if isinstance(value, list):
            yield from ((value, i) for i in range(len(value)))
        else:
            yield node, keys[0]
        return
    yield from walk_path(node[keys[0]], keys[1:])


def markup_texts(study: Any) -> Iterator[str]:
    """Every Markdown (or HTML) text of a study, at the registry's markup fields."""
    for path in MARKUP_PATHS:
        for container, key in walk_path(study, path.split(".")):
            value = container[key]
            if isinstance(value, str):
                yield value


def convert_study(study: Any, book: TextBook) -> int:
    """Turn every markup field of a history-API study from HTML into Markdown, in place.

    Returns how many texts were converted.
    """
    count = 0
    for path in MARKUP_PATHS:
        for container, key in walk_path(study, path.split(".")):
            value = container[key]
            if isinstance(value, str):
                container[key] = book.markdown(value)
                count += 1
    return count
