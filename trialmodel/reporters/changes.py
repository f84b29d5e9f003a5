"""A ``ChangeReport`` as text for the terminal, Markdown for a pull request, or JSON.

Trials appear in report order; within a trial (or a step of its history) the most significant
changes come first. ``diff`` text::

    NCT99999901 changed: old/NCT99999901.yaml (2020-08-25) → new/NCT99999901.yaml (2022-04-20)
      major  status RECRUITING → SUSPENDED (why stopped: funding paused)
    1 trial changed, 0 added, 0 removed, 3 unchanged; 1 change (1 major, 0 minor, 0 info)

``history`` text is a timeline: each version with its date and status, and the changes that led to
it. The JSON contract is ``trialmodel.changes.schema`` (``schemas/change-report.schema.json``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from trialmodel.changes import ChangeReport, TrialChanges, VersionRef, by_weight
from trialmodel.changes.events import REPORT_FORMATS, Category, Change, Significance, show
from trialmodel.changes.schema import report_data, summary
from trialmodel.reporters.safe import escape_json, escape_output

__all__ = ["render", "version_label"]

FORMATS = REPORT_FORMATS
"""The output formats ``render`` knows."""

CURATION_LISTED = 3
"""Up to this many curation and provenance changes are listed one by one; more are counted."""

LISTED_CATEGORIES = frozenset({Category.STATUS, Category.DATES, Category.ENROLLMENT})
"""Fields first seen in these categories are listed with their values, never only named."""

_ITEM_NAMES = re.compile(r'^(?:[\w ]+ "[^"]*", )+')
_SECTIONS_NAMED_BY_FIELD = frozenset({"identification", "status", "design", "sponsors"})
_BASIS_MARK = {"not_after": "≤ ", "not_before": "≥ "}
_VERBS = {"first_seen": "first seen", "field_removed": "not shown"}
_WIDTH = 6


def render(report: ChangeReport, output_format: str = "text") -> str:
    """Render ``report`` in one of ``FORMATS``."""
    if output_format == "json":
        return escape_json(render_json(report))
    if output_format == "markdown":
        return escape_output(render_markdown(report))
    if output_format == "text":
        return escape_output(render_text(report))
    raise ValueError(f"unknown format {output_format!r}; expected one of {', '.join(FORMATS)}")


def render_json(report: ChangeReport) -> str:
    """The report as JSON (see ``trialmodel.changes.schema``)."""
    return json.dumps(report_data(report), indent=2, ensure_ascii=False) + "\n"


def version_label(ref: VersionRef | None) -> str:
    """A version's date as people read it: ``2020-08-25``, ``≤ 2024-06`` or ``undated``."""
    if ref is None or ref.date is None:
        return "undated"
    return _BASIS_MARK.get(ref.date_basis or "", "") + ref.date


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def summary_line(report: ChangeReport) -> str:
    """One line of counts: registry changes by significance; curation and provenance apart."""
    counts = summary(report)
    if report.command == "history":
        trials = len({t.trial_id for t in report.trials})
        versions = counts["trials"] + trials - counts["added"]
        head = f"{_count(trials, 'trial')}, {_count(versions, 'version')}"
    else:
        head = (
            f"{counts['changed']} changed, {counts['added']} added, {counts['removed']} removed, "
            f"{counts['unchanged']} unchanged"
        )
    line = (
        f"{head}; {_count(counts['changes'], 'change')} "
        f"({counts['major']} major, {counts['minor']} minor, {counts['info']} info)"
    )
    if counts["curation"]:
        line += f"; {_count(counts['curation'], 'curation and provenance change')}"
    return line


# --- text --------------------------------------------------------------------------------------


def render_text(report: ChangeReport) -> str:
    """The report for a terminal; a timeline per trial for ``history``."""
    body = _history_text(report) if report.command == "history" else _diff_text(report)
    return "".join(line + "\n" for line in [*body, summary_line(report)])


def _side(ref: VersionRef | None) -> str:
    return "(none)" if ref is None else f"{ref.file} ({version_label(ref)})"


