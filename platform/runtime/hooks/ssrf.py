"""Which addresses a hook may call: public ones only, unless configuration allows more.

A hook's URL is typed by a workspace's admin, so without this check a hook could make Loom's
workers call Loom's own database, Redis, the cloud's metadata service (169.254.169.254, which hands
out credentials) or anything else on the private network, and show the answer in the delivery
log. The host is resolved and every address it resolves to is checked, when the URL is saved and
again at every attempt; the connection is then made to the very address that was checked
(runtime/hooks/safe_http.py), so a name that resolves to a public address for the check and to
127.0.0.1 for the connection (DNS rebinding) gets nowhere.

``LOOM_HOOKS_ALLOW_PRIVATE`` (development and tests) is ``true`` or a list of CIDRs that are
allowed although not public; ``LOOM_HOOKS_ALLOW_HTTP`` allows plain http.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from core.config import Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

# Not caught by the ipaddress flags on every Python version, or worth naming anyway.
_ALWAYS_REFUSED = [
    ipaddress.ip_network("0.0.0.0/8"),
    ipaddress.ip_network("100.64.0.0/10"),  # carrier-grade NAT
    ipaddress.ip_network("169.254.0.0/16"),  # link-local, the cloud metadata address among them
    ipaddress.ip_network("192.0.0.0/24"),
    ipaddress.ip_network("198.18.0.0/15"),
    ipaddress.ip_network("fc00::/7"),
    ipaddress.ip_network("fe80::/10"),
    ipaddress.ip_network("64:ff9b:1::/48"),
]
_ON = ("1", "true", "yes", "on")
_OFF = ("", "0", "false", "no", "off")


class Refused(ValueError):
    """The URL may not be called; the message says why, in the admin's terms."""


class Unresolved(Refused):
    """The host resolved to no address just now: perhaps for good, perhaps a passing DNS failure
    (EAI_AGAIN), so a delivery tries again later, where a forbidden address is final."""


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect (``address``) and what to ask for there."""

    url: str
    scheme: str
    host: str
    port: int
    path: str
    address: str


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (the system resolver), or [] when it resolves to none."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return []
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address inside an IPv6 one (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, 6to4,
    Teredo, NAT64), which is where a packet to it would really go."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    value = int(address)
    if value >> 32 == 0 and value > 1:  # ::a.b.c.d (IPv4-compatible, deprecated)
        return ipaddress.IPv4Address(value & 0xFFFFFFFF)
    if address in ipaddress.ip_network("64:ff9b::/96"):
        return ipaddress.IPv4Address(value & 0xFFFFFFFF)
    return None


def is_public(address: IPAddress) -> bool:
    """Whether ``address`` is a public unicast address, looking through IPv6 wrappings of IPv4."""
    inner = embedded_ipv4(address)
    if inner is not None and not is_public(inner):
        return False
    if (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_unspecified
        or address.is_reserved
        or any(address in network for network in _ALWAYS_REFUSED if network.version == address.version)
    ):
        return False
    return address.is_global


def allowed(address: IPAddress, settings: Settings) -> bool:
    """Public, or allowed by LOOM_HOOKS_ALLOW_PRIVATE."""
    if is_public(address):
        return True
    allow = settings.hooks_allow_private.strip().lower()
    if allow in _ON:
        return True
    if allow in _OFF:
        return False
    candidates = [address]
    inner = embedded_ipv4(address)
    if inner is not None:
        candidates = [inner]  # an allowlist names the real destination
    for cidr in allow.split(","):
        network = ipaddress.ip_network(cidr.strip(), strict=False)
        if any(candidate.version == network.version and candidate in network for candidate in candidates):
            return True
    return False


def parse(url: str, settings: Settings) -> SplitResult:
    """The URL's parts, when its form is acceptable (scheme, host, no credentials)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise Refused("This is not a valid URL.") from exc
    schemes = ("https", "http") if settings.hooks_allow_http else ("https",)
    if parts.scheme not in schemes:
        raise Refused("The URL must start with https://." if len(schemes) == 1 else "The URL must be http(s)://.")
    if not parts.hostname:
        raise Refused("The URL has no host name.")
    if parts.username is not None or parts.password is not None:
        raise Refused("Put credentials in a custom header, not in the URL.")
    if port == 0:
        raise Refused("The URL's port is not valid.")
    return parts


def check(url: str, settings: Settings, resolver: Resolver = resolve) -> Target:
    """Resolve the URL's host and check every address; the first one is where to connect.

    A host with any address that is not allowed is refused as a whole: a name that answers both
    a public and a private address is the shape of a rebinding attack.
    """
    parts = parse(url, settings)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        literal: IPAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    addresses = [str(literal)] if literal is not None else resolver(host, port)
    if not addresses:
        raise Unresolved(f"The host name {host} does not resolve to any address.")
    for text in addresses:
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if not allowed(address, settings):
            raise Refused(f"{host} is not a public address ({address}); hooks only call public addresses.")
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Target(url=url, scheme=parts.scheme, host=host, port=port, path=path, address=addresses[0])
