"""Gunicorn's access log without secrets: ``--logger-class runtime.gunicorn_logging.ScrubbedLogger``.

Every part of a request that can hold a token (the request line, path, query string, referer,
the raw URI) is logged through ``core.logging.scrub_url``; credentials and cookies in headers
are never logged.
"""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from core.logging import HIDDEN, scrub_query, scrub_url

_URL_ATOMS = ("U", "f", "{raw_uri}e", "{path_info}e", "{request_uri}e", "{referer}i", "{http_referer}e")
_QUERY_ATOMS = ("q", "{query_string}e")
_SECRET_HEADERS = ("authorization", "cookie", "set-cookie", "x-api-key")


class ScrubbedLogger(Logger):  # type: ignore[misc]
    """Gunicorn's logger, with the access log's atoms scrubbed."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        if isinstance(atoms.get("r"), str):
            # "GET /path?query HTTP/1.1"
            atoms["r"] = " ".join(scrub_url(part) for part in atoms["r"].split(" "))
        for name in _URL_ATOMS:
            if isinstance(atoms.get(name), str):
                atoms[name] = scrub_url(atoms[name])
        for name in _QUERY_ATOMS:
            if isinstance(atoms.get(name), str):
                atoms[name] = scrub_query(atoms[name])
        for name in list(atoms):
            if name.startswith("{") and name[1:-2].replace("http_", "").replace("_", "-") in _SECRET_HEADERS:
                atoms[name] = HIDDEN
        return atoms
