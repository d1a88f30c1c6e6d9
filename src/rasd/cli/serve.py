"""``rasd serve``: the API and the dashboard over the store, on 127.0.0.1 by default."""

from __future__ import annotations

import threading
import webbrowser
from pathlib import Path

import click

from rasd.cli.store_options import db_option

WILDCARD_HOSTS = ("0.0.0.0", "::", "")


@click.command()
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Another address than loopback exposes the server: reads "
    "from other machines then need a token (see --open-reads).",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--demo",
    is_flag=True,
    help="Serve a demo store built from the sample articles (out/demo.db) and print a "
    "write token for it.",
)
@click.option(
    "--demo-source",
    multiple=True,
    type=click.Path(path_type=Path),
    default=(Path("samples"),),
    show_default=True,
    help="Articles the demo store is built from.",
)
@click.option("--rebuild", is_flag=True, help="Build the demo store again.")
@click.option("--open", "open_browser", is_flag=True, help="Open the dashboard in a browser.")
@click.option("--open-reads", is_flag=True, help="Let any client read without a token.")
@click.option(
    "--tiles",
    metavar="URL",
    help="Opt-in online tile layer under the map, e.g. "
    "https://tile.openstreetmap.org/{z}/{x}/{y}.png (the page is offline without it).",
)
@click.option("--tile-attribution", metavar="TEXT", help="Credit line of the tile layer.")
def serve(
    db: str | None,
    host: str,
    port: int,
    demo: bool,
    demo_source: tuple[Path, ...],
    rebuild: bool,
    open_browser: bool,
    open_reads: bool,
    tiles: str | None,
    tile_attribution: str | None,
) -> None:
    """Serve the API (/api, OpenAPI at /api/openapi.json) and the dashboard (/)."""
    import uvicorn

    from rasd.api.app import LOOPBACK_NAMES, Settings, create_app
    from rasd.api.demo import build_demo_store, demo_token
    from rasd.store import Store

    if tiles and not tiles.startswith("https://"):
        raise click.BadParameter("the tile URL must start with https://", param_hint="--tiles")
    if demo:
        click.echo("rasd serve: building the demo store…", err=True)
        db = build_demo_store(sources=demo_source, rebuild=rebuild)
    store = Store.open(db)
    if demo:
        click.echo(f"rasd serve: demo write token (reviewer 'demo'): {demo_token(store)}", err=True)
    hosts = ("*",) if host in WILDCARD_HOSTS else tuple(dict.fromkeys((*LOOPBACK_NAMES, host)))
    settings = Settings(
        open_reads=open_reads, hosts=hosts, tiles=tiles, tile_attribution=tile_attribution
    )
    url = f"http://{'127.0.0.1' if host in WILDCARD_HOSTS else host}:{port}/"
    click.echo(f"rasd serve: dashboard at {url}", err=True)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    try:
        uvicorn.run(create_app(store, settings), host=host, port=port, log_level="warning")
    finally:
        store.close()
