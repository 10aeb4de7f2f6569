"""Which addresses a webhook may reach: public ones only.

A webhook URL is typed by a member of the desk, and the worker POSTs to it from
inside our network. Left unchecked, `http://169.254.169.254/` would read the
cloud's metadata (and its credentials) into the delivery log, and
`http://localhost:5432/` would probe our own services. So a URL is checked when it
is saved and again at every delivery, after its name is resolved: a name can
point somewhere else by then. `NEWSROOM_WEBHOOKS_ALLOW_PRIVATE` lifts the rule
for tests that deliver to a server on 127.0.0.1.
"""

import ipaddress
import socket
from urllib.parse import SplitResult

from django.conf import settings
from django.utils.translation import gettext as _

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Carrier-grade NAT (RFC 6598): neither private nor global to `ipaddress`, and
# inside a provider's network all the same.
SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")
# NAT64 (RFC 6052): the last 32 bits are an IPv4 address reached through a gateway.
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")


class RefusedAddress(ValueError):
    """The URL's host is, or resolves to, an address a webhook may not reach."""


def private_allowed() -> bool:
    return getattr(settings, "NEWSROOM_WEBHOOKS_ALLOW_PRIVATE", False)


def _ipv4_inside(address: IPAddress) -> ipaddress.IPv4Address | None:
    """Return the IPv4 address an IPv6 one carries (mapped, 6to4 or NAT64)."""
    if address.version == 4:
        return None
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address in NAT64_PREFIX:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def refusal(address: IPAddress) -> str:
    """Return why a webhook may not reach `address`, or "" if it may.

    Each class is named, so the admin and the delivery log say what was wrong;
    anything else `ipaddress` does not call global is refused as well.
    """
    inner = _ipv4_inside(address)
    if inner is not None:
        return refusal(inner)
    checks = [
        (address.is_unspecified, _("%(address)s is the unspecified address.")),
        (address.is_loopback, _("%(address)s is a loopback address.")),
        (
            address.is_link_local,
            _("%(address)s is a link-local address (where cloud metadata lives)."),
        ),
        (address.is_multicast, _("%(address)s is a multicast address.")),
        (
            address.version == 4 and address in SHARED_ADDRESS_SPACE,
            _("%(address)s is in the shared address space of a provider's network."),
        ),
        (address.is_reserved, _("%(address)s is a reserved address.")),
        (address.is_private, _("%(address)s is a private address.")),
        (not address.is_global, _("%(address)s is not a public address.")),
    ]
    for refused, reason in checks:
        if refused:
            return reason % {"address": address}
    return ""


def resolve(url: SplitResult) -> list[IPAddress]:
    """Return every address the URL's host resolves to, each checked.

    Raises RefusedAddress if the host cannot be resolved or if any address is
    not public (unless the setting allows it): a name with one internal address
    among public ones would reach it on some connections.
    """
    try:
        host, port = url.hostname, url.port
    except ValueError:
        host = port = None
    if not host:
        raise RefusedAddress(_("The address has no valid host and port."))
    port = port or (443 if url.scheme == "https" else 80)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as failure:
        raise RefusedAddress(
            _("The host %(host)s could not be resolved.") % {"host": host}
        ) from failure
    # Drop an IPv6 zone ("fe80::1%eth0"): the address class is what matters.
    addresses = list(
        dict.fromkeys(
            ipaddress.ip_address(sockaddr[0].split("%")[0])
            for _family, _type, _proto, _name, sockaddr in found
        )
    )
    if not private_allowed():
        for address in addresses:
            reason = refusal(address)
            if reason:
                raise RefusedAddress(reason)
    return addresses