def _described(ref: VersionRef | None) -> str:
    """A trial added or removed: its title and status, then where it was read."""
    if ref is None:
        return "(none)"
    title = f'"{show(ref.title, 80)}"' if ref.title else "(no title)"
    return f"{title}, {ref.overall_status or 'status not shown'}; {_side(ref)}"


def _diff_text(report: ChangeReport) -> Iterator[str]:
    for trial in report.trials:
        if trial.status == "unchanged":
            continue
        if trial.status == "added":
            yield f"{trial.trial_id} added: {_described(trial.new)}"
        elif trial.status == "removed":
            yield f"{trial.trial_id} removed: {_described(trial.old)}"
        else:
            yield f"{trial.trial_id} changed: {_side(trial.old)} → {_side(trial.new)}"
        yield from _change_lines(trial.changes, "  ")


def shown_changes(changes: tuple[Change, ...]) -> list[tuple[str, str, tuple[str, ...]]]:
    """(significance, message, flags) lines: registry changes weightiest first, then curation.

    Curation and provenance changes (sources, curation notes, fields a curator left absent: about
    our copy, not the registry) come last, marked, and when there are more than
    ``CURATION_LISTED`` as one line of counts; as many fields first seen become one line naming
    them. The JSON lists every change.
    """
    curation = [c for c in changes if c.category is Category.CURATION]
    registry = [c for c in changes if c.category is not Category.CURATION]
    seen = [c for c in registry if c.kind == "first_seen" and c.category not in LISTED_CATEGORIES]
    if len(seen) <= CURATION_LISTED:
        seen = []
    listed = [c for c in registry if c not in seen]
    lines = [(c.significance.value, c.message, c.flags) for c in by_weight(listed)]
    if seen:
        fields = seen_fields(seen)
        lines.append(("info", f"first seen, not shown in the older version: {fields}", ()))
    if len(curation) > CURATION_LISTED:
        lines.append(("info", f"curation and provenance: {curation_counts(curation)}", ()))
    else:
        lines.extend(("info", f"curation: {c.message}", c.flags) for c in curation)
    return lines


def seen_fields(changes: list[Change]) -> str:
    """The fields first seen, grouped by section: ``arms (description, planned participants)``."""
    groups: dict[str, dict[str, None]] = {}
    for change in changes:
        name = _ITEM_NAMES.sub("", change.message.split(" first seen", 1)[0])
        top = re.split(r"[.\[]", change.path, maxsplit=1)[0]
        if top == change.path or top in _SECTIONS_NAMED_BY_FIELD:
            groups.setdefault(name, {})
            continue
        section = top.replace("_", " ")
        groups.setdefault(section, {})[name.removeprefix(section + " ")] = None
    return "; ".join(
        f"{section} ({', '.join(names)})" if names else section for section, names in groups.items()
    )


def curation_counts(changes: list[Change]) -> str:
    """``sources 2 added, 1 removed; curation notes 3 changed``: counts by part and verb."""
    counts: dict[str, dict[str, int]] = {}
    for change in changes:
        parts = change.path.split(".")
        part = parts[1] if parts[0] == "provenance" and len(parts) > 1 else parts[0]
        part = part.split("[", 1)[0].replace("_", " ")
        verb = _VERBS.get(change.kind, change.kind.rsplit("_", 1)[-1])
        verb = (
            verb
            if verb in {"added", "removed", "renamed", "first seen", "not shown"}
            else ("changed")
        )
        tally = counts.setdefault(part, {})
        tally[verb] = tally.get(verb, 0) + 1
    return "; ".join(
        f"{part} " + ", ".join(f"{n} {verb}" for verb, n in tally.items())
        for part, tally in counts.items()
    )


def _change_lines(changes: tuple[Change, ...], indent: str) -> Iterator[str]:
    for level, message, flags in shown_changes(changes):
        flagged = f"  [{', '.join(flags)}]" if flags else ""
        yield f"{indent}{level:<{_WIDTH}} {message}{flagged}"


