"""The outermost layer of the app: security headers on every response, and an unexpected
error answered as the usual JSON 500 here, so the server neither drops the headers nor
closes the keep-alive connection (Starlette's own error layer re-raises, and uvicorn
then closes it)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import unexpected_error


class SecureResponses:
    """ASGI middleware: adds `headers` to every HTTP response and turns an exception
    raised before the response started into a JSON 500."""

    def __init__(self, app: ASGIApp, headers: dict[str, str]) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in headers.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, receive, send_secured)
        except Exception as exc:
            if started:  # part of the body is out: nothing better than closing remains
                raise
            response = unexpected_error(Request(scope), exc)
            await response(scope, receive, send_secured)
