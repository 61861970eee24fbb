"""Compressed answers from the app server: precompressed webapp files and gzipped API JSON."""

from __future__ import annotations

import dataclasses
import gzip
import json
from pathlib import Path

import pytest

SCRIPT = b"export const greeting = 'hello';\n" * 100


@pytest.fixture()
def dist(app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A built webapp as webapp/scripts/precompress.mjs leaves it: each text file with .br and .gz copies."""
    assets = tmp_path / "assets"
    assets.mkdir()
    (tmp_path / "index.html").write_bytes(b"<!doctype html><title>Loom</title>" + b" " * 2000)
    (tmp_path / "index.html.gz").write_bytes(gzip.compress((tmp_path / "index.html").read_bytes()))
    (assets / "index-Ab12Cd34.js").write_bytes(SCRIPT)
    (assets / "index-Ab12Cd34.js.br").write_bytes(b"brotli bytes")  # served as they are
    (assets / "index-Ab12Cd34.js.gz").write_bytes(gzip.compress(SCRIPT))
    (assets / "logo-Zz99.svg").write_bytes(b"<svg/>")
    (assets / "index-Ab12Cd34.js.map").write_bytes(b'{"version":3,"sources":["src/secret.ts"]}')
    (tmp_path / ".vite").mkdir()
    (tmp_path / ".vite" / "manifest.json").write_text("{}")
    monkeypatch.setitem(app.config, "LOOM", dataclasses.replace(app.config["LOOM"], webapp_dist=str(tmp_path)))
    return tmp_path


def _vary(response) -> set[str]:
    return {value.strip().lower() for value in response.headers.get("Vary", "").split(",") if value.strip()}


def test_a_hashed_asset_is_sent_as_brotli_when_accepted_and_cached_for_a_year(client, dist):
    response = client.get("/assets/index-Ab12Cd34.js", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "br"
    assert response.data == b"brotli bytes"
    assert response.mimetype in {"text/javascript", "application/javascript"}
    assert "accept-encoding" in _vary(response)
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert ".br" not in response.headers.get("Content-Disposition", "")


def test_gzip_when_brotli_is_not_accepted(client, dist):
    response = client.get("/assets/index-Ab12Cd34.js", headers={"Accept-Encoding": "gzip;q=1.0, br;q=0"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.data) == SCRIPT
    assert "accept-encoding" in _vary(response)


def test_the_plain_file_without_accept_encoding(client, dist):
    response = client.get("/assets/index-Ab12Cd34.js")
    assert "Content-Encoding" not in response.headers
    assert response.data == SCRIPT
    assert "accept-encoding" in _vary(response)  # a cache must not hand this to a browser that accepts br
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_file_without_compressed_copies_is_sent_as_it_is(client, dist):
    response = client.get("/assets/logo-Zz99.svg", headers={"Accept-Encoding": "br, gzip"})
    assert "Content-Encoding" not in response.headers
    assert response.data == b"<svg/>"


def test_client_routes_get_index_html_compressed_and_revalidated(client, dist):
    response = client.get("/t/acme/b/orders", headers={"Accept-Encoding": "br, gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"  # the only copy there is
    assert gzip.decompress(response.data).startswith(b"<!doctype html>")
    assert response.mimetype == "text/html"
    assert response.headers["Cache-Control"] == "no-cache"


def test_the_build_manifest_is_not_served(client, dist):
    response = client.get("/.vite/manifest.json")
    assert response.mimetype == "text/html"  # the app's index, as for any unknown path


def test_large_api_json_is_gzipped_when_accepted(client):
    plain = client.get("/api/openapi.json")
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    assert len(plain.data) > 1024
    assert "accept-encoding" in _vary(plain)

    compressed = client.get("/api/openapi.json", headers={"Accept-Encoding": "gzip"})
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert int(compressed.headers["Content-Length"]) == len(compressed.data) < len(plain.data)
    assert json.loads(gzip.decompress(compressed.data)) == plain.get_json()


def test_small_api_json_is_sent_as_it_is(client):
    response = client.get("/api/auth/me", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 401
    assert len(response.data) < 1024, "pick a smaller answer for this test"
    assert "Content-Encoding" not in response.headers
    assert response.get_json()["status"] == 401


def test_source_maps_are_never_served(client, dist):
    """Maps are built for Sentry; a browser asking for one gets a 404, not the sources."""
    response = client.get("/assets/index-Ab12Cd34.js.map")
    assert response.status_code == 404
    assert b"secret.ts" not in response.data


ROUTES = {"patterns": ["/", "/signin", "/t/:slug", "/t/:slug/b/:key", "/admin/users/:id"]}


@pytest.mark.parametrize("path", ["/", "/signin", "/signin/", "/t/acme", "/t/acme/b/orders", "/admin/users/42"])
def test_the_webapp_s_routes_answer_200(client, dist, path):
    (dist / "routes.json").write_text(json.dumps(ROUTES))
    response = client.get(path)
    assert response.status_code == 200
    assert response.mimetype == "text/html"


@pytest.mark.parametrize(
    "path", ["/no/such/page", "/t", "/t/acme/b/orders/extra", "/signin/more", "/.vite/manifest.json"]
)
def test_other_addresses_answer_404_with_the_webapp_that_says_page_not_found(client, dist, path):
    (dist / "routes.json").write_text(json.dumps(ROUTES))
    response = client.get(path)
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert response.data.startswith(b"<!doctype html>")  # the webapp, which shows its "Page not found"
    assert response.headers["Cache-Control"] == "no-cache"


def test_the_routes_file_itself_is_a_file_of_the_build(client, dist):
    (dist / "routes.json").write_text(json.dumps(ROUTES))
    assert client.get("/routes.json").status_code == 200


def test_the_webapp_s_route_list_is_valid():
    """The list the build ships (webapp/public/routes.json) is read as the server reads it."""
    listing = Path(__file__).resolve().parents[2] / "webapp" / "public" / "routes.json"
    patterns = json.loads(listing.read_text())["patterns"]
    assert "/t/:slug/b/:key" in patterns
    assert all(pattern.startswith("/") and "*" not in pattern for pattern in patterns)
