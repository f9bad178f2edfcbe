"""The endpoint's guards at the HTTP level: the Host check (DNS rebinding), security headers,
deadlines for slow headers (slowloris), and the scratch folder a killed server leaves behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from starlette.datastructures import MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["HostCheck", "SecurityHeaders", "protocol", "scratch"]

_SCRATCH_PREFIX = "glocal-serve-"


class HostCheck:
    """Answer only requests whose ``Host`` names this endpoint (against DNS rebinding)."""

    def __init__(self, app: ASGIApp, names: frozenset[str] | None) -> None:
        self.app = app
        self.names = names

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.names is not None:
            host = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), "")
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name.lower().strip("[]") not in self.names:
                response = Response("the Host header does not name this endpoint; serve it with "
                                    "--allow-host NAME to answer to NAME\n", 400,
                                    media_type="text/plain; charset=utf-8")
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class SecurityHeaders:
    """Headers on every response: no sniffing, no framing, the page's own scripts only."""

    _HEADERS: ClassVar[dict[str, str]] = {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                                   "connect-src 'self'; img-src 'self'; base-uri 'none'; "
                                   "form-action 'self'; frame-ancestors 'none'",
    }

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in self._HEADERS.items():
                    headers.setdefault(key, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _TimedH11(H11Protocol):
    """uvicorn's h11 protocol, with a deadline for each request's headers: a client that opens
    a connection and sends nothing, or its headers a byte at a time, is cut off."""

    header_timeout: ClassVar[float] = 10.0
    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.header_timeout, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if self.cycle is None or self.cycle.response_complete:
            self.transport.close()

    def handle_events(self) -> None:
        super().handle_events()
        if self.cycle is not None and not self.cycle.response_complete:
            self._disarm()  # the headers are in: the body has its own deadline

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def protocol(header_timeout: float) -> type[H11Protocol]:
    return type("GlocalH11", (_TimedH11,), {"header_timeout": header_timeout})


@contextlib.contextmanager
def scratch() -> Iterator[Path]:
    """A temporary folder for the served copy of the data, removed on the way out.

    A server killed outright (SIGKILL) cannot remove it, so each holds a lock on its own
    folder while it runs, and the next ``glocal serve`` removes the folders nobody holds.
    """
    parent = Path(tempfile.gettempdir())
    for stale in parent.glob(_SCRATCH_PREFIX + "*"):
        with contextlib.suppress(OSError):
            fd = os.open(stale / ".lock", os.O_RDONLY)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # a live server's
            finally:
                os.close(fd)
            shutil.rmtree(stale, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix=_SCRATCH_PREFIX))
    lock = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        os.close(lock)
