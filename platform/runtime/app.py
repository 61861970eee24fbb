"""The Flask application factory: the composition root of Loom."""

from __future__ import annotations

import importlib
import logging
import os
import time
from typing import Any

from flask import Flask, Response, g, request
from sqlalchemy.exc import IntegrityError
from werkzeug.middleware.proxy_fix import ProxyFix

from core import db, timeouts
from core.celery import create_celery
from core.config import load_settings
from core.errors import problem_response, register_error_handlers
from core.logging import configure_logging, new_request_id, request_id_var, scrub_path
from core.sentry import init_sentry
from engine.schema import bounds
from runtime import registry
from runtime.api.base import create_api
from runtime.api.guard import install_input_guard
from runtime.apikeys.auth import init_api_keys
from runtime.auth.hint import install_signed_in_hint
from runtime.auth.limits import init_limits
from runtime.auth.security import init_security
from runtime.compression import install_compression
from runtime.headers import install_security_headers
from runtime.subscribers import connect as connect_subscribers

log = logging.getLogger("loom.request")


def create_app(env: str | None = None, overrides: dict[str, Any] | None = None) -> Flask:
    """Build the app for a stage; ``overrides`` are extra Flask config keys (tests)."""
    settings = load_settings(env)
    configure_logging(settings)
    init_sentry(settings)

    app = Flask("loom", root_path=os.path.dirname(os.path.abspath(__file__)), static_folder=None)
    if settings.trusted_proxies:
        # Behind nginx / a load balancer: trust X-Forwarded-* from that many hops, so links in
        # emails and redirects use the public host and scheme.
        n = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]
    app.config.update(settings.to_flask())
    bounds.configure(settings.decimal_max_digits, settings.decimal_max_exponent)  # every record write's decimals
    app.config["LOOM_DEV_MAILBOX"] = settings.mail_backend == "capture" and settings.env == "development"
    app.config.update(overrides or {})

    engine = db.make_engine(
        settings.database_url or "",
        statement_timeout_ms=settings.long_task_statement_timeout_ms,
        ping_idle_seconds=settings.db_ping_idle_seconds,
    )
    db.bind(engine)
    app.extensions["loom_engine"] = engine

    install_compression(app)  # first registered, so it runs last: on the final body
    _install_request_hooks(app)
    install_input_guard(app)  # before every hook or form that reads the body
    install_security_headers(app)
    init_security(app)
    install_signed_in_hint(app)
    create_celery(app)
    _register_api(app)
    init_limits(app)  # on Flask-Security's views and Loom's routes, so after both
    init_api_keys(app)  # after _install_request_hooks: its answers join the transaction they commit
    register_error_handlers(app)  # after flask-smorest, whose own handlers it replaces
    if settings.env != "testing":  # spare sandbox processes, ready before the first script (tests start theirs on use)
        from runtime.flows.engine import warm_up

        with app.app_context():
            warm_up()
    return app


# Every REST blueprint of the API, in the order the OpenAPI document lists them.
ROUTE_MODULES = (
    "runtime.meta.routes",
    "runtime.auth.routes",
    "runtime.auth.sessions",
    "runtime.auth.social.routes",
    "runtime.tenants.routes",
    "runtime.members.routes",
    "runtime.members.links",
    "runtime.audit.routes",
    "runtime.apikeys.routes",
    "runtime.admin.routes",
    "runtime.admin.contents",
    "designer.blueprints.routes",
    "designer.flows.routes",
    "designer.flows.import_routes",
    "runtime.entities.routes",
    "runtime.flows.routes",
    "runtime.board.routes",
    "runtime.board.bulk_routes",
    "runtime.views.routes",
    "runtime.version_changes.routes",
    "runtime.transfer.routes",
    "runtime.trash.routes",
    "runtime.jobs.routes",
    "runtime.support.routes",
    "runtime.hooks.routes",
    "runtime.hooks.admin_routes",
    "runtime.messages.routes",
    "runtime.connectors.routes",
    "runtime.account.routes",
)


def _register_api(app: Flask) -> None:
    from runtime import spa
    from runtime.auth.openapi import document_auth_endpoints
    from runtime.devmail.routes import bp as devmail_bp

    registry.wire()
    connect_subscribers()
    api = create_api(app)
    document_auth_endpoints(app, api)
    for name in ROUTE_MODULES:
        api.register_blueprint(importlib.import_module(name).bp)
    if app.config["LOOM_DEV_MAILBOX"]:
        api.register_blueprint(devmail_bp)
    app.register_blueprint(spa.bp)


def _install_request_hooks(app: Flask) -> None:
    @app.before_request
    def _start() -> None:
        if request.endpoint == "transfer.Uploads":
            # CSV uploads may be larger than ordinary bodies.
            request.max_content_length = app.config["LOOM"].max_upload_bytes
        g.request_id = new_request_id(request.headers.get("X-Request-ID"))
        g.started = time.perf_counter()
        settings = app.config["LOOM"]
        # Every transaction of this request: no statement runs (or waits for a lock) for ever.
        g.budget_token = timeouts.use_budget(
            timeouts.Budget.of(settings.db_statement_timeout_ms, settings.db_lock_timeout_ms)
        )

    @app.after_request
    def _finish(response: Response) -> Response:
        # The request is the transaction boundary: commit once here, or roll back on errors.
        session = db.session()
        if response.status_code < 400:
            try:
                session.commit()
            except IntegrityError:
                session.rollback()
                log.warning("commit refused by a constraint", exc_info=True)
                response = problem_response(409, "Conflict", "Someone changed this at the same time; try again.")
        else:
            session.rollback()
        response.headers["X-Request-ID"] = g.get("request_id", "")
        if request.path.startswith("/api/"):
            log.info(
                "%s %s %s",
                request.method,
                scrub_path(request.path),  # confirmation and reset links carry their token
                response.status_code,
                extra={"status": response.status_code, "ms": round((time.perf_counter() - g.started) * 1000, 1)},
            )
        return response

    @app.teardown_request
    def _end_budget(_exc: BaseException | None) -> None:
        # At the end of each request, not of the app context: requests made inside one app
        # context (a script, a test) share it, and each must take back its own budget.
        if "budget_token" in g:
            timeouts.end_budget(g.pop("budget_token"))
        # The request's id ends with it (a task keeps its own until Celery has logged its end).
        request_id_var.set(None)

    @app.teardown_appcontext
    def _cleanup(_exc: BaseException | None) -> None:
        db.session.remove()