def _history_text(report: ChangeReport) -> Iterator[str]:
    for nct_id, steps in _by_trial(report):
        count = len(steps)
        yield f"{nct_id}: {count} version{'s' * (count != 1)}"
        for step in steps:
            ref = step.new
            status = (ref.overall_status or "status not shown") if ref else ""
            where = ref.file if ref else ""
            number = f"{_number(ref)}  " if _number(ref) else ""
            yield f"  {version_label(ref):<12} {status:<22} {number}{where}"
            if step.old is not None and not step.changes:
                yield "      " + _none_shown(report)
            yield from _change_lines(step.changes, "      ")


def _number(ref: VersionRef | None) -> str:
    """The registry's identity of a version, its number and its submission date (``v3,
    submitted 2019-03-08``): what a history page lists it by, besides the date it was posted.
    Empty when the version was not read from the registry's history."""
    if ref is None:
        return ""
    parts = [] if ref.registry_version is None else [f"v{ref.registry_version}"]
    if ref.registry_submitted is not None:
        parts.append(f"submitted {ref.registry_submitted}")
    return ", ".join(parts)


def _none_shown(report: ChangeReport) -> str:
    """What an empty step says: no change at all, or none at the significance asked for."""
    if report.shown_from is Significance.INFO:
        return "(no change)"
    return f"(no change of {report.shown_from.value} significance or more)"


def _by_trial(report: ChangeReport) -> list[tuple[str, list[TrialChanges]]]:
    grouped: dict[str, list[TrialChanges]] = {}
    for trial in report.trials:
        grouped.setdefault(trial.trial_id, []).append(trial)
    return list(grouped.items())


# --- markdown ----------------------------------------------------------------------------------


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&!#])")


def escape_markdown(text: str) -> str:
    """Registry text made inert in Markdown: emphasis, code, links, HTML, tables shown as typed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.splitlines()))


def _code(text: str) -> str:
    """A code span that holds any text: fenced by more backticks than it contains."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _cell(text: str) -> str:
    return escape_markdown(text)


def _table(changes: tuple[Change, ...]) -> Iterator[str]:
    if not changes:
        yield "No changes."
        return
    yield "| significance | change |"
    yield "|---|---|"
    for level, message, flags in shown_changes(changes):
        strong = f"**{level}**" if level == "major" else level
        marks = "".join(f" `{f}`" for f in flags)
        yield f"| {strong} | {_cell(message)}{marks} |"


def render_markdown(report: ChangeReport) -> str:
    """The report for a pull-request comment or an update log, grouped by trial."""
    title = "Trial history" if report.command == "history" else "Registry record changes"
    lines = [f"## {title}", "", summary_line(report), ""]
    body = _history_markdown(report) if report.command == "history" else _diff_markdown(report)
    lines.extend(body)
    return "\n".join(lines).rstrip("\n") + "\n"


def _diff_markdown(report: ChangeReport) -> Iterator[str]:
    order = {"changed": 0, "added": 1, "removed": 2}
    trials = [t for t in report.trials if t.status != "unchanged"]
    trials.sort(
        key=lambda t: (order[t.status], min((c.significance.rank for c in t.changes), default=3))
    )
    for trial in trials:
        yield f"### {trial.trial_id} ({trial.status})"
        yield ""
        if trial.status == "changed":
            yield f"{_code(_side(trial.old))} → {_code(_side(trial.new))}"
            yield ""
            yield from _table(trial.changes)
        else:
            ref = trial.new if trial.status == "added" else trial.old
            title = escape_markdown(ref.title) if ref and ref.title else "(no title)"
            status = ref.overall_status if ref and ref.overall_status else "status not shown"
            yield f"{title}, {status}: {_code(_side(ref))}"
        yield ""


def _history_markdown(report: ChangeReport) -> Iterator[str]:
    for nct_id, steps in _by_trial(report):
        yield f"### {nct_id}"
        yield ""
        for step in steps:
            ref = step.new
            status = ref.overall_status if ref and ref.overall_status else "status not shown"
            number = _number(ref)
            yield f"#### {version_label(ref)}{f' ({number})' if number else ''}: {status}"
            yield ""
            yield f"Source file: {_code(ref.file if ref else '')}"
            yield ""
            if step.old is not None:
                yield from _table(step.changes)
                yield ""
