"""Checks every request passes before any view or Flask-Security form sees it.

- A JSON body nested deeper than ``LOOM_JSON_MAX_DEPTH`` is refused (400) before it is parsed:
  the depth is counted over the raw bytes, without recursion.
- A JSON body that is not an object is refused (422): every endpoint takes an object.
- Flask-Security's endpoints (its forms read text) take a JSON object of text, true/false or null
  values only, and a POST to them (but sign-out) must be JSON (422 otherwise): its HTML forms are never served.
- Text with a NUL character or a lone surrogate (half of a UTF-16 pair, which no database or
  encoder accepts) is refused wherever it is: the path (400), the query (400, naming the
  parameter) or the body (422, naming the field, e.g. ``data.title``).
"""

from __future__ import annotations

import json
import re
from typing import Any, cast

import orjson
from flask import Flask, Response, current_app, request
from flask.json.provider import DefaultJSONProvider

from core import json_codec
from core.errors import Invalid, Problem

BAD_TEXT = re.compile("[\x00\ud800-\udfff]")
# A JSON string, escapes included: removed before brackets are counted.
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_OPENING = frozenset(b"[{")

NOT_AN_OBJECT = "The body must be a JSON object."
FORM_VALUE = "Must be text, true, false or null."
SEND_JSON = "Send a JSON object (Content-Type: application/json)."


class TooDeep(ValueError):
    """JSON nested deeper than allowed."""


def json_depth_exceeds(body: bytes, limit: int) -> bool:
    """Whether the arrays and objects in ``body`` nest deeper than ``limit`` (no recursion)."""
    brackets = _JSON_STRING.sub(b"", body).translate(None, _NOT_BRACKETS)
    depth = 0
    for char in brackets:
        if char in _OPENING:
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def bad_text_reason(text: str) -> str | None:
    """Why ``text`` cannot be stored (a NUL character or a lone surrogate), or None."""
    found = BAD_TEXT.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return "Must not contain a NUL character (\\u0000)."
    return "Must not contain a lone surrogate (half of a UTF-16 pair); send valid Unicode."


def first_bad_text(value: Any) -> tuple[str, str] | None:
    """The dotted path (``data.items.0.name``) and reason of the first bad key or string in a
    parsed JSON value, walked without recursion."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            reason = bad_text_reason(item)
            if reason:
                return path or "body", reason
        elif isinstance(item, dict):
            for key, child in item.items():
                name = f"{path}.{key}" if path else str(key)
                reason = bad_text_reason(key)
                if reason:
                    return name, f"This name: {reason[0].lower()}{reason[1:]}"
                stack.append((name, child))
        elif isinstance(item, list):
            stack.extend((f"{path}.{index}" if path else str(index), child) for index, child in enumerate(item))
    return None


class GuardedJSONProvider(DefaultJSONProvider):
    """Flask's JSON provider, refusing over-deep input before the recursive parser sees it, and
    writing answers through orjson (``core.json_codec``): the same JSON values, keys sorted as
    Flask sorts them, non-ASCII text as UTF-8 rather than escaped; dates and the other values
    orjson leaves to ``default`` as Flask writes them."""

    _PASS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS

    def _encode(self, obj: Any, indent: bool) -> bytes:
        options = self._PASS | (orjson.OPT_SORT_KEYS if self.sort_keys else 0)
        return json_codec.dumps(obj, default=self.default, options=options | (orjson.OPT_INDENT_2 if indent else 0))

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        if kwargs:  # a caller's own json.dumps options: Flask's way, exactly
            return super().dumps(obj, **kwargs)
        return self._encode(obj, indent=False).decode("utf-8", "surrogatepass")

    def response(self, *args: Any, **kwargs: Any) -> Response:
        obj = self._prepare_response_obj(args, kwargs)
        indent = (self.compact is None and self._app.debug) or self.compact is False
        answer = cast("type[Response]", self._app.response_class)  # Flask's app: flask.Response
        return answer(self._encode(obj, indent) + b"\n", mimetype=self.mimetype)

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        raw = s.encode("utf-8", "surrogatepass") if isinstance(s, str) else s
        limit = int(self._app.config["LOOM"].json_max_depth)
        if json_depth_exceeds(raw, limit):
            raise TooDeep(f"JSON nested deeper than {limit} levels")
        return json.loads(s, **kwargs)


def _max_depth() -> int:
    return int(current_app.config["LOOM"].json_max_depth)


def _check_url() -> None:
    reason = bad_text_reason(request.path)
    if reason:
        raise Problem(f"The address: {reason}", errors={"path": [reason]})
    params = request.args.lists()
    if request.mimetype == "application/x-www-form-urlencoded":
        params = [*params, *request.form.lists()]
    for key, values in params:
        for text in (key, *values):
            reason = bad_text_reason(text)
            if reason:
                raise Problem(f"Query parameter {key!r}: {reason}", errors={key: [reason]})


def _is_security_form() -> bool:
    endpoint = request.endpoint or ""
    signing_out = endpoint == "security.logout"  # takes no body at all
    return endpoint.startswith("security.") and request.method in ("POST", "PUT", "PATCH") and not signing_out


def _json_reason(exc: ValueError) -> str:
    """Why the body is not JSON, in words for the client (json's own, which say where), never
    Python's advice: an integer too long to read says to call ``sys.set_int_max_str_digits()``."""
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} (line {exc.lineno}, column {exc.colno})"
    return "A number in it has too many digits."


def _check_json_body() -> None:
    if not request.is_json:
        if _is_security_form():
            raise Invalid({"body": [SEND_JSON]}, SEND_JSON)
        return
    body = request.get_data(cache=True)
    if not body.strip():
        return
    limit = _max_depth()
    if json_depth_exceeds(body, limit):
        raise Problem(f"The JSON body is nested deeper than {limit} levels.", errors={"body": ["Nested too deeply."]})
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise Problem("The body is not valid JSON.", errors={"body": [_json_reason(exc)]}) from exc
    if not isinstance(data, dict):
        raise Invalid({"body": [NOT_AN_OBJECT]}, NOT_AN_OBJECT)
    if _is_security_form():
        wrong = [key for key, value in data.items() if not isinstance(value, str | bool | None)]
        if wrong:
            raise Invalid({key: [FORM_VALUE] for key in wrong})
    found = first_bad_text(data)
    if found:
        raise Invalid({found[0]: [found[1]]})


def check_request() -> None:
    """Refuse what no endpoint can take (see the module's docstring)."""
    _check_url()
    _check_json_body()


def install_input_guard(app: Flask) -> None:
    """Run ``check_request`` before every other ``before_request`` hook that reads the body.

    The provider is installed as the app's provider class too: Flask-Security, set up after this,
    builds its own (which writes its lazy texts) on top of the class it finds there."""
    app.json_provider_class = GuardedJSONProvider
    app.json = GuardedJSONProvider(app)
    app.before_request(check_request)
