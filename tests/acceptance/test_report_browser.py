"""`trialmodel report` in a real browser: headless Chromium from the system's packages, driven by
Playwright (never a browser of Playwright's own download).

Under CI (``CI=true``) a missing browser fails these tests; elsewhere they are skipped with the
command that installs it. Screenshots are kept in tests/artifacts/ (ignored by git).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from tests.acceptance.conftest import RECORDS
from trialmodel.cli import main

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""The flags that let Chromium start as root on a machine with no network and no display."""
ARTIFACTS = Path(__file__).parents[1] / "artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """The system's Chromium, headless."""
    if not CHROMIUM.is_file():
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of records/."""
    out = tmp_path_factory.mktemp("report")
    assert main(["report", str(RECORDS), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory, corpus_records: Path) -> Path:
    """The report of the imported registry corpus and records/ together."""
    out = tmp_path_factory.mktemp("big-report")
    assert main(["report", str(corpus_records), str(RECORDS), "--out", str(out)]) == 0
    return out


class Watched:
    """A page whose console errors, uncaught exceptions and failed loads are collected."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"pageerror: {error}"))
        page.on("requestfailed", lambda req: self.problems.append(f"failed: {req.url}"))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type in {"error", "warning"}:
            self.problems.append(f"{message.type}: {message.text}")

    def open(self, path: Path) -> None:
        self.page.goto(path.as_uri(), wait_until="load")


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    """A fresh page in its own context."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield Watched(context.new_page())
    finally:
        context.close()


def _pages(site: Path) -> list[Path]:
    return [site / "index.html", *sorted((site / "trials").glob("*.html"))]


def test_every_page_loads_without_console_errors(site: Path, watched: Watched) -> None:
    """The index and every trial page load from disk with no console error and no failed load."""
    pages = _pages(site)
    assert len(pages) == 1 + len(list(RECORDS.glob("*.yaml")))
    for page in pages:
        watched.open(page)
        assert watched.page.locator("h1").count() == 1, page
    assert watched.problems == []


def test_timeline_shows_recruiting_then_completed(site: Path, watched: Watched) -> None:
    """NCT03929120's status timeline shows RECRUITING, then COMPLETED to its right; a screenshot
    of the page is kept."""
    watched.open(site / "trials" / "NCT03929120.html")
    bands = watched.page.locator("#status-timeline svg .band")
    assert bands.all_text_contents() == ["RECRUITING", "COMPLETED"]
    first, second = (bands.nth(i).bounding_box() for i in range(2))
    assert first is not None and second is not None
    assert first["x"] + first["width"] <= second["x"] + 1 and first["width"] > 50
    assert watched.page.locator("li.change.major").first.text_content() == (
        "major status status RECRUITING → COMPLETED"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report-NCT03929120.png"
    watched.page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    assert watched.problems == []


def test_pages_read_without_javascript(site: Path, browser: Browser) -> None:
    """With JavaScript off the index lists every trial and the charts are drawn (plain SVG)."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((site / "index.html").as_uri())
        assert page.locator("#trials tbody tr:visible").count() == 5
        page.goto((site / "trials" / "NCT03929120.html").as_uri())
        for chart in ("#status-timeline svg", "#dates svg", "#enrollment svg"):
            box = page.locator(chart).bounding_box()
            assert box is not None and box["height"] > 40, chart
    finally:
        context.close()


def _row_ids(page: Page) -> list[str]:
    return page.locator("#trials tbody tr:visible").evaluate_all(
        "rows => rows.map(r => r.dataset.nct)"
    )


def test_index_sorts_and_filters(site: Path, watched: Watched) -> None:
    """Clicking a header sorts the index (again: reversed); the filters narrow it."""
    watched.open(site / "index.html")
    page = watched.page
    page.get_by_role("columnheader", name="Status").click()
    statuses = page.locator("#trials tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.status)"
    )
    assert statuses == sorted(statuses)
    page.get_by_role("columnheader", name="Status").click()
    again = page.locator("#trials tbody tr").evaluate_all("rows => rows.map(r => r.dataset.status)")
    assert again == sorted(statuses, reverse=True)
    page.get_by_label("Filter").fill("interstitial")
    assert sorted(_row_ids(page)) == ["NCT02594839", "NCT03929120"]
    page.get_by_label("Status").select_option("COMPLETED")
    page.get_by_label("Filter").fill("")
    assert sorted(_row_ids(page)) == ["NCT02594839", "NCT03929120"]
    assert page.locator("#shown").text_content() == "2 of 5 trials"
    assert watched.problems == []


SORT_AND_FILTER = """() => {
  const start = performance.now();
  document.querySelector('th[data-key="last"]').click();
  const sorted = performance.now();
  const box = document.getElementById('filter-text');
  box.value = 'india';
  box.dispatchEvent(new Event('input'));
  return [sorted - start, performance.now() - sorted];
}"""


def test_an_index_of_many_trials_stays_responsive(big_site: Path, watched: Watched) -> None:
    """The index of 200+ trials (the corpus and the records) and every page load clean; sorting and
    filtering it each finish well within a second, as a person expects of a click."""
    trials = len(list((big_site / "trials").glob("*.html")))
    assert trials > 200
    watched.open(big_site / "index.html")
    page = watched.page
    assert page.locator("#trials tbody tr").count() == trials
    sort_ms, filter_ms = page.evaluate(SORT_AND_FILTER)
    print(f"{trials} trials: sort {sort_ms:.0f} ms, filter {filter_ms:.0f} ms")
    # A liveness bound for a click, generous for a loaded two-core machine; not a benchmark.
    assert sort_ms < 1000 and filter_ms < 1000
    shown = page.locator("#trials tbody tr:visible").count()
    assert 0 < shown < trials
    assert page.locator("#shown").text_content() == f"{shown} of {trials} trials"
    for path in _pages(big_site)[1:]:
        watched.open(path)
    assert watched.problems == []


def test_pages_print_in_one_column_without_controls(site: Path, watched: Watched) -> None:
    """In print the index hides its filters and a trial page lays its card above its history;
    the page prints to PDF (kept beside the screenshot)."""
    page = watched.page
    watched.open(site / "index.html")
    page.emulate_media(media="print")
    assert page.locator("#filters").is_hidden()
    watched.open(site / "trials" / "NCT03929120.html")
    card = page.locator("section.card").bounding_box()
    history = page.locator("section.history").bounding_box()
    assert card is not None and history is not None
    assert history["y"] >= card["y"] + card["height"]
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "report-NCT03929120.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.read_bytes().startswith(b"%PDF-") and b"/Type /Page" in pdf.read_bytes()
    assert watched.problems == []
