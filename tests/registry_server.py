"""A stand-in for ClinicalTrials.gov on 127.0.0.1: a real HTTP server in the registry's shapes.

It serves API v2 (``/api/v2/studies/{id}``, the paged search ``/api/v2/studies``) and the version
history (``/api/int/studies/{id}/history`` and ``/history/{n}``, text fields rendered to HTML as
the registry's internal API renders its Markdown), from real registry records the tests give it.
Faults are queued per path and each request to that path takes the next one: an HTTP status with
headers, a connection dropped mid-body, a truncated JSON body, or a delay.
"""

from __future__ import annotations

import copy
import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from markdown_it import MarkdownIt

from trialmodel.registry.markup import MARKUP_PATHS, walk_path

Study = dict[str, Any]
_RENDER = MarkdownIt("commonmark")


@dataclass(frozen=True)
class Fault:
    """One misbehaviour: ``kind`` is status, drop, truncate or slow."""

    kind: str
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    seconds: float = 0.0


def status(code: int, **headers: str) -> Fault:
    """Answer with this status (``Retry_After="2"`` becomes a Retry-After header)."""
    return Fault("status", code, tuple((k.replace("_", "-"), v) for k, v in headers.items()))


DROP = Fault("drop")
TRUNCATE = Fault("truncate")


def slow(seconds: float) -> Fault:
    """Answer after ``seconds``."""
    return Fault("slow", seconds=seconds)


def html_study(study: Study, *, compact: bool = False) -> Study:
    """A study as the history API serves it: every Markdown text field rendered to HTML."""
    out = copy.deepcopy(study)
    for path in MARKUP_PATHS:
        for container, key in walk_path(out, path.split(".")):
            if isinstance(container[key], str):
                html = _RENDER.render(container[key])
                container[key] = re.sub(r">\n+<", "><", html).strip() if compact else html
    return out


@dataclass
class Trial:
    """One study the server knows: its versions, oldest first (the last is the current one)."""

    versions: list[tuple[dict[str, Any], Study]]
    """(history entry: version, date, status, moduleLabels; the study at that version)."""
    listed: bool = True
    """False: the version list has no ``changes`` (a study without history)."""
    raw_list: Any = None
    """Served verbatim as the version list when given (a real response)."""


