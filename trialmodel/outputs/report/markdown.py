"""The report as one Markdown file, for a pull request or an issue to link: the index, then each
trial's card, its versions as a table and its changes with their flags."""

from __future__ import annotations

from collections.abc import Sequence

from trialmodel.changes import Change
from trialmodel.changes.versions import Version
from trialmodel.model.record import TrialRecord
from trialmodel.outputs.collect import TrialHistory
from trialmodel.outputs.report import facts, view

__all__ = ["render_markdown"]


def _anchor(heading: str) -> str:
    """The anchor GitHub and most renderers give a heading: lower case, without punctuation
    (``CTRI/2000/01/000000`` -> ``ctri200001000000``), spaces as hyphens."""
    kept = "".join(c for c in heading.lower() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|") or "—"


def _row(*cells: object) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _index(trials: Sequence[TrialHistory]) -> list[str]:
    lines = [
        _row("trial", "title", "status", "phase", "cell type", "enrollment", "versions", "changes"),
        "|---|---|---|---|---|---|---|---|",
    ]
    for trial in trials:
        s = view.summary(trial)
        changes = f"{s.changes} ({s.major} major)" + "".join(f" ⚑ {f}" for f in s.flags)
        link = f"[{s.trial_id}](#{_anchor(s.trial_id)})"
        row = _row(
            link, s.title, s.status, s.phases, s.cell_types, s.enrollment, s.versions, changes
        )
        lines.append(row)
    return lines


def _card(record: TrialRecord, summary: view.Summary) -> list[str]:
    status = record.status
    lines = [f"- **Status:** {summary.status or 'not stated'}"]
    if status is not None and status.why_stopped:
        lines[0] += f" ({status.why_stopped})"
    for label, value in (
        ("Phase", summary.phases),
        ("Enrollment", summary.enrollment),
        ("Start", view.dated(status.start) if status else ""),
        ("Primary completion", view.dated(status.primary_completion) if status else ""),
        ("Completion", view.dated(status.completion) if status else ""),
        ("Conditions", "; ".join(record.conditions or [])),
    ):
        if value:
            lines.append(f"- **{label}:** {value}")
    for product in record.products or []:
        facts = [
            view.words(v)
            for v in (
                product.cell_type,
                product.tissue_source,
                product.donor.relation if product.donor else None,
                product.administered_form,
            )
            if v
        ]
        lines.append(f"- **Product:** {product.name} ({', '.join(facts) or 'no details'})")
    sponsors = record.sponsors
    if sponsors is not None and sponsors.lead is not None:
        lines.append(f"- **Lead sponsor:** {sponsors.lead.name}")
    names = ", ".join(s.name for s in record.provenance.sources)
    lines.append(f"- **Sources:** {names}; curation {view.words(record.provenance.state)}")
    return lines


def _doses(record: TrialRecord) -> list[str]:
    rows = [(a, d) for a in record.arms or [] for d in a.dose_levels or []]
    if not rows:
        return []
    lines = ["", _row("arm", "dose level", "dose", "regimen"), "|---|---|---|---|"]
    for arm, level in rows:
        dose = view.dose_text(level.dose, level.to_be_determined)
        extras = view.level_extras(level)
        dose += f"; {extras}" if extras else ""
        lines.append(_row(arm.label, level.label, dose, view.regimen_text(level.regimen)))
    return lines


def _parts_and_regulation(record: TrialRecord) -> list[str]:
    lines = []
    if rows := facts.part_rows(record):
        lines += ["", _row("part", "phase", "design", "masking", "arms"), "|---|---|---|---|---|"]
        lines += [_row(p.label, p.phases, p.design, p.masking, p.arms) for p in rows]
    if items := facts.regulation_items(record):
        lines += ["", *(f"- **{what}:** {_cell(text)}" for what, text in items)]
    return lines


def _version_row(number: int, version: Version) -> str:
    record = version.record
    status, design = record.status, record.design
    enrollment = design.enrollment if design else None
    return _row(
        f"v{number}",
        version.ref.date or "undated",
        version.ref.overall_status or "",
        f"{enrollment.count} {view.words(enrollment.type or '')}" if enrollment else "",
        view.dated(status.start) if status else "",
        view.dated(status.primary_completion) if status else "",
        view.dated(status.completion) if status else "",
    )


def _history(trial: TrialHistory) -> list[str]:
    lines = [
        "",
        "| version | date | status | enrollment | start | primary completion | completion |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [_version_row(n, v) for n, v in enumerate(trial.versions, 1)]
    for step in view.steps(trial):
        lines += ["", f"**{step.old} → {step.new}**", ""]
        lines += [_change(c) for c in step.weighty] or ["- no major or minor change"]
        if step.info:
            count = len(step.info)
            summary = f"{count} info change{'s' if count != 1 else ''}"
            lines += ["", f"<details><summary>{summary}</summary>", ""]
            lines += [_change(c) for c in step.info]
            lines += ["", "</details>"]
    return lines


def _change(change: Change) -> str:
    flags = "".join(f" ⚑ **{view.FLAG_LABELS.get(f, f)}**" for f in change.flags)
    return f"- {change.significance.value}: {change.message}{flags}"


def render_markdown(trials: Sequence[TrialHistory]) -> str:
    """The whole report as Markdown."""
    count = len(trials)
    lines = [f"# Cell-therapy trials: {count} trial{'s' if count != 1 else ''}", ""]
    lines += _index(trials)
    for trial in trials:
        summary = view.summary(trial)
        lines += ["", f"## {trial.trial_id}", "", f"**{_cell(summary.title)}**", ""]
        lines += _card(trial.current, summary)
        lines += _doses(trial.current)
        lines += _parts_and_regulation(trial.current)
        lines += ["", f"### History: {len(trial.versions)} version(s)"]
        lines += _history(trial)
    return "\n".join(lines) + "\n"
