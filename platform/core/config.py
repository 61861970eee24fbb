"""Configuration from ``LOOM_*`` environment variables, one class per stage.

Every setting is listed in docs/configuration.md. ``load_settings`` picks the stage from
``LOOM_ENV`` and refuses (``core/config_checks.py``) what cannot work or is insecure in production.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import MISSING, dataclass, field, fields
from datetime import timedelta
from typing import Any

from core.config_checks import DEFAULT_SALT, DEFAULT_SECRET, ConfigError, check_production, check_settings
from core.social_providers import SocialProvider, read_social_providers

STAGES = ("development", "testing", "production")
WRONG_CREDENTIALS = "The email or password is not right."
RESET_LINK_EXPIRED = "This link has expired. Ask for a new one."
RESET_LINK_INVALID = "This link does not work: it was used already or is incomplete. Ask for a new one."

# Rate limits on the endpoints that take a password, a code or send an email, as
# ``LOOM_RATE_LIMIT_<NAME>`` (Flask-Limiter strings, e.g. "10/minute" or "5/hour;20/day").
# runtime/auth/limits.py says which endpoint counts what per which key.
RATE_LIMIT_DEFAULTS: dict[str, str] = {
    "LOGIN": "10/minute",  # one IP address trying one email
    "LOGIN_IP": "50/minute",  # one IP address, any email
    "LOGIN_ACCOUNT": "30/hour",  # one email, from any IP address
    "REGISTER": "10/hour",  # per IP address
    "EMAIL_LINK": "5/hour",  # reset and confirmation emails asked for one address
    "EMAIL_LINK_IP": "20/hour",  # reset and confirmation emails asked from one IP address
    "PASSWORD": "10/minute",  # setting a password (reset link, change) per IP address
    "TWO_FACTOR": "10/minute",  # authenticator and recovery codes, per IP address and per account
    "CONTACT": "10/hour",  # messages to support, per IP address
    "SOCIAL": "30/minute",  # Google and Facebook sign-ins started and come back, per IP address
    "API_KEY": "600/minute",  # requests made with one API key (runtime/apikeys/auth.py)
    "INBOUND_HOOK": "600/minute",  # requests to one flow's inbound hook URL (runtime/messages/inbound.py)
}


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(f"LOOM_{name}")
    return value if value not in (None, "") else default


def _env_bool(name: str, default: bool) -> bool:
    value = _env(name)
    if value is None:
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"LOOM_{name} must be true or false, not {value!r}")


def _env_int(name: str, default: int) -> int:
    value = _env(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigError(f"LOOM_{name} must be an integer, not {value!r}") from exc


def _env_float(name: str, default: float) -> float:
    value = _env(name)
    if value is None:
        return default
    try:
        return float(value)
    except ValueError as exc:
        raise ConfigError(f"LOOM_{name} must be a number, not {value!r}") from exc


@dataclass(frozen=True)
class Settings:
    """Typed view of the environment. ``to_flask`` turns it into Flask config keys."""

    env: str
    debug: bool
    secret_key: str
    password_salt: str
    database_url: str | None
    redis_url: str | None
    base_url: str
    access_token_minutes: int
    refresh_token_hours: int
    max_body_bytes: int
    mail_backend: str
    mail_from: str
    smtp_host: str
    smtp_port: int
    smtp_username: str | None
    smtp_password: str | None
    smtp_use_tls: bool
    support_email: str
    sentry_dsn: str | None
    webapp_sentry_dsn: str | None
    logstash_host: str | None
    logstash_port: int
    log_level: str
    webapp_dist: str
    admin_email: str
    trusted_proxies: int
    storage_dir: str
    max_upload_bytes: int
    admin_password: str | None
    reset_link_minutes: int = 120
    # Logstash shipping (core/log_shipping.py): records queued per process, then dropped; TLS.
    logstash_queue_size: int = 10000
    logstash_tls: bool = False
    logstash_ca_file: str | None = None
    # The release Sentry events of the backend and the webapp carry (default: Loom's version).
    sentry_release: str = ""
    # Operations metrics to CloudWatch (runtime/metrics): off while the namespace is empty; the
    # Stage dimension (default LOOM_ENV), the region and an endpoint (tests: a local CloudWatch API).
    metrics_namespace: str = ""
    metrics_stage: str = ""
    metrics_region: str = ""
    metrics_endpoint_url: str = ""
    # API keys (runtime/apikeys): at most this many unrevoked keys per workspace; last_used_at is
    # written at most once per this many seconds per key; Idempotency-Key answers kept this long.
    api_keys_per_tenant: int = 100
    api_key_last_used_seconds: int = 60
    auth_cache_seconds: int = 5  # token and membership checks remembered per token (at most 5; 0: off)
    idempotency_hours: int = 24
    trash_retention_days: int = 30
    decimal_max_digits: int = 38
    decimal_max_exponent: int = 1000
    # Flow limits per step (engine/flows/limits.py, docs/bpmn.md): engine steps, instances of one
    # multi-instance activity, and the instance's stored state in bytes.
    flow_max_steps: int = 1000
    flow_max_instances: int = 1000
    flow_max_state_bytes: int = 1024 * 1024
    flow_max_timer_repeats: int = 1000  # occurrences of one cycle timer (R/PT1H repeats until then)
    # A flow designed as steps (engine/flows/steps, docs/bpmn.md): transitions, timers, data updates
    # per transition or timer, form fields per transition, parts of a joined text, days of a timer.
    flow_steps_max_transitions: int = 100
    flow_steps_max_timers: int = 50
    flow_steps_max_updates: int = 30
    flow_steps_max_form_fields: int = 50
    flow_steps_max_join_parts: int = 20
    flow_steps_max_timer_days: int = 3650
    # A flow's decision tables (designer/flows/decisions.py, docs/bpmn.md): how many, and how
    # large each DMN document may be.
    flow_max_decisions: int = 20
    flow_decision_max_kb: int = 256
    flow_import_max_pools: int = 20
    # CSV imports (runtime/transfer, docs/architecture.md): the bytes looked at to find a file's
    # encoding and separator, and the refused rows an import's report lists (all are counted).
    import_sample_bytes: int = 64 * 1024
    import_max_reported_rows: int = 1000
    # The script sandbox (engine/flows/sandbox, docs/bpmn.md): processor seconds and memory per
    # script, processor and wall seconds for all scripts of one step, spare processes kept ready
    # per Loom process, and runs before a sandbox process is replaced.
    flow_script_seconds: float = 1.0
    flow_script_memory_mb: int = 512
    flow_script_data_kb: int = 256  # the data handed to a script, and what it hands back
    flow_transition_cpu_seconds: float = 5.0
    flow_transition_wall_seconds: float = 30.0
    sandbox_spares: int = 2
    sandbox_runs_per_process: int = 200
    sandbox_nice: int = 10  # sandbox processes' scheduling priority below Loom's (0 to 19)
    jobs_per_tenant: int = 2  # a workspace's background jobs (or parts) running at once (core/jobs/fairness.py)
    # A pooled database connection idle this many seconds is checked before use (core/pool_checks.py; 0: always).
    db_ping_idle_seconds: float = 1.0
    # Statement budgets (core/timeouts.py): milliseconds one statement may run in a request (and
    # wait for a lock there), in a Celery task, in the long kinds of work (version changes,
    # purges and deletions, imports and exports), and in an Alembic migration (0: no limit).
    db_statement_timeout_ms: int = 5000
    db_lock_timeout_ms: int = 3000
    task_statement_timeout_ms: int = 60_000
    long_task_statement_timeout_ms: int = 30 * 60 * 1000
    migration_statement_timeout_ms: int = 0
    # Record lists (runtime/entities/scan.py): the time a list may spend on columns without a
    # ready index (and on its count), the records one step of such a scan reads, a search that
    # matches at most this many records is answered from the full-text index alone, and a sort
    # on a column without a ready index is computed in full only up to this many records.
    list_budget_ms: int = 250
    list_scan_chunk: int = 5000
    list_search_cap: int = 5000
    list_sort_max_rows: int = 20_000
    list_estimate_seconds: int = 30  # an unfiltered list's estimated count (over 1,000) is reused this long (0: never)
    # Moving several records by one transition (runtime/board/bulk.py): at most this many at once;
    # up to bulk_move_inline of them in the request, more in a background job.
    bulk_move_max_records: int = 10_000
    bulk_move_inline: int = 20
    rate_limits_enabled: bool = True
    rate_limit_storage_url: str | None = None
    rate_limits: dict[str, str] = field(default_factory=lambda: dict(RATE_LIMIT_DEFAULTS))
    extra: dict[str, Any] = field(default_factory=dict)
    social_providers: dict[str, SocialProvider] = field(default_factory=dict)  # enabled ones, by name
    # Hooks (runtime/hooks, docs/hooks.md). Fernet keys for endpoint secrets and headers: the first
    # encrypts, all decrypt (rotation); derived from secret_key when LOOM_HOOKS_ENCRYPTION_KEY is unset.
    hooks_encryption_keys: tuple[str, ...] = ()
    hooks_allow_http: bool = False
    hooks_allow_private: str = ""  # "", "true" (every address) or CIDRs separated by commas
    hooks_max_payload_bytes: int = 256 * 1024
    hooks_timeout_seconds: int = 15
    hooks_endpoint_concurrency: int = 4  # attempts in flight per endpoint
    hooks_endpoint_rate: int = 50  # attempts started per endpoint per second
    hooks_retention_days: int = 30
    hooks_disable_after_days: int = 5
    # Expression indexes on record values (runtime/entities/indexes.py, index_builds.py): a
    # blueprint with fewer records gets none (its default index is fast enough), at most this
    # many per blueprint (the least recently used goes first), attempts before a build is given
    # up, and the time one build may take.
    index_min_rows: int = 10_000
    index_max_per_blueprint: int = 8
    index_build_max_attempts: int = 5
    index_build_timeout_ms: int = 15 * 60 * 1000
    json_max_depth: int = 64  # arrays and objects nested in one JSON body (runtime/api/guard.py)
    compress_min_bytes: int = 1024  # API JSON answers at least this long are gzipped (runtime/compression.py)
    # Where uploads and exports keep their bytes (core/files): "folder" (LOOM_STORAGE_DIR) or "s3".
    # Production takes the folder only when it says the folder is one volume every host mounts.
    storage_backend: str = "folder"
    storage_dir_shared: bool = False
    storage_s3_bucket: str = ""
    storage_s3_region: str = ""
    storage_s3_endpoint_url: str = ""  # empty: AWS's own; tests point it at a local S3 API
    storage_s3_prefix: str = "files/"  # the bucket's lifecycle expiry applies to this prefix
    storage_s3_kms_key_id: str = ""  # empty: SSE-S3 (AES256); else SSE-KMS with this key
    storage_s3_part_mb: int = 8  # an export goes up in parts of at least this many MiB (S3: 5 or more)
    storage_link_seconds: int = 300  # a presigned S3 download link works this long
    # Flow connectors (runtime/connectors, docs/bpmn.md): attempts per call (Svix's schedule cut
    # short), the wall time of one HTTP attempt, the part of an answer read, and the key each
    # workspace's signing secret is derived from (derived from secret_key when unset).
    connectors_max_attempts: int = 5
    connectors_timeout_seconds: int = 15
    connectors_max_response_bytes: int = 64 * 1024
    connectors_signing_key: str = ""
    connector_calls_keep_days: int = 30  # finished connector calls are deleted after this (connectors.purge)
    # Mail delivery (core/mail): the wait for each step of one SMTP conversation (a worker's lease
    # on a message outlasts a whole conversation), messages the sweep hands to workers per round,
    # and dead letters one "Send all again" in the back office starts again.
    smtp_timeout_seconds: int = 20
    mail_sweep_batch: int = 500
    mail_replay_limit: int = 10_000
    # Messages from outside (runtime/messages/routes.py, inbound.py): a request body to an inbound
    # hook URL in bytes, and how deeply a message's values may nest.
    inbound_hook_max_bytes: int = 64 * 1024
    message_values_max_depth: int = 8
    # Messages and signals (runtime/messages, docs/bpmn.md): an unmatched message is kept this
    # long for a record that starts waiting for it; a message's values and correlation in bytes.
    message_retention_hours: int = 72
    message_max_bytes: int = 64 * 1024
    # `loom run` (runtime/devstack): on Ctrl-C each group of its processes gets this many seconds
    # to stop (the worker to finish its tasks), then what still runs is killed.
    run_stop_seconds: int = 30
    # ... and at start it waits this long for /api/health to answer before it gives up.
    run_start_seconds: int = 120

    def to_flask(self) -> dict[str, Any]:
        """Flask, Flask-Security and flask-smorest settings derived from these values."""
        secure_cookies = self.env == "production"
        return {
            "LOOM": self,
            "ENV_NAME": self.env,
            "DEBUG": self.debug,
            "TESTING": self.env == "testing",
            "SECRET_KEY": self.secret_key,
            "MAX_CONTENT_LENGTH": self.max_body_bytes,
            "SESSION_COOKIE_HTTPONLY": True,
            "SESSION_COOKIE_SAMESITE": "Lax",
            "SESSION_COOKIE_SECURE": secure_cookies,
            "SESSION_COOKIE_NAME": "loom_session",
            # flask-smorest / OpenAPI
            "API_TITLE": "Loom API",
            "API_VERSION": "1",
            "OPENAPI_VERSION": "3.0.3",
            "OPENAPI_URL_PREFIX": "/api",
            "OPENAPI_JSON_PATH": "openapi.json",
            "OPENAPI_SWAGGER_UI_PATH": "docs",
            "OPENAPI_SWAGGER_UI_URL": "/api/docs/assets/",
            # Flask-Security-Too: SPA mode, JSON only, token authentication
            "SECURITY_URL_PREFIX": "/api/auth",
            "SECURITY_PASSWORD_SALT": self.password_salt,
            "SECURITY_PASSWORD_HASH": "argon2",
            "SECURITY_PASSWORD_LENGTH_MIN": 12,
            "SECURITY_PASSWORD_COMPLEXITY_CHECKER": "zxcvbn",
            "SECURITY_ZXCVBN_MINIMUM_SCORE": 3,
            "SECURITY_PASSWORD_CHECK_BREACHED": False,
            # The digest of the email (or password hash) inside the signed confirmation and reset
            # links. Flask-Security's default, sha256_crypt, costs a quarter of a second in pure
            # Python and only on the paths with an account, which the timing would tell; the
            # signature is what protects a link. Old links keep verifying (sha256_crypt stays).
            "SECURITY_HASHING_SCHEMES": ["hex_sha256", "sha256_crypt"],
            "SECURITY_DEPRECATED_HASHING_SCHEMES": ["auto"],
            "SECURITY_REGISTERABLE": True,
            "SECURITY_CONFIRMABLE": True,
            "SECURITY_SEND_REGISTER_EMAIL": True,
            "SECURITY_CONFIRM_EMAIL_WITHIN": timedelta(days=3),
            "SECURITY_TRACKABLE": True,
            "SECURITY_CHANGEABLE": True,
            "SECURITY_RECOVERABLE": True,
            # A reset link works once (the password it sets changes the user's uniquifier, which
            # the link names) and for LOOM_RESET_LINK_MINUTES. Nobody is signed in by a reset.
            "SECURITY_RESET_PASSWORD_WITHIN": timedelta(minutes=self.reset_link_minutes),
            "SECURITY_AUTO_LOGIN_AFTER_RESET": False,
            "SECURITY_SEND_PASSWORD_CHANGE_EMAIL": True,
            "SECURITY_SEND_PASSWORD_RESET_EMAIL": True,
            "SECURITY_SEND_PASSWORD_RESET_NOTICE_EMAIL": True,
            "SECURITY_EMAIL_SUBJECT_PASSWORD_RESET": "Reset your Loom password",
            "SECURITY_EMAIL_SUBJECT_PASSWORD_NOTICE": "Your Loom password was reset",
            "SECURITY_EMAIL_SUBJECT_PASSWORD_CHANGE_NOTICE": "Your Loom password was changed",
            "SECURITY_MSG_PASSWORD_RESET_EXPIRED": (RESET_LINK_EXPIRED, "error"),
            "SECURITY_MSG_INVALID_RESET_PASSWORD_TOKEN": (RESET_LINK_INVALID, "error"),
            "SECURITY_EMAIL_SENDER": self.mail_from,
            "SECURITY_EMAIL_SUBJECT_REGISTER": "Confirm your email for Loom",
            "SECURITY_EMAIL_SUBJECT_CONFIRM": "Your new Loom confirmation link",
            "SECURITY_REDIRECT_BEHAVIOR": "spa",
            "SECURITY_REDIRECT_HOST": None,
            "SECURITY_POST_CONFIRM_VIEW": f"{self.base_url}/signin?confirmed=1",
            "SECURITY_CONFIRM_ERROR_VIEW": f"{self.base_url}/signin?confirm_error=1",
            "SECURITY_RESET_VIEW": f"{self.base_url}/reset-password",
            "SECURITY_RESET_ERROR_VIEW": f"{self.base_url}/forgot-password?reset_error=1",
            "SECURITY_API_ENABLED_METHODS": ["token"],
            "SECURITY_DEFAULT_HTTP_AUTH_REALM": "Loom",
            # The only place a token is read from: Flask-Security would also take ?auth_token= and a
            # JSON body's auth_token; runtime/auth/security.py shows its check the headers only.
            "SECURITY_TOKEN_AUTHENTICATION_HEADER": "Authorization",
            "SECURITY_TOKEN_MAX_AGE": timedelta(minutes=self.access_token_minutes),
            "SECURITY_REFRESH_TOKEN": True,
            "SECURITY_REFRESH_TOKEN_URL": "/refresh",
            "SECURITY_REFRESH_TOKEN_MAX_AGE": timedelta(hours=self.refresh_token_hours),
            "SECURITY_REFRESH_TOKEN_MAX_IDLE": timedelta(hours=self.refresh_token_hours),
            "SECURITY_REFRESH_TOKEN_COOKIE_NAME": "loom_refresh",
            # Ended sessions keep their row: access tokens name their session and stop working
            # while it says revoked (core.identity.models.session_is_live).
            "SECURITY_REFRESH_TOKEN_CLEANUP_REVOKED": False,
            "SECURITY_REFRESH_TOKEN_COOKIE": {
                "samesite": "Strict",
                "httponly": True,
                "secure": secure_cookies,
                "path": "/api/auth",
            },
            "SECURITY_CSRF_IGNORE_UNAUTH_ENDPOINTS": True,
            "SECURITY_LOGOUT_CSRF": False,
            "WTF_CSRF_ENABLED": False,
            "SECURITY_FLASH_MESSAGES": False,
            # Register, reset, confirm and sign-in answer alike whether an email has an account
            # or not (an existing owner is emailed instead of told "taken").
            "SECURITY_RETURN_GENERIC_RESPONSES": True,
            "SECURITY_BACKWARDS_COMPAT_AUTH_TOKEN": True,
            # One message for an unknown email and a wrong password: sign-in never tells
            # whether an address has an account.
            "SECURITY_MSG_USER_DOES_NOT_EXIST": (WRONG_CREDENTIALS, "error"),
            "SECURITY_MSG_INVALID_PASSWORD": (WRONG_CREDENTIALS, "error"),
            "SECURITY_MSG_GENERIC_AUTHN_FAILED": (WRONG_CREDENTIALS, "error"),
            "SECURITY_EMAIL_VALIDATOR_ARGS": {"check_deliverability": False},
            "SECURITY_USE_REGISTER_V2": True,
            "SECURITY_PASSWORD_CONFIRM_REQUIRED": False,
            # Two-factor authentication: an authenticator app (TOTP), asked at every sign-in,
            # with recovery codes kept encrypted. Both keys derive from LOOM_SECRET_KEY.
            "SECURITY_TWO_FACTOR": True,
            "SECURITY_TWO_FACTOR_ENABLED_METHODS": ["authenticator"],
            "SECURITY_TWO_FACTOR_ALWAYS_VALIDATE": True,
            "SECURITY_TWO_FACTOR_RESCUE_EMAIL": False,
            "SECURITY_TOTP_ISSUER": "Loom",
            "SECURITY_TOTP_SECRETS": {"1": _derived_key(self.secret_key, "totp")},
            "SECURITY_MULTI_FACTOR_RECOVERY_CODES": True,
            "SECURITY_MULTI_FACTOR_RECOVERY_CODES_N": 8,
            "SECURITY_MULTI_FACTOR_RECOVERY_CODES_KEYS": [
                base64.urlsafe_b64encode(bytes.fromhex(_derived_key(self.secret_key, "recovery codes"))).decode()
            ],
            # Changing two-factor sign-in asks for the password or a code in that very request
            # (runtime/auth/two_factor.py). Flask-Security's "fresh sign-in" check cannot do it:
            # every access token it mints, refreshed ones too, says "signed in just now".
            "SECURITY_FRESHNESS": timedelta(seconds=-1),
            # Rate limits (runtime/auth/limits.py), counted in Redis in a moving window.
            "LOOM_RATE_LIMITS_ENABLED": self.rate_limits_enabled,
            "LOOM_RATE_LIMITS": dict(self.rate_limits),
            "RATELIMIT_STORAGE_URI": self.rate_limit_storage_url or self.redis_url or "memory://",
            "RATELIMIT_STRATEGY": "moving-window",
            "RATELIMIT_KEY_PREFIX": "loom",
        }


def _derived_key(secret: str, purpose: str) -> str:
    """A 32-byte key (hex) for one ``purpose``, derived from the secret key: one secret to keep."""
    return hmac.new(secret.encode(), f"loom {purpose}".encode(), hashlib.sha256).hexdigest()


def hooks_key(secret: str) -> str:
    """The Fernet key hooks use when LOOM_HOOKS_ENCRYPTION_KEY is unset, derived from the secret key."""
    return base64.urlsafe_b64encode(bytes.fromhex(_derived_key(secret, "hooks encryption"))).decode()


def read_settings(env: str | None = None) -> Settings:
    """Read every ``LOOM_*`` setting. ``env`` overrides ``LOOM_ENV``."""
    stage = env or _env("ENV", "development") or "development"
    if stage not in STAGES:
        raise ConfigError(f"LOOM_ENV must be one of {', '.join(STAGES)}, not {stage!r}")
    default_db = "postgresql+psycopg://postgres@127.0.0.1:5432/loom_test" if stage == "testing" else None
    default_redis = "redis://127.0.0.1:6379/15" if stage == "testing" else None
    explicit: dict[str, Any] = dict(
        env=stage,
        debug=_env_bool("DEBUG", False),
        secret_key=_env("SECRET_KEY", DEFAULT_SECRET) or DEFAULT_SECRET,
        password_salt=_env("SECURITY_PASSWORD_SALT", DEFAULT_SALT) or DEFAULT_SALT,
        database_url=_env("DATABASE_URL", default_db),
        redis_url=_env("REDIS_URL", default_redis),
        base_url=(_env("BASE_URL", "http://127.0.0.1:5000") or "").rstrip("/"),
        access_token_minutes=_env_int("ACCESS_TOKEN_MINUTES", 30),
        refresh_token_hours=_env_int("REFRESH_TOKEN_HOURS", 36),
        max_body_bytes=_env_int("MAX_BODY_BYTES", 1024 * 1024),
        mail_backend=_env("MAIL_BACKEND", "capture" if stage != "production" else "smtp") or "smtp",
        mail_from=_env("MAIL_FROM", "Loom <no-reply@loom.localhost>") or "",
        smtp_host=_env("SMTP_HOST", "127.0.0.1") or "127.0.0.1",
        smtp_port=_env_int("SMTP_PORT", 25),
        smtp_username=_env("SMTP_USERNAME"),
        smtp_password=_env("SMTP_PASSWORD"),
        smtp_use_tls=_env_bool("SMTP_USE_TLS", False),
        support_email=_env("SUPPORT_EMAIL", "support@loom.localhost") or "",
        sentry_dsn=_env("SENTRY_DSN"),
        webapp_sentry_dsn=_env("WEBAPP_SENTRY_DSN"),
        logstash_host=_env("LOGSTASH_HOST"),
        logstash_port=_env_int("LOGSTASH_PORT", 5959),
        logstash_ca_file=_env("LOGSTASH_CA_FILE"),
        sentry_release=_env("SENTRY_RELEASE", "") or "",
        metrics_namespace=_env("METRICS_NAMESPACE", "") or "",
        metrics_stage=_env("METRICS_STAGE", "") or "",
        metrics_region=_env("METRICS_REGION", "") or "",
        metrics_endpoint_url=_env("METRICS_ENDPOINT_URL", "") or "",
        # INFO in development too: DEBUG buries `make run`'s own lines under library chatter.
        log_level=(_env("LOG_LEVEL", "INFO") or "INFO").upper(),
        webapp_dist=_env("WEBAPP_DIST", _default_webapp_dist()) or "",
        # A reserved name that email validation accepts (".localhost" is refused at sign-in).
        admin_email=_env("ADMIN_EMAIL", "admin@loom.example") or "admin@loom.example",
        trusted_proxies=_env_int("TRUSTED_PROXIES", 0),
        storage_dir=_env("STORAGE_DIR", os.path.join(os.getcwd(), "var", "files")) or "",
        storage_backend=(_env("STORAGE_BACKEND", "folder") or "folder").strip().lower(),
        storage_s3_bucket=_env("STORAGE_S3_BUCKET", "") or "",
        storage_s3_region=_env("STORAGE_S3_REGION", "") or "",
        storage_s3_endpoint_url=_env("STORAGE_S3_ENDPOINT_URL", "") or "",
        storage_s3_prefix=_env("STORAGE_S3_PREFIX", "files/") or "",
        storage_s3_kms_key_id=_env("STORAGE_S3_KMS_KEY_ID", "") or "",
        max_upload_bytes=_env_int("MAX_UPLOAD_BYTES", 20 * 1024 * 1024),
        admin_password=_env("ADMIN_PASSWORD"),
        # The test suite signs in hundreds of times from one address; its rate-limit tests
        # turn the limits on themselves.
        rate_limits_enabled=_env_bool("RATE_LIMITS_ENABLED", stage != "testing"),
        rate_limit_storage_url=_env("RATE_LIMIT_STORAGE_URL"),
        rate_limits={name: _env(f"RATE_LIMIT_{name}", value) or value for name, value in RATE_LIMIT_DEFAULTS.items()},
        social_providers=read_social_providers(os.environ),
        hooks_encryption_keys=tuple(
            key.strip()
            for key in (
                _env("HOOKS_ENCRYPTION_KEY") or hooks_key(_env("SECRET_KEY", DEFAULT_SECRET) or DEFAULT_SECRET)
            ).split(",")
            if key.strip()
        ),
        hooks_allow_private=(_env("HOOKS_ALLOW_PRIVATE", "") or "").strip(),
        connectors_signing_key=_env("CONNECTORS_SIGNING_KEY", "") or "",
    )
    return Settings(**(_plain_settings() | explicit))


_READERS = {"int": _env_int, "float": _env_float, "bool": _env_bool}


def _plain_settings() -> dict[str, Any]:
    """Every number or switch of ``Settings`` with a default, read from ``LOOM_<FIELD NAME>``: a
    plain limit is declared once, on ``Settings`` (``read_settings`` overrides the others)."""
    return {
        f.name: _READERS[str(f.type)](f.name.upper(), f.default)
        for f in fields(Settings)
        if str(f.type) in _READERS and f.default is not MISSING
    }


def _default_webapp_dist() -> str:
    """The webapp packaged into a release (runtime/webapp_dist), else the source tree's build."""
    here = os.path.dirname(os.path.abspath(__file__))
    packaged = os.path.normpath(os.path.join(here, "..", "runtime", "webapp_dist"))
    if os.path.isfile(os.path.join(packaged, "index.html")):
        return packaged
    return os.path.normpath(os.path.join(here, "..", "..", "webapp", "dist"))


def load_settings(env: str | None = None) -> Settings:
    """Read and check the settings; raise ConfigError naming what is wrong."""
    settings = read_settings(env)
    check_settings(settings)
    return settings


__all__ = ["DEFAULT_SALT", "DEFAULT_SECRET", "ConfigError", "Settings", "check_production", "load_settings"]
