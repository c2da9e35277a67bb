"""Every error the API returns is JSON: `{"error": short name, "detail": clear message}`."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ..errors import ConflictmapError, InputError, PipelineError, StoreError

log = logging.getLogger(__name__)

_NAMES = {400: "bad request", 401: "unauthorized", 403: "forbidden", 404: "not found",
          405: "method not allowed", 413: "payload too large", 422: "invalid input",
          429: "too many requests",
          500: "internal error", 503: "unavailable"}


class ApiError(HTTPException):
    """An HTTP error with a clear message; rendered as `{"error", "detail"}`."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(status_code=status, detail=detail, headers=headers)


def error_body(status: int, detail: Any) -> dict[str, Any]:
    return {"error": _NAMES.get(status, "error"), "detail": detail}


def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    detail = exc.detail
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"no such resource: {request.method} {request.url.path}"
    elif exc.status_code == 405 and detail == "Method Not Allowed":
        detail = f"{request.method} is not allowed on {request.url.path}"
    return JSONResponse(error_body(exc.status_code, detail), status_code=exc.status_code,
                        headers=getattr(exc, "headers", None))


def _describe(err: dict[str, Any]) -> str:
    where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
    return f"{where}: {err.get('msg', 'invalid value')}" if where else str(err.get("msg"))


def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    detail = "; ".join(_describe(e) for e in exc.errors())
    return JSONResponse(error_body(400, detail), status_code=400)


def _library_error(request: Request, exc: Exception) -> JSONResponse:
    status = 500
    if isinstance(exc, InputError):
        status = 400
    elif isinstance(exc, (StoreError, PipelineError)):
        status = 503
    return JSONResponse(error_body(status, str(exc)), status_code=status)


def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return JSONResponse(error_body(500, f"the server failed to answer {request.method} "
                                        f"{request.url.path} ({type(exc).__name__}); "
                                        "see the server log"), status_code=500)


ERROR_SCHEMA = {"type": "object", "required": ["error", "detail"], "properties": {
    "error": {"type": "string", "description": "Short name of the status"},
    "detail": {"description": "What went wrong, naming the input"}}}
# Error statuses each route can answer, besides 500 and 503 (store unavailable) on all.
_ROUTE_ERRORS = {("post", "/articles"): ("400", "401", "403", "413", "429")}


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Replace FastAPI's 422 validation responses by the statuses the API really answers
    (400 for a bad parameter or body), each with the `{"error", "detail"}` body."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    components["Error"] = ERROR_SCHEMA
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)
            codes = list(_ROUTE_ERRORS.get((method, path), ()))
            if operation.get("parameters") or operation.get("requestBody"):
                codes.append("400")
            if "{" in path:
                codes.append("404")
            for code in sorted({*codes, "500", "503"}):
                responses[code] = {"description": _NAMES[int(code)], "content": ref}
    return schema


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(Exception, unexpected_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(ConflictmapError, _library_error)
