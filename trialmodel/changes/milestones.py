"""The changes people watch for, in their own terms: status, dates, enrollment.

Each handler gets both versions of one field (both present and unequal) and appends Change events;
``trialmodel.changes.HANDLERS`` hands them to the record walker; ``registration_changes`` checks
the record as a whole.
"""

from __future__ import annotations

from pydantic import BaseModel

from trialmodel.changes.events import (
    RETROACTIVE_REGISTRATION,
    Category,
    Change,
    Significance,
    quoted,
    show,
)
from trialmodel.changes.rules import ChangeRule
from trialmodel.changes.walk import Out, same, walk, walk_model
from trialmodel.loading.core import join_path as join
from trialmodel.model.record import (
    DatedEvent,
    Enrollment,
    Status,
    TrialRecord,
)
from trialmodel.model.registration import Timing, registration_timing
from trialmodel.model.types import compare_dates, date_parts
from trialmodel.model.vocab import STOPPED_STATUSES as STOPPED
from trialmodel.model.vocab import DateType

__all__ = [
    "enrollment_changes",
    "registered_retrospectively",
    "registration_changes",
    "status_changes",
]

DATE_NAMES = {
    "start": "start",
    "primary_completion": "primary completion",
    "completion": "completion",
    "first_posted": "first posted",
    "last_update_posted": "last update posted",
}
REGISTRY_DATES = frozenset({"first posted", "last update posted"})
"""Dates of the registry's bookkeeping, not of the study: they change, they do not slip."""
MAJOR_SLIP_MONTHS = 12
"""A primary completion or completion date slipping this many months or more is major."""


MAJOR, MINOR, INFO = Significance.MAJOR, Significance.MINOR, Significance.INFO
C = Category


def _value(v: object) -> str | None:
    return None if v is None else str(getattr(v, "value", v))


STATUS_HANDLED = frozenset({"overall", "why_stopped", "verified", "first_submitted", *DATE_NAMES})
STATUS_REST = ChangeRule(Category.STATUS, "field_changed", INFO)
"""Fields of the status section without a handler of their own: walked by their rules."""


def status_changes(path: str, old: BaseModel, new: BaseModel, out: Out) -> None:
    """Overall status (with why stopped), then the registry dates, then any other status field."""
    assert isinstance(old, Status) and isinstance(new, Status)
    _overall_status(path, old, new, out)
    for name in ("verified", "first_submitted", *DATE_NAMES):
        a, b = getattr(old, name), getattr(new, name)
        if isinstance(a, DatedEvent) and isinstance(b, DatedEvent):
            date_changes(join(path, name), DATE_NAMES[name], a, b, out)
        else:
            label = name.replace("_", " ")
            walk(
                join(path, name),
                a,
                b,
                ChangeRule(Category.DATES, "date_changed", INFO, label=label),
                out,
            )
    walk_model(path, old, new, STATUS_REST, out, STATUS_HANDLED)


def _overall_status(path: str, old: Status, new: Status, out: Out) -> None:
    """A status change carries the new why-stopped text; a why-stopped change alone is minor, or
    the registry's explanation of a stop when it first appears on a trial already stopped."""
    if old.overall != new.overall:
        out.append(status_change(join(path, "overall"), old, new))
    elif old.why_stopped and new.why_stopped and not same(old.why_stopped, new.why_stopped):
        msg = f"why stopped: {quoted(old.why_stopped)} → {quoted(new.why_stopped)}"
        p, before, after = join(path, "why_stopped"), old.why_stopped, new.why_stopped
        out.append(Change("why_stopped_changed", Category.STATUS, p, before, after, MINOR, msg))
    elif old.why_stopped is None and new.why_stopped is not None and new.overall in STOPPED:
        stopped = _value(new.overall)
        msg = f"why stopped first given for the {stopped} trial: {quoted(new.why_stopped)}"
        p = join(path, "why_stopped")
        out.append(
            Change("why_stopped_changed", Category.STATUS, p, None, new.why_stopped, MINOR, msg)
        )
    elif old.why_stopped != new.why_stopped:
        rule = ChangeRule(Category.STATUS, "why_stopped_changed", MINOR, label="why stopped")
        walk(join(path, "why_stopped"), old.why_stopped, new.why_stopped, rule, out)


def last_known(status: Status) -> str | None:
    """The registry's last known status of a trial whose status is UNKNOWN, if the record has it."""
    return _value(status.last_known)


def status_change(path: str, old: Status, new: Status) -> Change:
    """The overall status changed. UNKNOWN is not a sponsor's decision but the registry marking a
    record not verified for two years: going UNKNOWN is ``status_stale``, with the last real status
    (``status.last_known`` when the record has it, else the older version's); leaving UNKNOWN
    for the last known status is ``status_verified_again``."""
    before, after = _value(old.overall), _value(new.overall)
    why = f" (why stopped: {show(new.why_stopped)})" if new.why_stopped else ""
    if after == "UNKNOWN":
        known = last_known(new) or (before if before != "UNKNOWN" else None)
        real = f"; last known status {known}" if known else ""
        msg = f"status {before} → UNKNOWN: the record went stale (not verified for two years{real})"
        details = {"last_known_status": known} if known else {}
        return Change("status_stale", C.STATUS, path, before, after, MINOR, msg, (), details)
    if before == "UNKNOWN":
        known = last_known(old)
        shown = f"UNKNOWN (last known {known})" if known else "UNKNOWN"
        if known == after:
            msg = f"status {shown} → {after}: verified again, status as last known"
            return Change("status_verified_again", C.STATUS, path, before, after, MINOR, msg)
        return Change(
            "status_changed", C.STATUS, path, before, after, MAJOR, f"status {shown} → {after}{why}"
        )
    return Change(
        "status_changed", C.STATUS, path, before, after, MAJOR, f"status {before} → {after}{why}"
    )


