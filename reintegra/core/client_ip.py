"""The client's IP address, trusting X-Forwarded-For only as far as the configured proxy count."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

# Stored where an address is required but none could be read (never a bind address).
UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104


def client_ip(request: HttpRequest) -> str:
    remote = _valid_ip(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote or UNKNOWN_ADDRESS
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    # Each trusted proxy appends the address it saw, so the client is `proxies` entries from the
    # right; anything further left was written by the client and may be forged.
    if len(forwarded) >= proxies:
        candidate = _valid_ip(forwarded[-proxies])
        if candidate:
            return candidate
    return remote or UNKNOWN_ADDRESS


def _valid_ip(value: str) -> str:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return ""
