"""Benchmarks of the registry client: cost per version, and a sync of 1,000 records, 20 changed.

The registry is the stand-in the tests use (``tests/registry_server.py``), on 127.0.0.1 in this
process; trialmodel runs as a separate process, timed and its peak memory read with ``os.wait4``.
The throttle is lifted (``--rate 1000000``) so that what is measured is the client's own cost:
HTTP, HTML to Markdown, import, writing. Baselines in the same run: the same requests sent by a
bare httpx loop (``benchmarks/registry_floor.py``), and ``trialmodel validate`` on the same
records. Writes ``benchmarks/REGISTRY.md``.

    .venv/bin/python benchmarks/registry.py [--repeat 3] [--tracked 1000] [--changed 20]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "benchmarks"))

from measure import run_once  # noqa: E402

from tests.registry_server import FakeRegistry, earlier_versions, serve  # noqa: E402

BIN = Path(sys.executable).parent
DATA = ROOT / "tests" / "data"
FAST = ["--rate", "1000000"]


def _studies() -> list[dict[str, Any]]:
    """The real studies of tests/data whose records validate (sync refuses an invalid record)."""
    from trialmodel.ctgov import CtgovError, import_study
    from trialmodel.records import RecordError, load_record
    from trialmodel.writing import yaml_text

    files = sorted((DATA / "ctgov").glob("NCT*.json")) + sorted(
        (DATA / "ctgov-corpus").glob("NCT*.json")
    )
    usable = []
    for path in files:
        if "wrapper" in path.name:
            continue
        study = json.loads(path.read_bytes())
        try:
            load_record(yaml_text(import_study(study, path.name).data).encode(), name=path.name)
        except (RecordError, CtgovError):
            continue
        usable.append(study)
    return usable


def _renumbered(study: dict[str, Any], number: int) -> dict[str, Any]:
    """A copy under a made-up id (NCT9..., a range the registry has not issued)."""
    copied = copy.deepcopy(study)
    copied["protocolSection"]["identificationModule"]["nctId"] = f"NCT9{number:07d}"
    return copied


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB (of the command, not of this process), exit code."""
    sample, _ = run_once(argv, env=env)
    return sample.seconds, sample.max_rss_mib, sample.returncode


def _timed(argv: list[str], env: dict[str, str], repeat: int, setup: Any = None) -> dict[str, Any]:
    runs = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        runs.append(_run(argv, env))
    codes = {code for _, _, code in runs}
    return {
        "median": statistics.median(s for s, _, _ in runs),
        "rss": max(r for _, r, _ in runs),
        "codes": sorted(codes),
    }


def _history_paths(reg: FakeRegistry) -> list[str]:
    paths = []
    for nct, trial in sorted(reg.trials.items()):
        paths += [f"/api/v2/studies/{nct}", f"/api/int/studies/{nct}/history"]
        paths += [f"/api/int/studies/{nct}/history/{n}" for n in range(len(trial.versions) - 1)]
    return paths


def per_version(repeat: int, trials: int) -> dict[str, Any]:
    """fetch --history of ``trials`` studies with three earlier versions each."""
    with serve() as reg, tempfile.TemporaryDirectory() as tmp:
        studies = _studies()[:trials]
        for study in studies:
            reg.add(study, earlier_versions(study))
        env = {**os.environ, "TRIALMODEL_REGISTRY_URL": reg.url}
        out = Path(tmp) / "out"
        ids = sorted(reg.trials)
        paths = _history_paths(reg)
        fetch = [str(BIN / "trialmodel"), "fetch", *ids, "--out", str(out), "--history", *FAST]
        reg.requests.clear()
        client = _timed(fetch, env, repeat, setup=lambda: shutil.rmtree(out, ignore_errors=True))
        requests = len(reg.requests) // repeat
        list_file = Path(tmp) / "paths.txt"
        list_file.write_text("\n".join(paths), encoding="utf-8")
        floor_argv = [sys.executable, str(ROOT / "benchmarks" / "registry_floor.py"), reg.url]
        floor = _timed([*floor_argv, str(list_file)], env, repeat)
    versions = trials * 4
    return {
        "trials": trials,
        "versions": versions,
        "requests": requests,
        "client": client,
        "floor": floor,
    }


