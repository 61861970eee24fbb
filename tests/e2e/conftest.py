"""Browser tests: the real webapp served by the real backend that `loom run` starts, in Debian's Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.e2e.stack import LoomStack
from tests.support.fake_oauth import FakeOAuth, running_fake_oauth
from tests.support.fakes import FakeSentry

CHROMIUM = os.environ.get("LOOM_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture(scope="session")
def fake_oauth() -> Iterator[FakeOAuth]:
    """Google and Facebook, played by a local server the stack is configured to use."""
    with running_fake_oauth() as fake:
        yield fake


@pytest.fixture(scope="session")
def fake_sentry() -> Iterator[FakeSentry]:
    """The webapp's Sentry, played by a local server taking envelopes."""
    fake = FakeSentry()
    yield fake
    fake.close()


E2E_RELEASE = "loom@e2e-release"


@pytest.fixture(scope="session")
def stack(
    tmp_path_factory: pytest.TempPathFactory, fake_oauth: FakeOAuth, fake_sentry: FakeSentry
) -> Iterator[LoomStack]:
    env = fake_oauth.env() | {"LOOM_WEBAPP_SENTRY_DSN": fake_sentry.dsn(), "LOOM_SENTRY_RELEASE": E2E_RELEASE}
    running = LoomStack(tmp_path_factory.mktemp("loom-stack"), env=env)
    running.start()
    yield running
    assert running.stop() == 0, running.output()[-3000:]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="en-US", timezone_id="Europe/Berlin")
    opened = context.new_page()
    opened.set_default_timeout(15000)
    yield opened
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        opened.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
