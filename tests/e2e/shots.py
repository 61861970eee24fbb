"""Screenshots for people to look at: written only when LOOM_E2E_SHOTS names a folder, so an
ordinary run writes nothing outside its own temporary folders."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Locator, Page


def shot(target: Page | Locator, name: str, full_page: bool = False) -> None:
    """``target`` (a page, or one part of it such as a dialog) as ``<LOOM_E2E_SHOTS>/<name>.png``."""
    folder = os.environ.get("LOOM_E2E_SHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    path = str(Path(folder) / f"{name}.png")
    if isinstance(target, Page):
        target.screenshot(path=path, full_page=full_page)
    else:
        target.screenshot(path=path)
