"""Serving the built webapp (webapp/dist) at / with client-side routes falling back to index.html.

The build writes Brotli (``.br``) and gzip (``.gz``) copies beside each text file
(webapp/scripts/precompress.mjs); the variant the browser accepts is sent with its
Content-Encoding, so nothing is compressed per request. Files under assets/ carry a content
hash in their names and are cached for a year; index.html is revalidated on every visit.
Source maps (``.map``) are built for Sentry and never served.
"""

from __future__ import annotations

import mimetypes
import os

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
    return response


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
