"""Every main page passes axe-core (WCAG 2.2 AA rules) in light and dark mode, with its menus and a
dialog open, and stays usable on a 390 px phone: the Settings tab is reachable and no tap target is
under 24 px.

axe-core runs as tests/e2e/axe.py loads it (from the webapp's node_modules, nothing fetched).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.axe import axe_problems
from tests.e2e.journeys import sign_in, sign_up_and_confirm
from tests.e2e.shots import shot
from tests.e2e.stack import LoomStack
from tests.e2e.test_delivery_story import ZONE, create_workspace_in, design_delivery
from tests.e2e.test_steps_story import build_the_flow

EMAIL = "axe.reader@example.com"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 860}


@dataclass(frozen=True)
class Workspace:
    slug: str
    record: str  # the address of one record's page


def _context(browser: Browser, viewport: dict[str, int], scheme: str) -> BrowserContext:
    context = browser.new_context(
        viewport=viewport,  # type: ignore[arg-type]
        locale="en-US",
        timezone_id="Europe/Berlin",
        color_scheme=scheme,  # type: ignore[arg-type]
    )
    context.set_default_timeout(20000)
    return context


def _signed_in(
    stack: LoomStack, browser: Browser, viewport: dict[str, int], scheme: str
) -> tuple[BrowserContext, Page]:
    """A new browser signed in as the workspace's owner (sessions are not shared: refresh tokens rotate)."""
    context = _context(browser, viewport, scheme)
    page = context.new_page()
    page.goto(stack.url + "/signin")
    sign_in(page, EMAIL)
    return context, page


@pytest.fixture(scope="module")
def workspace(stack: LoomStack, browser: Browser) -> Workspace:
    """A workspace with a published blueprint, a flow with a board, and one record."""
    context = _context(browser, DESKTOP, "light")
    page = context.new_page()
    sign_up_and_confirm(stack, page, EMAIL)
    sign_in(page, EMAIL)
    create_workspace_in(page, "X Readable", ZONE)
    slug = page.url.split("/t/")[1].split("/")[0]
    design_delivery(page)
    build_the_flow(page)
    page.goto(f"{stack.url}/t/{slug}/b/delivery")
    page.get_by_role("button", name="New record").click()
    page.get_by_label("Deliver from").fill("Berlin depot")
    page.get_by_label("Deliver to").fill("Hamburg port")
    page.get_by_label("Cargo").fill("Books")
    page.get_by_role("button", name="Create record").click()
    expect(page.get_by_role("region", name="Status")).to_be_visible()
    record = page.url
    context.close()
    return Workspace(slug=slug, record=record)


def _pages(stack: LoomStack, ws: Workspace) -> list[tuple[str, str, str]]:
    """(name, address, the heading that shows the page is drawn) of every signed-in main page."""
    base = f"{stack.url}/t/{ws.slug}"
    return [
        ("workspaces", f"{stack.url}/", "Your workspaces"),
        ("workspace-home", base, "X Readable"),
        ("records", f"{base}/b/delivery", "Delivery"),
        ("record", ws.record, "Berlin depot"),
        ("record-form", f"{base}/b/delivery/new", "New Delivery"),
        ("blueprints", f"{base}/blueprints", "Blueprints"),
        ("blueprint-designer", f"{base}/blueprints/delivery", "Design Delivery"),
        ("flows", f"{base}/flows", "Flows"),
        ("flow-designer", f"{base}/flows/delivery", "Design Delivery"),
        ("inbox", f"{base}/inbox", "Inbox"),
        ("trash", f"{base}/trash", "Trash"),
        ("settings", f"{base}/settings", "Settings"),
        ("members", f"{base}/settings/members", "Settings"),
        ("integrations", f"{base}/settings/integrations", "Settings"),
        ("activity", f"{base}/settings/activity", "Settings"),
        ("account", f"{stack.url}/account", "Account settings"),
        ("not-found", f"{stack.url}/no/such/page", "Page not found"),
    ]


PUBLIC_PAGES = [
    ("signin", "/signin", "Sign in"),
    ("signup", "/signup", "Create your account"),
    ("forgot-password", "/forgot-password", "Reset your password"),
    ("admin-login", "/admin/login", "Loom administration"),
    ("not-found-signed-out", "/no/such/page", "Page not found"),
]


def _open(page: Page, address: str, heading: str) -> None:
    page.goto(address)
    expect(page.get_by_role("heading", name=heading).first).to_be_visible()
    page.wait_for_load_state("networkidle")


def _check(page: Page, where: str, found: dict[str, list[str]]) -> None:
    # Colours are measured when menus and dialogs have finished fading in (axe_problems waits).
    problems = axe_problems(page)
    if problems:
        found[where] = problems


def _report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{where}:\n    " + "\n    ".join(lines) for where, lines in found.items())


