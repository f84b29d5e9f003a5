"""The history of a trial as plain SVG: status bands, date slips and enrollment.

Each chart is SVG markup readable without JavaScript, its text selectable, with a ``<title>`` and
a ``<desc>`` saying what it shows, so a screen reader and a printout get it too. Dates stay as
precise as the record: a month-only date is drawn at the middle of its month and labelled as the
record gives it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from trialmodel.changes.versions import Version
from trialmodel.model.record import DatedEvent
from trialmodel.model.types import date_parts

__all__ = ["dates_chart", "enrollment_chart", "status_bands", "status_chart"]

WIDTH = 760
LEFT = 150
RIGHT = 30

STATUS_COLOURS = {
    "NOT_YET_RECRUITING": "#c6dbef",
    "RECRUITING": "#74c476",
    "ENROLLING_BY_INVITATION": "#a1d99b",
    "ACTIVE_NOT_RECRUITING": "#fdd0a2",
    "SUSPENDED": "#fc9272",
    "TERMINATED": "#de2d26",
    "COMPLETED": "#6baed6",
    "WITHDRAWN": "#bdbdbd",
    "UNKNOWN": "#e0e0e0",
}
"""Status colours; the status is also written in each band, so colour is never the only cue."""


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def year_position(date: str) -> float:
    """A partial date as a fractional year: a year at its middle, a month at its middle."""
    year, month, day = date_parts(date)
    if month is None:
        return year + 0.5
    if day is None:
        return year + (month - 0.5) / 12
    return year + (month - 1) / 12 + (day - 0.5) / 365.25


def _frame(title: str, desc: str, height: int, body: list[str], css: str) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css}" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}">'
    )
    return "\n".join(
        [head, f"<title>{escape(title)}</title>", f"<desc>{escape(desc)}</desc>", *body, "</svg>"]
    )


def _version_label(version: Version, number: int) -> str:
    return f"v{number} · {version.ref.date or 'undated'}"


@dataclass(frozen=True, slots=True)
class Band:
    """Consecutive versions that share a status: one band of the status timeline."""

    status: str
    first: int
    last: int


def status_bands(versions: Sequence[Version]) -> list[Band]:
    """Consecutive versions with the same overall status merged into bands (0-based indexes)."""
    bands: list[Band] = []
    for index, version in enumerate(versions):
        status = version.ref.overall_status or "not stated"
        if bands and bands[-1].status == status:
            bands[-1] = Band(status, bands[-1].first, index)
        else:
            bands.append(Band(status, index, index))
    return bands


def status_chart(versions: Sequence[Version]) -> str:
    """Overall status as bands across the registry versions, oldest on the left."""
    step = (WIDTH - LEFT - RIGHT) / len(versions)
    body = ['<text x="0" y="34" class="axis-label">overall status</text>']
    for band in status_bands(versions):
        x = LEFT + band.first * step
        width = (band.last - band.first + 1) * step
        colour = STATUS_COLOURS.get(band.status, "#f0f0f0")
        body.append(
            f'<g class="band" data-status="{_attr(band.status)}">'
            f'<rect x="{x:.1f}" y="12" width="{width - 2:.1f}" height="34" fill="{colour}" '
            f'stroke="#555" stroke-width="0.5"/>'
            f'<text x="{x + 6:.1f}" y="34" class="band-label">{escape(band.status)}</text></g>'
        )
    for index, version in enumerate(versions):
        label = escape(_version_label(version, index + 1))
        body.append(f'<text x="{LEFT + index * step + 4:.1f}" y="64" class="tick">{label}</text>')
    desc = " then ".join(b.status for b in status_bands(versions))
    return _frame("Overall status by registry version", desc, 72, body, "status-chart")


MILESTONES = (
    ("start", "start"),
    ("primary_completion", "primary completion"),
    ("completion", "completion"),
)


def _milestone(version: Version, field: str) -> DatedEvent | None:
    status = version.record.status
    value = getattr(status, field) if status is not None else None
    return value if isinstance(value, DatedEvent) else None


def _year_axis(low: float, high: float, top: int, bottom: int) -> tuple[list[str], float, float]:
    first, last = int(low), int(high) + 1
    scale = (WIDTH - LEFT - RIGHT) / max(last - first, 1)
    body = []
    for year in range(first, last + 1):
        x = LEFT + (year - first) * scale
        body.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" class="grid"/>'
            f'<text x="{x + 2:.1f}" y="{bottom + 14}" class="tick">{year}</text>'
        )
    return body, first, scale


Point = tuple[int, int, DatedEvent]
"""(milestone row, version number, the date as that version gives it)."""


def _dot(label: str, number: int, event: DatedEvent, x: float, y: int) -> str:
    actual = event.type is not None and event.type.value == "ACTUAL"
    kind = event.type.value if event.type is not None else "type not stated"
    tip = escape(f"v{number}: {label} {event.date} ({kind})")
    fill = "#08519c" if actual else "#fff"
    return (
        f'<circle cx="{x:.1f}" cy="{y}" r="5" fill="{fill}" stroke="#08519c" '
        f'stroke-width="1.5"><title>{tip}</title></circle>'
    )


def _track(row: int, points: list[Point], first: float, scale: float) -> list[str]:
    """One milestone's dates, version after version, joined by a line."""
    label, y = MILESTONES[row][1], 30 + row * 30
    out = [f'<text x="0" y="{y + 4}" class="axis-label">{escape(label)}</text>']
    track = [(n, e) for r, n, e in points if r == row]
    xs = [LEFT + (year_position(e.date) - first) * scale for _, e in track]
    if len(xs) > 1:
        out.append(f'<polyline points="{" ".join(f"{x:.1f},{y}" for x in xs)}" class="slip"/>')
    out += [_dot(label, n, e, x, y) for (n, e), x in zip(track, xs, strict=True)]
    if track:
        text = escape(track[-1][1].date)
        out.append(f'<text x="{xs[-1] + 8:.1f}" y="{y - 7}" class="point-label">{text}</text>')
    return out


