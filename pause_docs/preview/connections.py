"""How the preview's server listens (a clear error for a busy port), treats connections and
stops: a client that opens a connection and never finishes its request is let go, and a
stop (Ctrl-C or SIGTERM) ends the server cleanly, however busy it is — no traceback, no
leaked worker.

- A connection must send its request's headers within `HEADER_TIMEOUT` seconds of opening
  (or of its last response); one idle after a response is closed after `IDLE_TIMEOUT`
  (uvicorn's keep-alive timeout). So half-open connections cannot pile up.
- SIGTERM stops the server as Ctrl-C does: uvicorn stops, then raises the signal again,
  which here ends `run` normally (Python's own clean-up runs: the worker process and its
  semaphores are released) instead of killing the process where it stands.
- A request still running when the server stops (a page being rendered) is answered
  "503: the preview stopped" instead of ending in a `CancelledError` traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import signal
import socket
import threading
from collections.abc import Callable, Iterator

import h11
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from ..source.errors import ProjectError

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")
HEADER_TIMEOUT = 10.0  # seconds for a request's headers to arrive whole
IDLE_TIMEOUT = 5  # seconds a connection may stay open with nothing asked


class TimedConnection(H11Protocol):
    """uvicorn's HTTP/1.1 connection, closed when its request's headers are late."""

    _headers_due: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._wait_for_headers()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._wait_for_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._headers_due is not None:
            self._headers_due.cancel()
        super().connection_lost(exc)

    def _wait_for_headers(self) -> None:
        if self._headers_due is not None:
            self._headers_due.cancel()
        self._headers_due = self.loop.call_later(HEADER_TIMEOUT, self._headers_late)

    def _headers_late(self) -> None:
        """No whole request since the connection opened or last answered: close it (a
        request being answered, or sending its body, is left alone)."""
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


class QuietStop:
    """ASGI middleware: a request cut short because the server is stopping is answered 503
    (if nothing was sent yet) rather than raising `CancelledError` into uvicorn's log."""

    def __init__(self, app: ASGIApp, stopping: Callable[[], bool]) -> None:
        self.app = app
        self.stopping = stopping

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except asyncio.CancelledError:
            if not self.stopping():
                raise
            if scope["type"] == "http" and not started:
                with contextlib.suppress(Exception):
                    await send({"type": "http.response.start", "status": 503,
                                "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
                    await send({"type": "http.response.body",
                                "body": b"The preview stopped before this was made.\n"})


class StoppedBySignal(Exception):  # noqa: N818 - what happened, not an error
    """SIGTERM, raised again by uvicorn once it has stopped cleanly."""


def _stopped(signum: int, frame: object) -> None:
    raise StoppedBySignal


@contextlib.contextmanager
def stopping_cleanly() -> Iterator[None]:
    """While the server runs, SIGTERM ends it as Ctrl-C does: cleanly, not by the signal's
    default action (which skips every clean-up)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _stopped)
    try:
        yield
    except (KeyboardInterrupt, StoppedBySignal):  # uvicorn raises the signal again when done
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on host:port (port 0: any free one)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host.strip("[]"), port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise ProjectError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(64)
    except OSError as exc:
        sock.close()
        hint = " (is pause-docs serve already running? try --port)" if port else ""
        raise ProjectError(f"cannot listen on {host}:{port}: {exc.strerror or exc}{hint}"
                           ) from exc
    return sock


def address(sock: socket.socket) -> str:
    """The web address of the index served on `sock`."""
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"
