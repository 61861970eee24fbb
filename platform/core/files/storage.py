"""Where file bytes live: a folder (LOOM_STORAGE_DIR), shared by the web and worker processes.

Paths are derived from the file id only, never from names people give, so no path can escape.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from flask import current_app


def root() -> Path:
    path = Path(current_app.config["LOOM"].storage_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def path_for(file_id: uuid.UUID) -> Path:
    return root() / file_id.hex[:2] / file_id.hex


def open_for_writing(file_id: uuid.UUID, *, append: bool = False):  # type: ignore[no-untyped-def]
    target = path_for(file_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    return target.open("ab" if append else "wb")