def _with_open(page: Page, where: str, found: dict[str, list[str]], opener: Callable[[], None], role: str) -> None:
    """Opens a menu or dialog, checks the page with it open, closes it with Escape."""
    opener()
    popup = page.get_by_role(role)  # type: ignore[arg-type]
    expect(popup.first).to_be_visible()
    _check(page, where, found)
    popup.first.press("Escape")
    expect(popup).to_have_count(0)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_main_page_passes_axe(stack: LoomStack, browser: Browser, workspace: Workspace, scheme: str) -> None:
    found: dict[str, list[str]] = {}

    # Signed out: this scheme comes from the system (the browser's preference), as for a visitor.
    context = _context(browser, DESKTOP, scheme)
    page = context.new_page()
    for name, path, heading in PUBLIC_PAGES:
        _open(page, stack.url + path, heading)
        _check(page, f"{scheme} {name}", found)
        shot(page, f"a11y-{scheme}-{name}", full_page=True)
    context.close()

    context, page = _signed_in(stack, browser, DESKTOP, scheme)
    for name, address, heading in _pages(stack, workspace):
        _open(page, address, heading)
        _check(page, f"{scheme} {name}", found)
        shot(page, f"a11y-{scheme}-{name}", full_page=True)
        if name == "records":
            page.get_by_text("Board", exact=True).click()
            expect(page.get_by_role("group", name="Board of Delivery by Status")).to_be_visible()
            _check(page, f"{scheme} board", found)
            shot(page, f"a11y-{scheme}-board", full_page=True)
        if name == "flow-designer":
            page.get_by_role("tab", name="Diagram (advanced)").click()
            expect(page.locator(".loom-designer .djs-container")).to_be_visible()
            page.wait_for_load_state("networkidle")
            _check(page, f"{scheme} flow diagram", found)
            shot(page, f"a11y-{scheme}-flow-diagram", full_page=True)
        if name == "workspace-home":
            account = page.get_by_role("button", name="Account menu")
            _with_open(page, f"{scheme} account menu", found, account.click, "menu")
            switcher = page.get_by_role("button", name="X Readable")
            _with_open(page, f"{scheme} workspace menu", found, switcher.click, "menu")
            language = page.get_by_role("button", name="English")
            _with_open(page, f"{scheme} language menu", found, language.click, "menu")
        if name == "record":
            details = page.get_by_role("button", name="Details")
            _with_open(page, f"{scheme} record details menu", found, details.click, "menu")
            delete = page.get_by_role("button", name="Delete", exact=True).first
            _with_open(page, f"{scheme} delete dialog", found, delete.click, "dialog")
    context.close()
    assert not found, f"{sum(len(v) for v in found.values())} serious or critical axe violations:\n{_report(found)}"


def test_the_server_answers_404_for_unknown_pages(stack: LoomStack, page: Page) -> None:
    assert page.goto(stack.url + "/no/such/page").status == 404  # type: ignore[union-attr]
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    page.get_by_role("link", name="Go to the start page").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert page.goto(stack.url + "/signin").status == 200  # type: ignore[union-attr]


SMALL_TARGETS = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, [role=button], [role=tab],'
    + ' [role=checkbox], [role=switch], [role=menuitem], [role=link], [role=option]';
  const shown = (el) => { const s = getComputedStyle(el); return s.visibility !== 'hidden' && s.display !== 'none'; };
  const inSentence = (el) => el.tagName === 'A' && getComputedStyle(el).display === 'inline'
    && (el.parentElement?.textContent ?? '').trim().length > (el.textContent ?? '').trim().length;
  const offenders = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!shown(el) || inSentence(el) || el.closest('.djs-container, [aria-hidden=true]')) continue;
    // A check box or radio counts with its label around it (Mantine's input sits in a clickable label).
    const box = (el.matches('input[type=checkbox], input[type=radio]') && el.closest('label')) || el;
    const r = box.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.width < 24 || r.height < 24) {
      const name = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('name') || '')
        .trim().slice(0, 40);
      offenders.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
  }
  return offenders;
}"""


def test_a_390_px_phone_reaches_settings_and_every_tap_target(
    stack: LoomStack, browser: Browser, workspace: Workspace
) -> None:
    context, page = _signed_in(stack, browser, PHONE, "light")
    home = f"{stack.url}/t/{workspace.slug}"
    _open(page, home, "X Readable")
    settings = page.get_by_role("navigation").get_by_role("link", name="Settings")
    settings.scroll_into_view_if_needed()
    expect(settings).to_be_in_viewport()
    settings.click()
    expect(page.get_by_role("heading", name="Workspace settings")).to_be_visible()
    assert re.search(r"/settings$", page.url)

    offenders: dict[str, list[str]] = {}
    for name, address, heading in _pages(stack, workspace):
        _open(page, address, heading)
        shot(page, f"a11y-phone-{name}", full_page=True)
        small = page.evaluate(SMALL_TARGETS)
        if small:
            offenders[name] = small
    # The page itself does not scroll sideways: wide tables scroll inside their own box.
    for name, address, heading in _pages(stack, workspace)[:4]:
        _open(page, address, heading)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > PHONE["width"] + 1:
            offenders.setdefault(name, []).append(f"the page is {width} px wide")
    context.close()
    assert not offenders, "Tap targets under 24 px at 390 px:\n" + json.dumps(offenders, indent=2)
