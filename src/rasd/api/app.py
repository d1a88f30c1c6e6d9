"""The FastAPI application: API routers, the dashboard's static files, security headers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rasd import __version__
from rasd.api import analytics, errors, exporting, labels, records, review
from rasd.api.schemas import ConfigOut, FieldOut
from rasd.api.security import reader
from rasd.schema import EventField, event_fields
from rasd.store import Store
from rasd.web import STATIC_DIR

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass(frozen=True, slots=True)
class Settings:
    """How the server was started (``rasd serve`` options)."""

    open_reads: bool = False
    """Reads need no token from any client (else only loopback clients read freely)."""
    hosts: tuple[str, ...] = LOOPBACK_NAMES
    """Host names the server answers to (a guard against DNS rebinding); "*" for any."""
    tiles: str | None = None
    """URL template of an online tile layer, e.g. https://tile.example.org/{z}/{x}/{y}.png."""
    tile_attribution: str | None = None


def create_app(store: Store, settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="rasd",
        version=__version__,
        description="Conflict events extracted from Arabic news: records with their "
        "evidence, statistics, map data, exports and the review workflow.",
        docs_url=None,  # the interactive docs load scripts from a CDN: not offline
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.store = store
    app.state.settings = settings
    labels.actor_labels()  # read the filters' labels now, not during the first request
    labels.admin1_labels()
    errors.install(app)
    for module in (records, analytics, exporting, review):
        app.include_router(module.router)

    meta: dict[str, Any] = {
        "tags": ["meta"],
        "dependencies": [Depends(reader)],
        "responses": {code: records.ERRORS[code] for code in (401, 403)},
    }

    @app.get("/api/config", response_model=ConfigOut, **meta)
    def config() -> dict[str, Any]:
        """What the page needs to know about the server."""
        return {
            "version": __version__,
            "tiles": settings.tiles,
            "tile_attribution": settings.tile_attribution,
        }

    @app.get("/api/fields", response_model=list[FieldOut], **meta)
    def fields() -> tuple[EventField, ...]:
        """The fields of a record in the order the page shows them, named in English and
        in Arabic."""
        return event_fields()

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.openapi = lambda: errors.openapi_with_400(app)  # type: ignore[method-assign]
    app.add_middleware(SecurityHeaders, csp=content_security_policy(settings.tiles))
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.hosts))
    return app


def content_security_policy(tiles: str | None) -> str:
    """Scripts, styles and data from this server only; images also from the tile server
    when one was asked for. Article text is never markup, and this makes sure of it."""
    images = "'self' data:"
    if tiles:
        parts = urlsplit(tiles)
        images += f" {parts.scheme}://{parts.netloc}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src {images}; connect-src 'self'; font-src 'self'; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


class SecurityHeaders:
    """Adds the content security policy and the usual hardening headers to every answer."""

    def __init__(self, app: ASGIApp, csp: str) -> None:
        self.app = app
        self.headers = {
            "content-security-policy": csp,
            "x-content-type-options": "nosniff",
            "referrer-policy": "no-referrer",
            "x-frame-options": "DENY",
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
