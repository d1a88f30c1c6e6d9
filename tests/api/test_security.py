"""Tokens, who may read, the bind address, hostile text and the page's headers."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner
from starlette.testclient import TestClient

from rasd.api.app import Settings
from rasd.cli.main import main
from rasd.cli.serve import serve
from rasd.store import Store
from rasd.web import STATIC_DIR

REMOTE = ("203.0.113.9", 40000)


def test_writes_need_a_live_token(api: TestClient, store: Store) -> None:
    path = "/api/events/hostile-1"
    body = {"fields": {"fatalities": 6}}
    missing = api.patch(path, json=body)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    assert (
        api.patch(path, json=body, headers={"Authorization": "Bearer rasd_guess"}).status_code
        == 403
    )
    secret = store.create_token("omar")
    good = {"Authorization": f"Bearer {secret}"}
    assert api.patch(path, json=body, headers=good).status_code == 200
    assert store.revoke_token("omar")
    assert api.post("/api/events/hostile-1/confirm", headers=good).status_code == 403
    assert [r["who"] for r in store.iter_reviews("event:hostile-1")] == ["omar"]


def test_every_write_route_refuses_without_token(api: TestClient) -> None:
    document = api.get("/api/openapi.json").json()
    writes = [
        (method, path)
        for path, operations in document["paths"].items()
        for method in operations
        if method in ("post", "patch", "put", "delete")
    ]
    assert len(writes) == 8
    for method, path in writes:
        url = path.replace("{record_id}", "hostile-1")
        response = api.request(method.upper(), url, json={})
        assert response.status_code == 401, (method, path, response.text)


def test_tokens_are_stored_hashed(store: Store) -> None:
    secret = store.create_token("lina")
    database = store.engine.url.database
    assert database is not None
    with sqlite3.connect(database) as raw:
        rows = raw.execute("SELECT name, digest FROM api_tokens").fetchall()
    assert rows == [("lina", hashlib.sha256(secret.encode()).hexdigest())]
    assert secret.encode() not in Path(database).read_bytes()
    assert store.token_owner(secret) == "lina"


def test_reads_from_other_machines_need_a_token(
    make_api: Callable[..., TestClient], store: Store
) -> None:
    remote = make_api(client=REMOTE)
    assert remote.get("/api/incidents").status_code == 401
    assert remote.get("/").status_code == 200  # the page itself holds no data
    headers = {"Authorization": f"Bearer {store.create_token('field-team')}"}
    assert remote.get("/api/incidents", headers=headers).status_code == 200
    assert make_api(client=REMOTE, open_reads=True).get("/api/incidents").status_code == 200


def test_only_known_host_names_are_answered(api: TestClient) -> None:
    assert api.get("/api/config").status_code == 200
    assert api.get("/api/config", headers={"Host": "evil.example"}).status_code == 400


def test_page_and_api_send_a_strict_content_security_policy(api: TestClient) -> None:
    for path in ("/", "/api/incidents", "/static/main.js"):
        policy = api.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "object-src 'none'" in policy
        assert "unsafe-inline" not in policy


def test_tile_layer_is_opt_in(make_api: Callable[..., TestClient]) -> None:
    plain = make_api().get("/api/config").json()
    assert plain["tiles"] is None
    tiled = make_api(tiles="https://tiles.example.org/{z}/{x}/{y}.png")
    assert tiled.get("/api/config").json()["tiles"].startswith("https://tiles.example.org/")
    assert (
        "img-src 'self' data: https://tiles.example.org"
        in tiled.get("/").headers["content-security-policy"]
    )


def test_article_markup_comes_back_as_data(api: TestClient) -> None:
    detail = api.get("/api/events/hostile-1").json()
    assert "<script>window.__xss = 1</script>" in detail["article"]["text"]
    assert detail["article"]["outlet"] == "<b>Outlet</b>"


def test_the_page_never_parses_data_as_html() -> None:
    sources = "\n".join(p.read_text(encoding="utf-8") for p in STATIC_DIR.glob("*.js"))
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", sources)
    assert "style=" not in (STATIC_DIR / "index.html").read_text(encoding="utf-8")


def test_serve_binds_loopback_unless_told() -> None:
    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"
    assert Settings().hosts == ("127.0.0.1", "localhost", "::1", "[::1]")


def test_token_commands(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path}/t.db"
    runner = CliRunner()
    created = runner.invoke(main, ["token", "create", "rana", "--db", db])
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip()
    assert secret.startswith("rasd_")
    with Store.open(db) as store:
        assert store.token_owner(secret) == "rana"
    again = runner.invoke(main, ["token", "create", "rana", "--db", db])
    assert again.exit_code == 1 and "already has a token" in again.output
    listed = runner.invoke(main, ["token", "list", "--db", db])
    assert listed.stdout.startswith("rana\t") and secret not in listed.output
    assert runner.invoke(main, ["token", "revoke", "rana", "--db", db]).exit_code == 0
    assert runner.invoke(main, ["token", "revoke", "rana", "--db", db]).exit_code == 1
    with Store.open(db) as store:
        assert store.token_owner(secret) is None
    assert runner.invoke(main, ["token", "create", " ", "--db", db]).exit_code == 1