def sync_run(repeat: int, tracked: int, changed: int) -> dict[str, Any]:
    """sync of ``tracked`` records, ``changed`` with a new version; with and without --since."""
    with serve() as reg, tempfile.TemporaryDirectory() as tmp:
        base = _studies()
        for i in range(tracked):
            reg.add(_renumbered(base[i % len(base)], i))
        env = {**os.environ, "TRIALMODEL_REGISTRY_URL": reg.url}
        held = Path(tmp) / "held"
        ids = sorted(reg.trials)
        setup = [str(BIN / "trialmodel"), "fetch", *ids, "--out", str(held), "--history", *FAST]
        assert _run(setup, env)[2] == 0
        for nct in ids[:: max(1, tracked // changed)][:changed]:
            new = copy.deepcopy(reg.trials[nct].versions[-1][1])
            sm = new["protocolSection"]["statusModule"]
            sm["lastUpdatePostDateStruct"] = {"date": "2030-01-15", "type": "ACTUAL"}
            enrollment = new["protocolSection"]["designModule"].setdefault("enrollmentInfo", {})
            enrollment["count"] = enrollment.get("count", 0) + 1
            reg.gain(nct, new, "2030-01-14", ["Study Design", "Study Status"])
        work = Path(tmp) / "work"

        def fresh() -> None:
            shutil.rmtree(work, ignore_errors=True)
            shutil.copytree(held, work)

        results: dict[str, Any] = {"tracked": tracked, "changed": changed}
        for label, extra in (("full", []), ("since", ["--since", "2030-01-01"])):
            reg.requests.clear()
            argv = [str(BIN / "trialmodel"), "sync", str(work), *extra, *FAST]
            results[label] = _timed(argv, env, repeat, setup=fresh)
            results[label]["requests"] = len(reg.requests) // repeat
        fresh()
        validate = [str(BIN / "trialmodel"), "validate", "--quiet", str(work)]
        results["validate"] = _timed(validate, env, repeat)
        list_file = Path(tmp) / "paths.txt"
        list_file.write_text("\n".join(_full_sync_paths(reg, ids)), encoding="utf-8")
        floor_argv = [sys.executable, str(ROOT / "benchmarks" / "registry_floor.py"), reg.url]
        results["floor"] = _timed([*floor_argv, str(list_file)], env, repeat)
    return results


def _full_sync_paths(reg: FakeRegistry, ids: list[str]) -> list[str]:
    paths = []
    for nct in ids:
        paths.append(f"/api/int/studies/{nct}/history")
        if len(reg.trials[nct].versions) > 1:
            paths.append(f"/api/v2/studies/{nct}")
    return paths


def _ms(seconds: float, n: int) -> str:
    return f"{seconds / n * 1000:.1f} ms"


def report(pv: dict[str, Any], sy: dict[str, Any], repeat: int) -> str:
    c, f = pv["client"], pv["floor"]
    per = c["median"] / pv["versions"]
    lines = [
        "# Registry client benchmarks",
        "",
        f"Written by `benchmarks/registry.py` (median of {repeat} runs each, one machine, one run;",
        "the registry is the stand-in of `tests/registry_server.py` on 127.0.0.1, the throttle",
        "lifted so that the client's own cost shows). Python "
        f"{sys.version.split()[0]}, {os.cpu_count()} cores.",
        "",
        "## Cost per version: `fetch --history`",
        "",
        f"{pv['trials']} real studies, each with three earlier versions (made by editing the real",
        f"record) and its current one: {pv['versions']} versions, {pv['requests']} requests.",
        "",
        "| what | median | per version | peak memory |",
        "|---|---|---|---|",
        f"| `trialmodel fetch ... --history` | {c['median']:.2f} s |"
        f" {_ms(c['median'], pv['versions'])} | {c['rss']:.0f} MiB |",
        f"| floor: the same requests, bare httpx | {f['median']:.2f} s |"
        f" {_ms(f['median'], pv['versions'])} | {f['rss']:.0f} MiB |",
        "",
        f"The client costs {per * 1000:.1f} ms per version, {c['median'] / f['median']:.1f}× the "
        f"bare requests, and {per * 100:.1f}% of the one-second throttle the registry asks for: "
        "against the real registry the time is the throttle's.",
        "",
        f"## Sync of {sy['tracked']:,} tracked records, {sy['changed']} changed",
        "",
        f"{sy['tracked']:,} records (the real studies of `tests/data/` whose records validate,",
        "repeated under made-up ids), each held at its current version; then "
        f"{sy['changed']} gain one new version (enrollment count corrected).",
        "",
        "| run | requests | median | peak memory | at 1 request a second |",
        "|---|---|---|---|---|",
    ]
    for label, name in (
        ("full", "`trialmodel sync DIR`"),
        ("since", "`trialmodel sync DIR --since DATE`"),
    ):
        r = sy[label]
        at_rate = r["requests"] + r["median"]
        lines.append(
            f"| {name} | {r['requests']:,} | {r['median']:.2f} s | {r['rss']:.0f} MiB |"
            f" about {at_rate / 60:.0f} min |"
        )
    v, fl = sy["validate"], sy["floor"]
    lines += [
        f"| baseline: `trialmodel validate DIR` | 0 | {v['median']:.2f} s | {v['rss']:.0f} MiB | |",
        f"| floor: the full sync's requests, bare httpx | {sy['full']['requests']:,} |"
        f" {fl['median']:.2f} s | {fl['rss']:.0f} MiB | |",
        "",
        "Exit codes seen: "
        + ", ".join(f"{k} {sy[k]['codes']}" for k in ("full", "since", "validate"))
        + ".",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--tracked", type=int, default=1000)
    parser.add_argument("--changed", type=int, default=20)
    args = parser.parse_args()
    pv = per_version(args.repeat, args.trials)
    print(json.dumps(pv, indent=1))
    sy = sync_run(args.repeat, args.tracked, args.changed)
    print(json.dumps(sy, indent=1))
    text = report(pv, sy, args.repeat)
    (ROOT / "benchmarks" / "REGISTRY.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
