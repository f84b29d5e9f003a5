"""Tests for trialmodel.registry.client and .api against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest

from tests.registry_server import DROP, TRUNCATE, FakeRegistry, Trial, serve, slow, status
from trialmodel import package_version
from trialmodel.registry import api
from trialmodel.registry.client import (
    Client,
    NotFoundError,
    RegistryError,
    Settings,
    registry_url,
    retry_after,
)

DATA = Path(__file__).parents[2] / "data"
NCT = "NCT03418623"
STUDY = f"/api/v2/studies/{NCT}"


def _study(name: str = NCT) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "ctgov" / f"{name}.json").read_bytes())
    return data


@pytest.fixture
def registry() -> Iterator[FakeRegistry]:
    with serve() as reg:
        reg.add(_study())
        yield reg


class _Waits:
    """A sleep that records what it was asked and a clock that it moves: no real waiting."""

    def __init__(self) -> None:
        self.now = 100.0
        self.asked: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.asked.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


def _client(reg: FakeRegistry, waits: _Waits | None = None, **settings: Any) -> Client:
    options: dict[str, Any] = {"rate": 1000.0, "backoff": 0.5, "tries": 4, "read_timeout": 5.0}
    options.update(settings)
    waits = waits or _Waits()
    return Client(Settings(base_url=reg.url, **options), sleep=waits.sleep, clock=waits.clock)


def test_current_study_is_read_with_a_user_agent_naming_trialmodel(registry: FakeRegistry) -> None:
    """API v2 gives the study; the request says it is trialmodel and which version."""
    with _client(registry) as client:
        reply = api.study(client, NCT)
    assert reply.data == _study()
    assert reply.url == registry.url + STUDY
    assert reply.retrieved.endswith("Z") and len(reply.retrieved) == 20
    assert registry.user_agents[0].startswith(f"trialmodel/{package_version()} ")


def test_429_waits_as_long_as_retry_after_asks(registry: FakeRegistry) -> None:
    """A 429 with Retry-After: 7 is tried again after 7 s (more than the back-off would wait)."""
    registry.fault(STUDY, status(429, Retry_After="7"))
    waits = _Waits()
    with _client(registry, waits) as client:
        assert api.study(client, NCT).data == _study()
        assert client.requests == 2
    assert max(waits.asked) == pytest.approx(7.0)


def test_retry_after_as_an_http_date() -> None:
    """Retry-After may be a date: the wait is the time until it; nonsense is ignored."""
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    later = format_datetime(now + timedelta(seconds=30), usegmt=True)
    assert retry_after(later, now) == pytest.approx(30.0)
    assert retry_after("soon", now) is None
    assert retry_after(None) is None


@pytest.mark.parametrize("code", [500, 502, 503, 504, 403])
def test_server_errors_and_refusals_are_tried_again_with_back_off(
    registry: FakeRegistry, code: int
) -> None:
    """5xx and 403 are tried again, each wait twice the one before (0.5, 1.0)."""
    registry.fault(STUDY, status(code), status(code))
    waits = _Waits()
    with _client(registry, waits) as client:
        assert api.study(client, NCT).data == _study()
        assert client.requests == 3
    assert [w for w in waits.asked if w >= 0.5] == [0.5, 1.0]


@pytest.mark.parametrize("fault", [DROP, TRUNCATE], ids=["dropped", "truncated"])
def test_a_connection_dropped_mid_body_or_truncated_json_is_tried_again(
    registry: FakeRegistry, fault: Any
) -> None:
    """Half a body (connection closed, or complete HTTP but cut JSON) is never taken as data."""
    registry.fault(STUDY, fault)
    with _client(registry) as client:
        assert api.study(client, NCT).data == _study()
        assert client.requests == 2


def test_a_response_slower_than_the_read_timeout_is_tried_again(registry: FakeRegistry) -> None:
    """A server that does not answer within the read timeout does not hang the run."""
    registry.fault(STUDY, slow(1.0))
    with _client(registry, read_timeout=0.2) as client:
        assert api.study(client, NCT).data == _study()
        assert client.requests == 2


def test_tries_are_bounded(registry: FakeRegistry) -> None:
    """A registry that keeps failing gets a clear error after the last try, not an endless loop."""
    registry.fault(STUDY, *[status(503)] * 10)
    with _client(registry, tries=3) as client, pytest.raises(RegistryError) as raised:
        api.study(client, NCT)
    assert client.requests == 3
    assert "HTTP 503 (after 3 tries)" in str(raised.value)
    assert NCT in str(raised.value)


def test_a_retry_after_beyond_the_longest_wait_ends_the_request(registry: FakeRegistry) -> None:
    """Asked to wait an hour, the client says so rather than sleeping through the run."""
    registry.fault(STUDY, status(503, Retry_After="3600"))
    waits = _Waits()
    with _client(registry, waits, max_wait=60.0) as client, pytest.raises(RegistryError) as raised:
        api.study(client, NCT)
    assert "asks to wait 3600 s" in str(raised.value)
    assert max(waits.asked, default=0.0) < 60.0


def test_unknown_study_is_not_found_at_once(registry: FakeRegistry) -> None:
    """404 (an unknown NCT id) is an answer: no retries."""
    with _client(registry) as client, pytest.raises(NotFoundError, match="HTTP 404"):
        api.study(client, "NCT00000000")
    assert registry.requests == ["/api/v2/studies/NCT00000000"]


def test_version_past_the_last_is_the_end_of_the_list(registry: FakeRegistry) -> None:
    """403 on every try for a version number past the last is None (the end), not an error."""
    with _client(registry, tries=2) as client:
        assert api.version(client, NCT, 0) is not None
        assert api.version(client, NCT, 1) is None
        assert client.requests == 3


def test_the_real_version_list_is_read(registry: FakeRegistry) -> None:
    """The registry's real response (NCT03690141, 10 versions) gives numbers, dates, modules."""
    raw = json.loads(
        (DATA / "ctgov-history" / "NCT03690141.history-true.excerpt.json").read_bytes()
    )
    registry.trials["NCT03690141"] = Trial([], raw_list=raw["history"])
    with _client(registry) as client:
        found = api.versions(client, "NCT03690141")
    assert [v.number for v in found] == list(range(10))
    assert (found[0].date, found[0].status, found[0].module_labels) == (
        "2018-09-27",
        "NOT_YET_RECRUITING",
        (),
    )
    assert found[9].date == "2020-04-27"
    assert found[1].module_labels == ("Study Status", "Contacts/Locations")


