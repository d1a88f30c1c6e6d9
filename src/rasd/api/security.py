"""Who may read and who may write.

Reads are open to clients on the loopback interface (the analyst's own machine); any
other client needs a token, unless the server was started with ``--open-reads``. Every
write needs a token made with ``rasd token create NAME``; its name is the audit trail's
``who``. No token: 401. A token the store does not know, or a revoked one: 403.
"""

from __future__ import annotations

import ipaddress
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from rasd.store import Store

bearer = HTTPBearer(
    auto_error=False,
    description="A token from `rasd token create NAME` (needed for writes, and for reads "
    "from another machine).",
)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def is_loopback(host: str | None) -> bool:
    if host is None:
        return False
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def reviewer(request: Request, credentials: Credentials) -> str:
    """The name of the token the request carries; 401 without one, 403 for a bad one."""
    if credentials is None:
        raise HTTPException(
            401,
            "this needs a token: send 'Authorization: Bearer TOKEN' "
            "(make one with 'rasd token create NAME')",
            headers={"WWW-Authenticate": "Bearer"},
        )
    name = store_of(request).token_owner(credentials.credentials)
    if name is None:
        raise HTTPException(403, "unknown or revoked token")
    return name


def reader(request: Request, credentials: Credentials) -> None:
    """Let loopback clients (or everyone, with open reads) read; others need a token."""
    client = request.client.host if request.client else None
    if request.app.state.settings.open_reads or is_loopback(client):
        return
    reviewer(request, credentials)


Reviewer = Annotated[str, Depends(reviewer)]
