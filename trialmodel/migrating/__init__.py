"""``trialmodel migrate``: a record of format 1.x rewritten as the current format (2.0), in place.

Nothing a curator wrote is lost: the record is read by ruamel.yaml's round-trip reader, so its
comments hang on its nodes; an ordered tuple of **steps** (``trialmodel.migrating.steps.STEPS``)
rewrites that tree in place, one structural change each; the record paths the record itself holds
(``provenance.needs_review``, curation notes' topics, acknowledgments' paths) are mapped to the new
places; ``schema_version`` becomes the current version; and the text is restyled as
``trialmodel fmt`` writes it. Before anything is written, every value of the old record must be at
its mapped place in the new one and every comment must still be there (``checks``), or the file is
refused with ``MigrationError`` and left as it is.

The step interface (``trialmodel.migrating.base``), for whoever adds a structural change:

- a step is ``Step(name, summary, run, applies)``; ``run(document)`` receives the whole record as a
  ``ruamel.yaml.comments.CommentedMap`` in the coordinates the previous step left, changes it in
  place, and returns ``list[Move]``;
- ``Move(old, new)``: the node at record path ``old`` (a tuple of keys and list indexes, in the
  tree the step received) is now at ``new``, with everything below it; move nodes (the mapping
  object itself), do not copy values, so the comments on them move with them; a value that stays
  where it was needs no move, and a value a step adds needs none;
- ``Move(old, new, replaced=(before, after))``: a value the step rewrote because the new format
  has no such value (a vocabulary value it dropped); the checks hold that exactly ``before`` at
  ``old`` became exactly ``after`` at ``new`` (``replaced_value``), and nothing else changed;
- ``applies(data)`` says, from the 1.x record as plain data, whether the step has anything to
  rewrite (default: always); when no step applies, only the version line is rewritten, in the
  text, and ruamel.yaml is not run;
- a step never drops a value: where it cannot rewrite a record without losing one, it raises
  ``StepError`` (``step_error(message, path, node, key)`` locates it) and the file is refused;
- a step module defines ``STEP`` and is listed, at its place in the order, in ``STEPS``; a test
  on every record, history file, example and imported registry file checks it with the rest.

The moves are returned (``Migrated.moves``, one tuple per step) so that ``map_path`` says where any
1.x value is in the new record.
"""

from __future__ import annotations

from trialmodel.migrating.base import Move, RecordPath, Step, StepError, position, step_error
from trialmodel.migrating.paths import map_path, map_text, parse_path, replaced_value
from trialmodel.migrating.run import (
    FROM_MAJOR,
    Migrated,
    MigrationError,
    migrate_file,
    migrate_text,
)

__all__ = [
    "FROM_MAJOR",
    "Migrated",
    "MigrationError",
    "Move",
    "RecordPath",
    "Step",
    "StepError",
    "map_path",
    "map_text",
    "migrate_file",
    "migrate_text",
    "parse_path",
    "position",
    "replaced_value",
    "step_error",
]
