"""Google and Facebook sign-in settings, read from ``LOOM_<PROVIDER>_*`` variables (core.config
reads them into ``Settings.social_providers``; docs/configuration.md lists them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# Google and Facebook sign-in (runtime/auth/social): per provider a label, the endpoints (each
# overridable, as ``LOOM_<PROVIDER>_AUTHORIZE_URL`` ...: the tests point them at a local fake)
# and the scope asked for. A provider is enabled when its client id and secret are both set.
SOCIAL_PROVIDER_DEFAULTS: dict[str, dict[str, str]] = {
    "google": {
        "label": "Google",
        "AUTHORIZE_URL": "https://accounts.google.com/o/oauth2/v2/auth",
        "TOKEN_URL": "https://oauth2.googleapis.com/token",
        "USERINFO_URL": "https://openidconnect.googleapis.com/v1/userinfo",
        "scope": "openid email profile",
    },
    "facebook": {
        "label": "Facebook",
        "AUTHORIZE_URL": "https://www.facebook.com/v19.0/dialog/oauth",
        "TOKEN_URL": "https://graph.facebook.com/v19.0/oauth/access_token",
        "USERINFO_URL": "https://graph.facebook.com/me?fields=id,name,email",
        "scope": "email public_profile",
    },
}


@dataclass(frozen=True)
class SocialProvider:
    """An enabled sign-in provider: its OAuth 2 client and endpoints."""

    name: str
    label: str
    client_id: str
    client_secret: str = field(repr=False)
    authorize_url: str
    token_url: str
    userinfo_url: str
    scope: str

    def endpoints(self) -> dict[str, str]:
        """The endpoints by the suffix of their ``LOOM_<PROVIDER>_...`` variable."""
        return {"AUTHORIZE_URL": self.authorize_url, "TOKEN_URL": self.token_url, "USERINFO_URL": self.userinfo_url}


def read_social_providers(environ: Mapping[str, str]) -> dict[str, SocialProvider]:
    """The enabled providers in ``environ``; a half-configured one (id without secret) is an error."""
    providers: dict[str, SocialProvider] = {}
    for name, defaults in SOCIAL_PROVIDER_DEFAULTS.items():
        prefix = f"LOOM_{name.upper()}_"

        def value(key: str, default: str = "", prefix: str = prefix) -> str:
            return (environ.get(prefix + key) or "").strip() or default

        client_id, secret = value("CLIENT_ID"), value("CLIENT_SECRET")
        if bool(client_id) != bool(secret):
            missing = "CLIENT_SECRET" if client_id else "CLIENT_ID"
            from core.config import ConfigError  # imported here: core.config imports this module

            raise ConfigError(
                f"{prefix}{missing} is not set: set both {prefix}CLIENT_ID and {prefix}CLIENT_SECRET "
                f"to enable {defaults['label']} sign-in, or neither"
            )
        if client_id:
            providers[name] = SocialProvider(
                name=name,
                label=defaults["label"],
                client_id=client_id,
                client_secret=secret,
                authorize_url=value("AUTHORIZE_URL", defaults["AUTHORIZE_URL"]),
                token_url=value("TOKEN_URL", defaults["TOKEN_URL"]),
                userinfo_url=value("USERINFO_URL", defaults["USERINFO_URL"]),
                scope=defaults["scope"],
            )
    return providers
