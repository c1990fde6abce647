"""What the framework helpers share: HTTP statuses, JSON error bodies, IP allow-lists."""

from __future__ import annotations

import ipaddress
from typing import Dict, Iterable, Optional, Union

from hookseal._errors import WebhookVerificationError
from hookseal._hookseal import Webhook, http_status
from hookseal._types import Scheme, Secret

__all__ = ["IPAllowList", "error_body", "make_webhook", "status_for"]

def status_for(code: str) -> int:
    """The HTTP status for an error code, from the core's one table (401 signature
    or timestamp, 400 malformed input, 409 duplicate, 413 too large, 500 a
    misconfigured receiver; 400 for codes hookseal does not know)."""
    return http_status(code)


def error_body(code: str, message: str) -> Dict[str, str]:
    """The JSON body of a refusal: ``{"error": code, "message": message}``."""
    return {"error": code, "message": message}


def make_webhook(webhook: Union[Webhook, Scheme], secret: Optional[Secret] = None) -> Webhook:
    """A helper's verifier: a ``Webhook``, or a scheme and secret to build one (once)."""
    if isinstance(webhook, Webhook):
        if secret is not None:
            raise TypeError("pass either a Webhook or a scheme and a secret, not both")
        return webhook
    if secret is None:
        raise TypeError("a scheme needs a secret: pass Webhook(scheme, secret) or (scheme, secret)")
    return Webhook(webhook, secret)


class IPAllowList:
    """Addresses and CIDR networks a delivery may come from, e.g.
    ``IPAllowList(["192.0.2.0/24", "2001:db8::/32", "198.51.100.7"])``.

    The address checked is the one the framework reports as the peer
    (``request.remote_addr``, ``request.client.host``, ``REMOTE_ADDR``).
    Behind a reverse proxy, configure the framework's own proxy support
    (Werkzeug ``ProxyFix``, ``uvicorn --proxy-headers --forwarded-allow-ips``,
    Django middleware) so that address is the sender's; hookseal never reads
    ``X-Forwarded-For`` itself, which any client can forge.
    """

    def __init__(self, networks: Iterable[str]) -> None:
        if isinstance(networks, (str, bytes)):
            networks = [networks.decode() if isinstance(networks, bytes) else networks]
        self.networks = tuple(ipaddress.ip_network(n, strict=False) for n in networks)
        if not self.networks:
            raise ValueError("an IP allow-list needs at least one address or network")

    def __contains__(self, address: object) -> bool:
        if not isinstance(address, str) or not address:
            return False
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            return False
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        return any(ip.version == n.version and ip in n for n in self.networks)

    def __repr__(self) -> str:
        return f"IPAllowList({[str(n) for n in self.networks]!r})"


def allow_list(value: Union[IPAllowList, Iterable[str], None]) -> Optional[IPAllowList]:
    if value is None or isinstance(value, IPAllowList):
        return value
    return IPAllowList(value)


IP_NOT_ALLOWED = ("ip_not_allowed", "this address may not send webhooks here")


def refusal(exc: WebhookVerificationError) -> tuple[int, Dict[str, str]]:
    return status_for(exc.code), error_body(exc.code, str(exc))
