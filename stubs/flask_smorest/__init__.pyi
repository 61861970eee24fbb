# Types for the part of flask-smorest 0.47 that Loom uses (the package ships none). Each decorator
# hands back what it decorates, as flask-smorest's own do (a wrapper with the same call).
from collections.abc import Callable, Mapping
from typing import Any, NoReturn, TypeVar

import flask
from apispec import APISpec
from marshmallow import Schema
from werkzeug.routing import BaseConverter

_T = TypeVar("_T")

_SchemaArg = type[Schema] | Schema | str | dict[str, Any]

class Blueprint(flask.Blueprint):
    def __init__(
        self,
        name: str,
        import_name: str,
        *args: Any,
        description: str | None = ...,
        **kwargs: Any,
    ) -> None: ...
    def route(
        self,
        rule: str,
        *,
        parameters: list[Any] | None = ...,
        tags: list[str] | None = ...,
        **options: Any,
    ) -> Callable[[_T], _T]: ...
    def arguments(
        self,
        schema: _SchemaArg,
        *,
        location: str = ...,
        content_type: str | None = ...,
        required: bool = ...,
        description: str | None = ...,
        example: Any = ...,
        examples: Mapping[str, Any] | None = ...,
        **kwargs: Any,
    ) -> Callable[[_T], _T]: ...
    def response(
        self,
        status_code: int | str,
        schema: _SchemaArg | None = ...,
        *,
        content_type: str | None = ...,
        description: str | None = ...,
        example: Any = ...,
        examples: Mapping[str, Any] | None = ...,
        headers: Mapping[str, Any] | None = ...,
    ) -> Callable[[_T], _T]: ...
    def alt_response(
        self,
        status_code: int | str,
        response: str | None = ...,
        *,
        schema: _SchemaArg | None = ...,
        content_type: str | None = ...,
        description: str | None = ...,
        example: Any = ...,
        examples: Mapping[str, Any] | None = ...,
        headers: Mapping[str, Any] | None = ...,
        success: bool = ...,
    ) -> Callable[[_T], _T]: ...
    @staticmethod
    def doc(**kwargs: Any) -> Callable[[_T], _T]: ...

class Api:
    spec: APISpec
    def __init__(
        self,
        app: flask.Flask | None = ...,
        *,
        spec_kwargs: Mapping[str, Any] | None = ...,
        config_prefix: str = ...,
    ) -> None: ...
    def init_app(self, app: flask.Flask, *, spec_kwargs: Mapping[str, Any] | None = ...) -> None: ...
    def register_blueprint(self, blp: Blueprint, *, parameters: list[Any] | None = ..., **options: Any) -> None: ...
    def register_converter(
        self, converter: type[BaseConverter], func: Callable[[BaseConverter], Mapping[str, Any]]
    ) -> None: ...
    def register_field(self, field: type[Any], *args: Any) -> None: ...

def abort(http_status_code: int, **kwargs: Any) -> NoReturn: ...
