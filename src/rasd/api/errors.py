"""Error answers: a JSON ``{"detail": message}`` with the status that says what went wrong.

FastAPI answers invalid parameters with 422; the API answers 400 (the request is wrong)
with a message that names each bad parameter, and the OpenAPI document says so.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from rasd.store import NotReviewableError, StoreBusyError, TokenError, UnknownRecordError


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(UnknownRecordError, _status(404))
    app.add_exception_handler(NotReviewableError, _status(400))
    app.add_exception_handler(TokenError, _status(400))
    app.add_exception_handler(StoreBusyError, _status(503))


def _invalid(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [_plain(error) for error in exc.errors()]
    detail = "; ".join(f"{e['where']}: {e['message']}" for e in errors) or "invalid request"
    return JSONResponse({"detail": detail, "errors": errors}, status_code=400)


def _plain(error: Any) -> dict[str, Any]:
    """A validation error as JSON: where (``query.limit``), message and the bad input."""
    where = ".".join(str(part) for part in error.get("loc", ()))
    out: dict[str, Any] = {"where": where or "request", "message": error.get("msg", "invalid")}
    given = error.get("input")
    if isinstance(given, str | int | float | bool) and where.startswith(("query", "path")):
        out["input"] = given
    return out


def _status(code: int) -> Any:
    def handle(_request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=code)

    return handle


def openapi_with_400(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI document without FastAPI's 422 answers: the routes document
    this API's 400 (rasd.api.records.ERRORS) instead."""
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi

    schema = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            operation.get("responses", {}).pop("422", None)
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    app.openapi_schema = schema
    return schema