@dataclass
class FakeRegistry:
    """The registry's state, its faults, and every request it was sent."""

    trials: dict[str, Trial] = field(default_factory=dict)
    faults: dict[str, list[Fault]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    hooks: dict[str, Callable[[], None]] = field(default_factory=dict)
    """Run once before answering a path (a curator editing a record mid-sync)."""
    user_agents: list[str] = field(default_factory=list)
    later: list[tuple[str, Study, str, list[str]]] = field(default_factory=list)
    """Versions the registry posts on `advance`."""
    compact_html: bool = False
    url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, study: Study, history: list[tuple[str, list[str], Study]] | None = None) -> str:
        """Serve ``study`` as current; ``history``: (date, moduleLabels, study) before it."""
        nct = study["protocolSection"]["identificationModule"]["nctId"]
        versions = []
        for number, (date, labels, old) in enumerate([*(history or []), (None, None, study)]):
            status_module = old["protocolSection"]["statusModule"]
            when = date or status_module.get("lastUpdateSubmitDate", "2020-01-01")
            entry = {
                "version": number,
                "date": when,
                "status": status_module.get("overallStatus"),
                "moduleLabels": labels if labels is not None else ["Study Status"],
            }
            versions.append((entry, old))
        self.trials[nct] = Trial(versions)
        return nct

    def gain(self, nct: str, study: Study, date: str, labels: list[str]) -> None:
        """The registry posts a new version of a study."""
        trial = self.trials[nct]
        entry = {
            "version": len(trial.versions),
            "date": date,
            "status": study["protocolSection"]["statusModule"].get("overallStatus"),
            "moduleLabels": labels,
        }
        trial.versions.append((entry, study))

    def advance(self) -> None:
        """Post the versions held back for later (see `demo`)."""
        for nct, study, date, labels in self.later:
            self.gain(nct, study, date, labels)
        self.later.clear()

    def fault(self, path: str, *faults: Fault) -> None:
        """Queue faults for a path (without the query)."""
        self.faults.setdefault(path, []).extend(faults)

    def count(self, prefix: str) -> int:
        """Requests whose path starts with ``prefix``."""
        return sum(1 for r in self.requests if r.startswith(prefix))

    # --- answers ---------------------------------------------------------------------------

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[int, Any]:
        parts = path.strip("/").split("/")
        if parts[:3] == ["api", "v2", "studies"] and len(parts) == 3:
            return 200, self._search(query)
        if parts[:3] == ["api", "v2", "studies"] and len(parts) == 4:
            trial = self.trials.get(parts[3])
            return (200, trial.versions[-1][1]) if trial else (404, None)
        if parts[:3] == ["api", "int", "studies"] and len(parts) >= 5 and parts[4] == "history":
            trial = self.trials.get(parts[3])
            if trial is None:
                return 404, None
            if len(parts) == 5:
                if trial.raw_list is not None:
                    return 200, trial.raw_list
                changes = [entry for entry, _ in trial.versions] if trial.listed else []
                shape = {"originalData": {}, "lastUpdateVersions": {}, "outcomesUpdateCount": 0}
                return 200, {"changes": changes, **shape}
            number = int(parts[5])
            if number >= len(trial.versions):
                return 403, None
            html = html_study(trial.versions[number][1], compact=self.compact_html)
            return 200, {"studyVersion": number, "study": html}
        return 404, None

    def _search(self, query: dict[str, list[str]]) -> dict[str, Any]:
        found = [t.versions[-1][1] for _, t in sorted(self.trials.items())]
        for key in ("query.term", "query.cond", "query.intr", "filter.overallStatus"):
            term = _one(query, key).lower()
            if term:
                found = [s for s in found if term in json.dumps(s).lower()]
        since = re.fullmatch(
            r"AREA\[LastUpdatePostDate\]RANGE\[(.+),MAX\]", _one(query, "filter.advanced")
        )
        if since:
            found = [s for s in found if _posted(s) >= since[1]]
        if _one(query, "fields"):
            found = [
                {"protocolSection": {"identificationModule": {"nctId": _id(s)}}} for s in found
            ]
        size = int(_one(query, "pageSize") or 10)
        start = int(_one(query, "pageToken") or 0)
        page: dict[str, Any] = {"studies": found[start : start + size]}
        if start + size < len(found):
            page["nextPageToken"] = str(start + size)
        return page


def _one(query: dict[str, list[str]], key: str) -> str:
    return query.get(key, [""])[0]


def _id(study: Study) -> str:
    return str(study["protocolSection"]["identificationModule"]["nctId"])


def _posted(study: Study) -> str:
    return str(study["protocolSection"]["statusModule"]["lastUpdatePostDateStruct"]["date"])


