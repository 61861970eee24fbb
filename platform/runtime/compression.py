"""Compressed answers from the app server itself, in development as in production.

The built webapp's files are compressed once at build time (webapp/scripts/precompress.mjs
writes ``.br`` and ``.gz`` beside each): runtime/spa.py sends the variant the browser accepts.
API answers are JSON and made per request: those of at least ``compress_min_bytes`` are
gzipped here (level 6: most of the gain for little CPU). Small answers are sent as they are;
compressing them saves less than it costs.
"""

from __future__ import annotations

import gzip

from flask import Flask, Request, Response, request

COMPRESSIBLE_TYPES = frozenset({"application/json", "application/problem+json"})


def accepts(req: Request, encoding: str) -> bool:
    """True when the request's Accept-Encoding allows ``encoding`` (quality above 0)."""
    return req.accept_encodings[encoding] > 0


def add_vary(response: Response, header: str) -> None:
    if header.lower() not in {value.lower() for value in response.vary}:
        response.vary.add(header)


def gzip_response(response: Response, min_bytes: int) -> Response:
    """Gzips a buffered JSON answer of at least ``min_bytes`` when the client accepts gzip."""
    if response.mimetype not in COMPRESSIBLE_TYPES:
        return response
    # Whether compressed or not, the answer depends on Accept-Encoding: caches must know.
    add_vary(response, "Accept-Encoding")
    if (
        response.direct_passthrough
        or response.is_streamed
        or "Content-Encoding" in response.headers
        or response.status_code < 200
        or response.status_code in (204, 304)
        or request.method == "HEAD"
        or not accepts(request, "gzip")
    ):
        return response
    body = response.get_data()
    if len(body) < min_bytes:
        return response
    response.set_data(gzip.compress(body, compresslevel=6))
    response.headers["Content-Encoding"] = "gzip"
    etag, weak = response.get_etag()
    if etag and not weak:
        # The bytes differ from the uncompressed answer's: a strong validator must too.
        response.set_etag(etag, weak=True)
    return response


def install_compression(app: Flask) -> None:
    """Registered before the other after-request hooks, so it runs last, on the final body."""
    min_bytes = app.config["LOOM"].compress_min_bytes

    @app.after_request
    def _compress(response: Response) -> Response:
        return gzip_response(response, min_bytes)