def test_a_study_without_history_has_an_empty_list(registry: FakeRegistry) -> None:
    """``changes`` empty or missing (cthist issue 23) is no earlier version, not an error."""
    registry.trials[NCT].listed = False
    registry.trials["NCT02020174"] = Trial([], raw_list={"originalData": {}})
    with _client(registry) as client:
        assert api.versions(client, NCT) == []
        assert api.versions(client, "NCT02020174") == []


def test_a_version_list_of_the_wrong_shape_is_a_clear_error(registry: FakeRegistry) -> None:
    """A changed internal API is reported as such, naming the address."""
    registry.trials["NCT00000001"] = Trial([], raw_list={"changes": [{"version": "x"}]})
    with _client(registry) as client, pytest.raises(RegistryError, match="unexpected answer"):
        api.versions(client, "NCT00000001")


def test_search_follows_page_tokens_to_the_end() -> None:
    """Every study of a search is returned, page after page, until no nextPageToken."""
    with serve() as reg:
        names = sorted(
            p.stem for p in (DATA / "ctgov").glob("NCT*.json") if "wrapper" not in p.name
        )
        for name in names:
            reg.add(_study(name))
        with _client(reg) as client:
            found = [api.study_id(s) for _, s in api.search_pages(client, {}, page_size=3)]
            assert client.requests == -(-len(names) // 3)
    assert found == names
    assert "pageToken=3" in reg.requests[1]


def test_changed_since_asks_the_registry_by_last_update_posted() -> None:
    """--since is one filtered search: the studies posted on or after the date."""
    with serve() as reg:
        for name in ("NCT03418623", "NCT00973089", "NCT04207047"):
            reg.add(_study(name))
        with _client(reg) as client:
            assert api.changed_since(client, "2019-12-20") == {"NCT03418623", "NCT04207047"}
    assert "AREA%5BLastUpdatePostDate%5DRANGE%5B2019-12-20%2CMAX%5D" in reg.requests[0]
    assert "fields=NCTId%2CLastUpdatePostDate" in reg.requests[0]


def test_the_throttle_keeps_the_rate() -> None:
    """At 1 request a second, ten requests take nine seconds of waiting, no more."""
    with serve() as reg:
        reg.add(_study())
        waits = _Waits()
        with _client(reg, waits, rate=1.0) as client:
            for _ in range(10):
                api.study(client, NCT)
    assert sum(waits.asked) == pytest.approx(9.0)


def test_registry_address_from_option_environment_or_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """--registry-url wins, then TRIALMODEL_REGISTRY_URL, then clinicaltrials.gov."""
    monkeypatch.delenv("TRIALMODEL_REGISTRY_URL", raising=False)
    assert registry_url() == "https://clinicaltrials.gov"
    monkeypatch.setenv("TRIALMODEL_REGISTRY_URL", "http://127.0.0.1:9")
    assert registry_url() == "http://127.0.0.1:9"
    assert registry_url("http://localhost:1") == "http://localhost:1"


def test_timeouts_are_set_on_connect_and_read() -> None:
    """No request can wait forever: connect and read both have a timeout."""
    with Client(Settings(connect_timeout=3.0, read_timeout=7.0)) as client:
        timeout = client._http.timeout
    assert (timeout.connect, timeout.read) == (3.0, 7.0)