def _months(value: str) -> int:
    year, month, _ = date_parts(value)
    return year * 12 + (month or 1)


def slip(old: str, new: str) -> tuple[int, str]:
    """How far a date moved: in days when both are full dates, else in months."""
    from datetime import date

    if len(old) == len(new) == 10:
        return (date.fromisoformat(new) - date.fromisoformat(old)).days, "days"
    if len(old) == 4 or len(new) == 4:
        return (int(new[:4]) - int(old[:4])) * 12, "months"
    return _months(new) - _months(old), "months"


def _precision(value: str) -> str:
    return {4: "year", 7: "month", 10: "day"}[len(value)]


def _with_type(value: str, type_: object) -> str:
    return f"{value} ({_value(type_)})" if type_ is not None else value


def date_changes(path: str, name: str, old: DatedEvent, new: DatedEvent, out: Out) -> None:
    """A registry date: its value (slip or precision) and its type, reported separately."""
    shown = f"{_with_type(old.date, old.type)} → {_with_type(new.date, new.type)}"
    if old.date != new.date:
        out.append(_date_value_change(join(path, "date"), name, old, new, shown))
    rule = ChangeRule(Category.DATES, "date_type_changed", INFO, label=f"{name} date type")
    _type_change(join(path, "type"), rule, old.type, new.type, shown, out)


def _type_change(
    path: str, rule: ChangeRule, old: DateType | None, new: DateType | None, shown: str, out: Out
) -> None:
    """ACTUAL/ESTIMATED changed: the rule's significance when a plan became fact, else minor."""
    if old == new:
        return
    if old is None or new is None:
        walk(path, old, new, rule, out)
        return
    sig = rule.significance if new is DateType.ACTUAL else MINOR
    msg = f"{rule.label} {old.value} → {new.value}: {shown}"
    out.append(Change(rule.kind, rule.category, path, old.value, new.value, sig, msg))


def _date_value_change(
    path: str, name: str, old: DatedEvent, new: DatedEvent, shown: str
) -> Change:
    """The date itself moved, or only became more (or less) precise."""
    order = compare_dates(old.date, new.date)
    before, after = old.date, new.date
    if order is None:
        more = "more" if len(after) > len(before) else "less"
        msg = f"{name} date given {more} precisely: {shown}"
        return Change("date_precision_changed", Category.DATES, path, before, after, INFO, msg)
    if name in REGISTRY_DATES:
        sig = INFO if name == "last update posted" else MINOR
        return Change("date_changed", Category.DATES, path, before, after, sig, f"{name} {shown}")
    amount, unit = slip(before, after)
    size = f"{abs(amount)} {unit[:-1] if abs(amount) == 1 else unit}"
    gain = f"; precision {_precision(before)} → {_precision(after)}"
    gain = gain if len(before) != len(after) else ""
    details = {f"slip_{unit}": amount}
    if order > 0:
        msg = f"{name} moved {size} earlier: {shown}{gain}"
        return Change("date_changed", Category.DATES, path, before, after, MINOR, msg, (), details)
    days = amount if unit == "days" else amount * 30
    major = name in {"primary completion", "completion"} and days >= MAJOR_SLIP_MONTHS * 30
    msg = f"{name} slipped {size}: {shown}{gain}"
    sig = MAJOR if major else MINOR
    return Change("date_slipped", Category.DATES, path, before, after, sig, msg, (), details)


def enrollment_changes(path: str, old: BaseModel, new: BaseModel, out: Out) -> None:
    """Enrollment count and type, reported separately, each message showing both."""
    assert isinstance(old, Enrollment) and isinstance(new, Enrollment)
    shown = f"{_with_type(str(old.count), old.type)} → {_with_type(str(new.count), new.type)}"
    if old.count != new.count:
        p, msg = join(path, "count"), f"enrollment {shown}"
        kind = "enrollment_count_changed"
        out.append(Change(kind, Category.ENROLLMENT, p, old.count, new.count, MAJOR, msg))
    rule = ChangeRule(
        Category.ENROLLMENT, "enrollment_type_changed", MINOR, label="enrollment type"
    )
    _type_change(join(path, "type"), rule, old.type, new.type, shown, out)
    rest = ChangeRule(Category.ENROLLMENT, "enrollment_changed", MINOR, label="enrollment")
    walk_model(path, old, new, rest, out, frozenset({"count", "type"}))


def registration_changes(old: TrialRecord, new: TrialRecord) -> list[Change]:
    """The trial's registration timing (``trialmodel.model.registration``) changed: its start now
    lies before its registration (``retroactive_start``), or can no longer be ordered with it."""
    before, after = registration_timing(old.status), registration_timing(new.status)
    if after is None or (before is not None and before.timing is after.timing):
        return []
    was = f" (was {before.timing.value.replace('_', ' ')})" if before is not None else ""
    start_before = before.start if before is not None else None
    path = "status.start.date"
    if after.timing is Timing.RETROSPECTIVE and before is not None:
        flags = (RETROACTIVE_REGISTRATION,)
        msg = f"{after.describe()}{was}"
        return [
            Change("retroactive_start", C.DATES, path, start_before, after.start, MAJOR, msg, flags)
        ]
    if after.timing is Timing.CANNOT_TELL:
        sig = MINOR if before is not None else INFO
        msg = f"{after.describe()}{was}"
        kind = "registration_timing_unclear"
        return [Change(kind, C.DATES, path, start_before, after.start, sig, msg)]
    return []


def registered_retrospectively(record: TrialRecord) -> bool:
    """Whether the record's start date lies before its submission for registration."""
    registration = registration_timing(record.status)
    return registration is not None and registration.timing is Timing.RETROSPECTIVE
