"""Serving the built webapp (webapp/dist) at / with client-side routes falling back to index.html."""

from __future__ import annotations

import os

from flask import Blueprint, Response, abort, current_app, send_from_directory

bp = Blueprint("webapp", __name__)

NOT_BUILT = (
    "<!doctype html><title>Loom</title><h1>The webapp is not built yet</h1>"
    "<p>Run <code>make build</code> (or <code>make run</code>) and reload.</p>"
)


@bp.route("/", defaults={"path": ""})
@bp.route("/<path:path>")
def serve(path: str) -> Response:
    if path.startswith("api/") or path == "api":
        abort(404)
    dist = current_app.config["LOOM"].webapp_dist
    index = os.path.join(dist, "index.html")
    if not os.path.isfile(index):
        return Response(NOT_BUILT, status=503, mimetype="text/html")
    if path and os.path.isfile(os.path.join(dist, path)):
        response = send_from_directory(dist, path)
        if path.startswith("assets/"):
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response
    response = send_from_directory(dist, "index.html")
    response.headers["Cache-Control"] = "no-cache"
    return response
