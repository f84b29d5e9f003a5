"""How `import --update` pairs list items, measured over the records and the registry files.

    python tools/pairing.py [--dump FILE]

Reads the records (``records/``), their history (``records/history/``) and every registry file
in ``tests/data/ctgov`` and ``tests/data/ctgov-corpus`` (imported, not written), walks every list
of every record by the model, and prints one Markdown row for each list path:

- items and lists at the path (all paths; the updater merges only the registry-owned ones);
- for the lists an update merges: how the updater pairs each list with itself in reverse order
  (the registry reordering it) and with itself less its first item (the registry dropping one):
  items paired with an item that is not equal to them (``wrong``), or left unpaired though an
  equal item is left too (``lost``); either puts a curator's comment on the wrong item or drops
  it;
- pairs the updater makes otherwise than the change tracker would (``!= tracker``);
- for each record with a history version: the items of its top-level lists the updater pairs
  from the history version to the record (``history pairs``).

``--dump`` writes every pairing (file, path, old -> new) as JSON, so that two trees' pairings can
be compared exactly: run this script with each tree's interpreter and compare the dumps.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from trialmodel.changes.matching import match_items
from trialmodel.ctgov import CtgovError, import_file
from trialmodel.model.base import is_list, model_in
from trialmodel.model.record import TrialRecord
from trialmodel.updating.merge import OWNED, Merger, Spec, from_round_trip
from trialmodel.writing import round_trip_yaml

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = ("tests/data/ctgov", "tests/data/ctgov-corpus")

pairs_of = Merger._pairs
"""The updater's pairing: (old items, new items, the registry's part of an item, path)."""

Found = tuple[str, type[BaseModel] | None, Spec | None, bool, list[Any]]
"""A list in a record: its path (no indexes), item model, owned spec of an item, merged, items."""


def records() -> Iterator[tuple[str, dict[str, Any]]]:
    """(name, plain data) of every record, history version and imported registry study."""
    yaml = round_trip_yaml()
    for path in sorted(ROOT.glob("records/*.yaml")) + sorted(ROOT.glob("records/history/*/*")):
        yield str(path.relative_to(ROOT)), from_round_trip(yaml.load(path.read_bytes()))
    for folder in REGISTRY:
        for path in sorted((ROOT / folder).glob("*.json")):
            try:
                studies = import_file(path)
            except CtgovError:
                continue  # not a study (the API's metadata file)
            for study in studies:
                yield f"{path.relative_to(ROOT)}:{study.nct_id}", study.data


def lists(data: Any, model: type[BaseModel], path: str, spec: Any, owned: bool) -> Iterator[Found]:
    """Every list in ``data`` below ``model``, depth first, with what the updater owns of it."""
    for name, info in model.model_fields.items():
        if not isinstance(data, dict) or name not in data:
            continue
        value, where = data[name], f"{path}.{name}" if path else name
        inner = model_in(info.annotation)
        mine = owned and (spec is None or name in spec)
        sub = spec.get(name) if isinstance(spec, dict) else None
        if is_list(info.annotation) and isinstance(value, list):
            item = sub.get("[]") if isinstance(sub, dict) else None
            yield where, inner, item, mine, value
            for element in value:
                if inner is not None:
                    yield from lists(element, inner, f"{where}[]", item, mine)
        elif inner is not None:
            yield from lists(value, inner, where, sub, mine)


def owned_part(items: list[Any], item: Spec | None) -> list[Any]:
    """The registry's part of each item, as the updater compares them."""
    if item is None:
        return items
    return [{k: v for k, v in x.items() if k in item} if isinstance(x, dict) else x for x in items]


def tracker_pairs(model: type[BaseModel], old: list[Any], new: list[Any]) -> dict[int, int]:
    """How the change tracker pairs the two lists (matched by key, and renamed)."""
    matching = match_items(
        [model.model_validate(x) for x in old], [model.model_validate(x) for x in new]
    )
    return dict(matching.pairs) | dict(matching.renamed)


def measure(dump: dict[str, Any]) -> dict[str, Counter[str]]:
    """The counts of every list path (and every pairing, into ``dump``)."""
    stats: dict[str, Counter[str]] = defaultdict(Counter)
    top: dict[str, dict[str, list[Any]]] = {}
    for name, data in records():
        top[name] = {}
        for path, model, item, merged, items in lists(data, TrialRecord, "", OWNED, True):
            count = stats[path]
            count["items"] += len(items)
            count["lists"] += 1
            if not merged:
                continue
            if "[]" not in path:
                top[name][path] = items
            old = owned_part(items, item)
            for change, new in (("reversed", old[::-1]), ("dropped", old[1:])):
                pairs = pairs_of(items, new, item, path)
                dump.setdefault(name, {}).setdefault(f"{path} {change}", []).append(
                    sorted(pairs.items())
                )
                count[f"wrong {change}"] += sum(old[j] != new[i] for j, i in pairs.items())
                free = [new[i] for i in set(range(len(new))) - set(pairs.values())]
                count[f"lost {change}"] += sum(
                    old[j] in free for j in range(len(old)) if j not in pairs
                )
                if model is not None:
                    tracked = tracker_pairs(model, old, new)
                    count["!= tracker"] += sum(pairs[j] != tracked.get(j) for j in pairs)
    for name in top:
        if name.startswith("records/history/"):
            current = top.get(f"records/{Path(name).parent.name}.yaml", {})
            for path, items in top[name].items():
                if path in current:
                    # the spec of a top-level list's items, as the updater has it
                    item = _item_spec(path)
                    pairs = pairs_of(items, owned_part(current[path], item), item, path)
                    dump.setdefault(f"{name} -> current", {})[path] = sorted(pairs.items())
                    stats[path]["history pairs"] += len(pairs)
    return stats


def _item_spec(path: str) -> Spec | None:
    spec: Any = OWNED
    for part in path.split("."):
        spec = spec.get(part) if isinstance(spec, dict) else None
    return spec.get("[]") if isinstance(spec, dict) else None


COLUMNS = (
    "items",
    "lists",
    "wrong reversed",
    "lost reversed",
    "wrong dropped",
    "lost dropped",
    "!= tracker",
    "history pairs",
)


def main() -> int:
    """Measure, print the table, write the dump when asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", type=Path, help="write every pairing here as JSON")
    args = parser.parse_args()
    dump: dict[str, Any] = {}
    stats = measure(dump)
    print("| path | " + " | ".join(COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 1) + "|")
    total: Counter[str] = Counter()
    for path, count in sorted(stats.items()):
        total.update(count)
        print(f"| {path} | " + " | ".join(str(count[c]) for c in COLUMNS) + " |")
    print(f"| all {len(stats)} paths | " + " | ".join(str(total[c]) for c in COLUMNS) + " |")
    print(f"\n{len(dump)} records and version pairs", file=sys.stderr)
    if args.dump:
        args.dump.write_text(json.dumps(dump, indent=0, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