def dates_chart(versions: Sequence[Version]) -> str | None:
    """Start, primary completion and completion as each version gives them, on a time axis.

    A filled dot is an ACTUAL date, a hollow one ESTIMATED (or of unstated type); the line joins a
    date from version to version, so a slip reads as a step to the right. None without dates.
    """
    points: list[Point] = [
        (row, number, event)
        for row, (field, _) in enumerate(MILESTONES)
        for number, version in enumerate(versions, 1)
        if (event := _milestone(version, field)) is not None
    ]
    if not points:
        return None
    xs = [year_position(event.date) for _, _, event in points]
    height = 30 + 30 * len(MILESTONES) + 20
    body, first, scale = _year_axis(min(xs), max(xs), 10, height - 24)
    for row in range(len(MILESTONES)):
        body += _track(row, points, first, scale)
    desc = "; ".join(
        f"{label}: " + " → ".join(f"{e.date} (v{n})" for r, n, e in points if r == row)
        for row, (_, label) in enumerate(MILESTONES)
        if any(r == row for r, _, _ in points)
    )
    return _frame("Key dates by registry version", desc, height, body, "dates-chart")


def enrollment_chart(versions: Sequence[Version]) -> str | None:
    """Enrollment per version as bars: hatched when ESTIMATED, solid when ACTUAL."""
    counts = []
    for number, version in enumerate(versions, 1):
        design = version.record.design
        if design is not None and design.enrollment is not None:
            counts.append((number, version, design.enrollment))
    if not counts:
        return None
    top = max(e.count for _, _, e in counts) or 1
    step = (WIDTH - LEFT - RIGHT) / len(versions)
    body = [
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#756bb1" stroke-width="3"/></pattern></defs>',
        '<text x="0" y="60" class="axis-label">enrollment</text>',
    ]
    for number, version, enrollment in counts:
        kind = enrollment.type.value if enrollment.type is not None else "type not stated"
        actual = kind == "ACTUAL"
        height = 70 * enrollment.count / top
        x = LEFT + (number - 1) * step
        fill = "#756bb1" if actual else "url(#hatch)"
        body.append(
            f'<rect x="{x:.1f}" y="{90 - height:.1f}" width="{min(step - 8, 80):.1f}" '
            f'height="{height:.1f}" fill="{fill}" stroke="#54278f"/>'
            f'<text x="{x:.1f}" y="{86 - height:.1f}" class="point-label">'
            f"{enrollment.count} {escape(kind)}</text>"
            f'<text x="{x:.1f}" y="106" class="tick">{escape(_version_label(version, number))}'
            "</text>"
        )
    desc = " → ".join(
        f"{e.count} ({e.type.value if e.type else 'type not stated'})" for _, _, e in counts
    )
    return _frame("Enrollment by registry version", desc, 112, body, "enrollment-chart")
