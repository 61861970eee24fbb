"""Where file bytes live: one interface, a folder (development, or a shared volume) or S3.

``current()`` gives the backend ``LOOM_STORAGE_BACKEND`` chooses. Keys derive from the file id
only, never from names people give, so no key can escape its folder or prefix. A file that is not
there raises ``FileNotFoundError`` from ``open``; ``size`` says None.

An export is written over several job steps (``append``). Neither backend can let a step that runs
twice (its job's commit failed after the bytes were written) add its rows twice, so each step
returns a small JSON state that the job keeps with its cursor; the next step, or the same step run
again, starts from the state the job committed.
"""

from __future__ import annotations

import unicodedata
import uuid
from typing import IO, Any, Protocol
from urllib.parse import quote

from flask import current_app
from werkzeug.wrappers import Response

# What ``append`` hands back and takes again: JSON the job keeps between steps. After the last
# step it holds the file's size as "size".
Appending = dict[str, Any]


class Storage(Protocol):
    def write(self, file_id: uuid.UUID, stream: IO[bytes], content_type: str) -> int:
        """Store the whole of ``stream`` (read in chunks, never all at once); its size."""

    def append(
        self, file_id: uuid.UUID, data: bytes, state: Appending | None, *, content_type: str, last: bool = False
    ) -> Appending:
        """Add ``data`` after what ``state`` (None: nothing yet) says is written; ``last`` completes the file."""

    def open(self, file_id: uuid.UUID, offset: int = 0) -> IO[bytes]:
        """The bytes from ``offset`` on, as a stream that can read lines."""

    def size(self, file_id: uuid.UUID) -> int | None:
        """The size of a complete file, or None when there is none."""

    def delete(self, file_id: uuid.UUID) -> None:
        """Remove the file and whatever an unfinished ``append`` left; nothing there is no error."""

    def send(self, file_id: uuid.UUID, *, name: str, content_type: str) -> Response:
        """An answer that makes the browser download the file as ``name``."""


def current() -> Storage:
    """The backend of the app's settings, made once per settings object (tests swap settings)."""
    settings = current_app.config["LOOM"]
    made = current_app.extensions.get("loom_storage")
    if made is None or made[0] is not settings:
        made = (settings, _make(settings))
        current_app.extensions["loom_storage"] = made
    backend: Storage = made[1]
    return backend


def _make(settings: Any) -> Storage:
    if settings.storage_backend == "s3":
        from core.files.s3 import S3Storage  # boto3 is imported only where S3 is used

        return S3Storage(settings)
    from core.files.folder import FolderStorage

    return FolderStorage(settings.storage_dir)


def content_disposition(name: str) -> str:
    """``attachment`` with the name for every browser: plain ASCII, and RFC 6266's UTF-8 form when needed."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    plain = "".join(ch for ch in plain if ch.isprintable() and ch not in '"\\/') or "download"
    value = f'attachment; filename="{plain}"'
    if plain != name:
        value += f"; filename*=UTF-8''{quote(name, safe='')}"
    return value
