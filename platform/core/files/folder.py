"""Files in a folder (``LOOM_STORAGE_DIR``): development, or one volume every host mounts.

A step of an export writes at the size the job last committed and cuts off anything after it, so a
step that runs again overwrites its own earlier attempt instead of adding to it.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path
from typing import IO

from flask import send_file
from werkzeug.wrappers import Response

from core.files.storage import Appending

CHUNK = 1024 * 1024


class FolderStorage:
    def __init__(self, root: str) -> None:
        self.root = Path(root)

    def path(self, file_id: uuid.UUID) -> Path:
        return self.root / file_id.hex[:2] / file_id.hex

    def write(self, file_id: uuid.UUID, stream: IO[bytes], content_type: str) -> int:
        target = self.path(file_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            shutil.copyfileobj(stream, handle, CHUNK)
            return handle.tell()

    def append(
        self, file_id: uuid.UUID, data: bytes, state: Appending | None, *, content_type: str, last: bool = False
    ) -> Appending:
        target = self.path(file_id)
        start = int(state["size"]) if state else 0
        if start and not target.exists():
            raise FileNotFoundError(f"file {file_id} is gone")
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("r+b" if start else "wb") as handle:
            handle.seek(start)
            handle.truncate()
            handle.write(data)
        return {"size": start + len(data)}

    def open(self, file_id: uuid.UUID, offset: int = 0) -> IO[bytes]:
        handle = self.path(file_id).open("rb")
        handle.seek(offset)
        return handle

    def size(self, file_id: uuid.UUID) -> int | None:
        try:
            return self.path(file_id).stat().st_size
        except FileNotFoundError:
            return None

    def delete(self, file_id: uuid.UUID) -> None:
        self.path(file_id).unlink(missing_ok=True)

    def send(self, file_id: uuid.UUID, *, name: str, content_type: str) -> Response:
        return send_file(self.path(file_id), mimetype=content_type, as_attachment=True, download_name=name)
