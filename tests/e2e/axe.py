"""axe-core (WCAG 2.2 AA rules) on what a page shows: its critical and serious violations, one
readable line per element.

axe-core comes from the webapp's node_modules (a dev dependency), read from disk: nothing is fetched
at run time. It is evaluated through the browser's debugging protocol, which the page's Content
Security Policy does not govern, so stories keep their real CSP.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[2] / "webapp" / "node_modules" / "axe-core" / "axe.min.js"

_RUN = (
    "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    ".filter(v => v.impact === 'critical' || v.impact === 'serious')"
    ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
    " nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary,"
    " html: n.html.slice(0, 160)}))}))"
)


@cache
def _source() -> str:
    return AXE.read_text(encoding="utf-8") + "\n;typeof window.axe"


def axe_problems(page: Page) -> list[str]:
    """The critical and serious axe violations of what is on the screen, once animations ended."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        assert page.evaluate(_source()) == "object", "axe-core did not load"
    violations = page.evaluate(_RUN)
    return [
        f"[{v['impact']}] {v['id']} ({v['help']}): {n['target']}\n"
        f"      {n['html']}\n      {n['summary'].replace(chr(10), ' ')}"
        for v in violations
        for n in v["nodes"]
    ]
