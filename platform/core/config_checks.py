"""Refusing settings that cannot work, and production settings that are insecure.

``core.config.load_settings`` reads the environment into ``Settings`` and runs ``check_settings``;
every refusal is a ``ConfigError`` that names the ``LOOM_*`` setting and what it must be.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.files.checks import storage_problems, storage_production_problems

if TYPE_CHECKING:
    from core.config import Settings

DEFAULT_SECRET = "dev-secret-change-me"  # noqa: S105 - the known-insecure development default
DEFAULT_SALT = "dev-salt-change-me"


class ConfigError(RuntimeError):
    """The configuration cannot be used; the message names the setting."""


def check_production(settings: Settings) -> None:
    """Refuse insecure production settings, naming the first setting that is wrong."""
    if settings.env != "production":
        return
    problems: list[str] = []
    if settings.secret_key == DEFAULT_SECRET or len(settings.secret_key) < 32:
        problems.append("LOOM_SECRET_KEY is missing, the development default, or shorter than 32 characters")
    if settings.password_salt == DEFAULT_SALT or len(settings.password_salt) < 16:
        problems.append(
            "LOOM_SECURITY_PASSWORD_SALT is missing, the development default, or shorter than 16 characters"
        )
    if settings.debug:
        problems.append("LOOM_DEBUG must be off in production")
    if not settings.database_url:
        problems.append("LOOM_DATABASE_URL is not set")
    if not settings.redis_url:
        problems.append("LOOM_REDIS_URL is not set")
    if settings.mail_backend != "smtp":
        problems.append("LOOM_MAIL_BACKEND must be smtp in production (capture is for development)")
    if not settings.base_url.startswith("https://"):
        problems.append("LOOM_BASE_URL must be an https:// address in production")
    for provider in settings.social_providers.values():
        for name, url in provider.endpoints().items():
            if not url.startswith("https://"):
                problems.append(f"LOOM_{provider.name.upper()}_{name} must be an https:// address in production")
    problems.extend(_hooks_production_problems(settings))
    problems.extend(storage_production_problems(settings))
    if problems:
        raise ConfigError("Refusing to start in production: " + "; ".join(problems))


def _hooks_production_problems(settings: Settings) -> list[str]:
    """Hooks must not reach Loom's own network in production: no blanket private allowlist, and
    never loopback or the cloud metadata address (an explicit allowlist of other CIDRs is allowed)."""
    import ipaddress

    allow = settings.hooks_allow_private.lower()
    if allow in ("1", "true", "yes", "on"):
        return ["LOOM_HOOKS_ALLOW_PRIVATE=true lets hooks reach every private address; list CIDRs instead"]
    problems: list[str] = []
    if allow in ("", "0", "false", "no", "off"):
        return problems
    for cidr in filter(None, (part.strip() for part in allow.split(","))):
        try:
            network = ipaddress.ip_network(cidr, strict=False)
        except ValueError:
            continue  # load_settings names it
        for never in ("127.0.0.1", "169.254.169.254", "::1"):
            if ipaddress.ip_address(never) in network:
                problems.append(f"LOOM_HOOKS_ALLOW_PRIVATE must not include {never} in production ({cidr})")
    return problems


def check_settings(settings: Settings) -> None:
    """Refuse settings that cannot work (or are insecure in production), naming the setting."""
    check_production(settings)
    if settings.mail_backend not in ("smtp", "capture"):
        raise ConfigError(f"LOOM_MAIL_BACKEND must be smtp or capture, not {settings.mail_backend!r}")
    if not 1 <= settings.access_token_minutes < 24 * 60:
        raise ConfigError("LOOM_ACCESS_TOKEN_MINUTES must be between 1 and 1439 (access tokens live less than a day)")
    if not settings.database_url:
        raise ConfigError("LOOM_DATABASE_URL is not set (make run sets it for the embedded database)")
    if not 5 <= settings.reset_link_minutes <= 24 * 60:
        raise ConfigError("LOOM_RESET_LINK_MINUTES must be between 5 and 1440 (a reset link lives at most a day)")
    if not 1 <= settings.trash_retention_days <= 3650:
        raise ConfigError("LOOM_TRASH_RETENTION_DAYS must be between 1 and 3650")
    if settings.api_keys_per_tenant < 1 or settings.api_key_last_used_seconds < 0:
        raise ConfigError("LOOM_API_KEYS_PER_TENANT must be at least 1 and LOOM_API_KEY_LAST_USED_SECONDS at least 0")
    if not 1 <= settings.idempotency_hours <= 24 * 7:
        raise ConfigError("LOOM_IDEMPOTENCY_HOURS must be between 1 and 168")
    if settings.jobs_per_tenant < 1:
        raise ConfigError("LOOM_JOBS_PER_TENANT must be at least 1")
    if not (1 <= settings.decimal_max_digits <= 100 and 0 <= settings.decimal_max_exponent <= 1000):
        raise ConfigError("LOOM_DECIMAL_MAX_DIGITS must be between 1 and 100, LOOM_DECIMAL_MAX_EXPONENT 0 and 1000")
    _check_rate_limits(settings.rate_limits)
    _check_hooks(settings)
    _check_sandbox(settings)
    if storage := storage_problems(settings):
        raise ConfigError("; ".join(storage))


def _check_sandbox(settings: Settings) -> None:
    if not 0 < settings.flow_script_seconds <= settings.flow_transition_cpu_seconds:
        raise ConfigError("LOOM_FLOW_SCRIPT_SECONDS must be above 0 and at most LOOM_FLOW_TRANSITION_CPU_SECONDS")
    if not settings.flow_transition_cpu_seconds <= settings.flow_transition_wall_seconds:
        raise ConfigError("LOOM_FLOW_TRANSITION_WALL_SECONDS must be at least LOOM_FLOW_TRANSITION_CPU_SECONDS")
    if settings.flow_script_memory_mb < 64:
        raise ConfigError("LOOM_FLOW_SCRIPT_MEMORY_MB must be at least 64")
    if not 1 <= settings.flow_script_data_kb < settings.flow_script_memory_mb * 1024 // 4:
        raise ConfigError(
            "LOOM_FLOW_SCRIPT_DATA_KB must be at least 1 and under a quarter of LOOM_FLOW_SCRIPT_MEMORY_MB"
        )
    if not 0 <= settings.sandbox_nice <= 19:
        raise ConfigError("LOOM_SANDBOX_NICE must be between 0 and 19")
    if settings.sandbox_spares < 0 or settings.sandbox_runs_per_process < 1:
        raise ConfigError("LOOM_SANDBOX_SPARES must be at least 0 and LOOM_SANDBOX_RUNS_PER_PROCESS at least 1")


def _check_hooks(settings: Settings) -> None:
    """Refuse hooks settings that cannot work, naming the setting."""
    import ipaddress

    from cryptography.fernet import Fernet

    for key in settings.hooks_encryption_keys:
        try:
            Fernet(key)
        except ValueError as exc:
            raise ConfigError(
                "LOOM_HOOKS_ENCRYPTION_KEY must be Fernet keys (32 url-safe base64-encoded bytes), separated by commas"
            ) from exc
    allow = settings.hooks_allow_private.lower()
    if allow not in ("", "1", "true", "yes", "on", "0", "false", "no", "off"):
        for cidr in allow.split(","):
            try:
                ipaddress.ip_network(cidr.strip(), strict=False)
            except ValueError as exc:
                raise ConfigError(
                    f"LOOM_HOOKS_ALLOW_PRIVATE must be true or CIDRs such as 10.0.0.0/8, not {cidr!r}"
                ) from exc
    if not 1024 <= settings.hooks_max_payload_bytes <= 16 * 1024 * 1024:
        raise ConfigError("LOOM_HOOKS_MAX_PAYLOAD_BYTES must be between 1024 and 16777216")
    if not 1 <= settings.hooks_timeout_seconds <= 60:
        raise ConfigError("LOOM_HOOKS_TIMEOUT_SECONDS must be between 1 and 60")
    for name, value in (
        ("ENDPOINT_CONCURRENCY", settings.hooks_endpoint_concurrency),
        ("ENDPOINT_RATE", settings.hooks_endpoint_rate),
        ("RETENTION_DAYS", settings.hooks_retention_days),
        ("DISABLE_AFTER_DAYS", settings.hooks_disable_after_days),
    ):
        if value < 1:
            raise ConfigError(f"LOOM_HOOKS_{name} must be at least 1")


def _check_rate_limits(limits: dict[str, str]) -> None:
    """Refuse a LOOM_RATE_LIMIT_* value that Flask-Limiter could not read, naming it."""
    from limits import parse_many

    for name, value in limits.items():
        try:
            parse_many(value)
        except ValueError as exc:
            raise ConfigError(f"LOOM_RATE_LIMIT_{name} is not a rate limit such as 10/minute: {value!r}") from exc