class _Handler(BaseHTTPRequestHandler):
    registry: FakeRegistry
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go in two writes: no 40 ms stalls

    def log_message(self, *_: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        split = urlsplit(self.path)
        reg = self.registry
        with reg.lock:
            reg.requests.append(self.path)
            reg.user_agents.append(self.headers.get("User-Agent", ""))
            queue = reg.faults.get(split.path, [])
            fault = queue.pop(0) if queue else None
            hook = reg.hooks.pop(split.path, None)
        if hook is not None:
            hook()
        if fault is not None and fault.kind == "slow":
            time.sleep(fault.seconds)
        if fault is not None and fault.kind == "status":
            self._send(fault.status, b"refused", "text/plain", fault.headers)
            return
        code, data = reg.answer(split.path, parse_qs(split.query))
        if code != 200:
            self._send(code, b"not found" if code == 404 else b"forbidden", "text/plain")
            return
        body = json.dumps(data).encode("utf-8")
        if fault is not None and fault.kind == "truncate":
            self._send(200, body[: len(body) // 2], "application/json")
        elif fault is not None and fault.kind == "drop":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
        else:
            self._send(200, body, "application/json")

    def _send(
        self, code: int, body: bytes, kind: str, headers: tuple[tuple[str, str], ...] = ()
    ) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hung up (after a timeout, as the tests make it) is no server error."""


@contextmanager
def serve(registry: FakeRegistry | None = None) -> Iterator[FakeRegistry]:
    """Run a registry on 127.0.0.1 (a free port) for the ``with`` block."""
    registry = registry or FakeRegistry()
    handler = type("Handler", (_Handler,), {"registry": registry})
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    registry.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield registry
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _set_date(status_module: dict[str, Any], key: str, date: str, kind: str) -> None:
    status_module[key] = {"date": date, "type": kind}


def earlier_versions(study: Study) -> list[tuple[str, list[str], Study]]:
    """Three earlier versions of a real record, made the way registries change records.

    Version 0 (first registration): RECRUITING, enrollment and completion dates ESTIMATED, the
    first primary outcome worded otherwise. Version 1: the outcome reworded to today's wording,
    the completion dates slipped. Version 2: SUSPENDED with a why-stopped. The current record
    (the real one) follows as version 3. The dates are made up for the test, in order.
    """
    v0 = copy.deepcopy(study)
    ps = v0["protocolSection"]
    sm = ps["statusModule"]
    sm["overallStatus"] = "RECRUITING"
    sm.pop("whyStopped", None)
    for key in ("primaryCompletionDateStruct", "completionDateStruct"):
        if key in sm:
            _set_date(sm, key, "2019-06", "ESTIMATED")
    enrollment = ps["designModule"].get("enrollmentInfo")
    if enrollment:
        enrollment.update(count=enrollment.get("count", 0) + 6, type="ESTIMATED")
    outcome = ps.get("outcomesModule", {}).get("primaryOutcomes", [{}])[0]
    if "measure" in outcome:
        outcome["measure"] = (
            "Change from baseline in " + outcome["measure"][0].lower() + outcome["measure"][1:]
        )
    _set_date(sm, "lastUpdatePostDateStruct", "2018-02-01", "ACTUAL")
    v1 = copy.deepcopy(v0)
    v1["protocolSection"]["outcomesModule"] = copy.deepcopy(
        study["protocolSection"].get("outcomesModule", {})
    )
    for key in ("primaryCompletionDateStruct", "completionDateStruct"):
        if key in v1["protocolSection"]["statusModule"]:
            _set_date(v1["protocolSection"]["statusModule"], key, "2020-01", "ESTIMATED")
    _set_date(
        v1["protocolSection"]["statusModule"], "lastUpdatePostDateStruct", "2018-09-03", "ACTUAL"
    )
    v2 = copy.deepcopy(v1)
    sm2 = v2["protocolSection"]["statusModule"]
    sm2["overallStatus"] = "SUSPENDED"
    sm2["whyStopped"] = "Enrolment paused while the study drug supply is renewed (a test edit)."
    _set_date(sm2, "lastUpdatePostDateStruct", "2019-03-12", "ACTUAL")
    return [
        ("2018-01-29", [], v0),
        ("2018-08-30", ["Outcome Measures", "Study Status"], v1),
        ("2019-03-08", ["Study Status"], v2),
    ]


DATA = Path(__file__).parent / "data" / "ctgov"


def next_version(study: Study, posted: str, submitted: str) -> Study:
    """The next version of a real record: an outcome re-timed, the summary extended (test edits)."""
    new = copy.deepcopy(study)
    status_module = new["protocolSection"]["statusModule"]
    status_module["lastUpdatePostDateStruct"] = {"date": posted, "type": "ACTUAL"}
    status_module["lastUpdateSubmitDate"] = submitted
    outcome = new["protocolSection"]["outcomesModule"]["primaryOutcomes"][0]
    outcome["timeFrame"] = "After 6 doses of medication"
    new["protocolSection"]["descriptionModule"]["briefSummary"] += " Results are expected in 2021."
    return new


def demo(name: str) -> FakeRegistry:
    """The registry the documentation's examples run against (``console-registry: NAME``).

    ``NCT03418623``: the real record as its current version, with `earlier_versions`; a version
    posted in 2021 (`next_version`) is held back until `FakeRegistry.advance`.
    """
    if name != "NCT03418623":
        raise ValueError(f"no demo registry {name!r}")
    study = json.loads((DATA / f"{name}.json").read_bytes())
    registry = FakeRegistry()
    registry.add(study, earlier_versions(study))
    later = next_version(study, "2021-02-02", "2021-01-29")
    registry.later.append((name, later, "2021-01-29", ["Outcome Measures", "Study Description"]))
    return registry
