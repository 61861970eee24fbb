"""Serving the built webapp (webapp/dist) at / with client-side routes falling back to index.html.

The build writes Brotli (``.br``) and gzip (``.gz``) copies beside each text file
(webapp/scripts/precompress.mjs); the variant the browser accepts is sent with its
Content-Encoding, so nothing is compressed per request. Files under assets/ carry a content
hash in their names and are cached for a year; index.html is revalidated on every visit.
Source maps (``.map``) are built for Sentry and never served.

Addresses the webapp has no page for are answered with index.html and status 404 (the webapp
then shows "Page not found"): the build carries the list of its route patterns in routes.json
(webapp/public/routes.json, checked against the router by a webapp test). A build without that
file gets 200 for every address, as before.
"""

from __future__ import annotations

import json
import mimetypes
import os
from functools import lru_cache

from flask import Blueprint, Response, abort, current_app, request, send_from_directory

from runtime.compression import accepts, add_vary

bp = Blueprint("webapp", __name__)

NOT_BUILT = (
    "<!doctype html><title>Loom</title><h1>The webapp is not built yet</h1>"
    "<p>Run <code>make build</code> (or <code>make run</code>) and reload.</p>"
)

# Preferred first: Brotli is about 15% smaller than gzip for scripts and styles.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
IMMUTABLE = "public, max-age=31536000, immutable"


@bp.route("/", defaults={"path": ""})
@bp.route("/<path:path>")
def serve(path: str) -> Response:
    if path.startswith("api/") or path == "api" or path.endswith(".map"):
        abort(404)  # source maps go to Sentry with a release, never to browsers
    dist = current_app.config["LOOM"].webapp_dist
    index = os.path.join(dist, "index.html")
    if not os.path.isfile(index):
        return Response(NOT_BUILT, status=503, mimetype="text/html")
    if path and not path.startswith(".") and os.path.isfile(os.path.join(dist, path)):
        response = _send(dist, path)
        if path.startswith("assets/"):
            response.headers["Cache-Control"] = IMMUTABLE
        return response
    response = _send(dist, "index.html")
    response.headers["Cache-Control"] = "no-cache"
    if not is_webapp_route(dist, "/" + path):
        response.status_code = 404
    return response


def is_webapp_route(dist: str, path: str) -> bool:
    """Whether the webapp has a page at ``path`` (true for every path when the build lists no routes)."""
    listing = os.path.join(dist, "routes.json")
    try:
        modified = os.path.getmtime(listing)
    except OSError:
        return True
    patterns = _patterns(listing, modified)
    segments = [segment for segment in path.split("/") if segment]
    return any(_matches(pattern, segments) for pattern in patterns)


@lru_cache(maxsize=4)
def _patterns(listing: str, modified: float) -> tuple[tuple[str, ...], ...]:
    """The route patterns of routes.json as segment tuples (read again when the build changes)."""
    with open(listing, encoding="utf-8") as handle:
        patterns: list[str] = json.load(handle)["patterns"]
    return tuple(tuple(segment for segment in pattern.split("/") if segment) for pattern in patterns)


def _matches(pattern: tuple[str, ...], segments: list[str]) -> bool:
    """``:name`` stands for any one segment; every other segment must be equal."""
    if len(pattern) != len(segments):
        return False
    return all(want.startswith(":") or want == got for want, got in zip(pattern, segments, strict=True))


def _send(dist: str, path: str) -> Response:
    """The file, or its precompressed copy when the browser accepts that encoding."""
    compressed = [(name, suffix) for name, suffix in ENCODINGS if os.path.isfile(os.path.join(dist, path + suffix))]
    for name, suffix in compressed:
        if accepts(request, name):
            mimetype = mimetypes.guess_type(path)[0] or "application/octet-stream"
            response = send_from_directory(dist, path + suffix, mimetype=mimetype)
            response.headers["Content-Encoding"] = name
            del response.headers["Content-Disposition"]  # would name the .br/.gz file
            add_vary(response, "Accept-Encoding")
            return response
    response = send_from_directory(dist, path)
    if compressed:
        add_vary(response, "Accept-Encoding")
    return response
