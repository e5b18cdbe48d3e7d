"""The files of a page in every output format (`render.formats.FORMATS`), made by each
format's own maker as `build` makes them: a timed one (the PDF) in a worker process, so the
server keeps answering while it is made, and kept by fingerprint so an unchanged page is
made once.

The worker is started fresh ('spawn'), as the server has threads running, and ignores
Ctrl-C and SIGTERM, which the server handles for both; it is given the format itself (not
its name), so a format added to FORMATS is made like the others.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool

from ..render.formats import OutputFormat

if TYPE_CHECKING:
    from ..render.edition import Edition

KEPT = 12  # files kept in memory, the most recently asked for


class PrintFailed(Exception):
    """The file could not be made; the message says why."""


class Printer:
    """One worker process, started when the first timed file is asked for."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._stopping = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kept: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self._running: dict[tuple[str, str], asyncio.Future[bytes | str]] = {}

    async def make(self, fmt: OutputFormat, key: str, edition: Edition) -> bytes:
        """The file of `edition` in `fmt`, from the cache when `key` (a fingerprint of all
        it is made from) was made before."""
        kept = (fmt.name, key)
        if kept in self._kept:
            self._kept.move_to_end(kept)
            return self._kept[kept]
        if not fmt.timed:
            made = await run_in_threadpool(_make, fmt, edition)
        else:
            made = await self._in_worker(kept, fmt, edition)
        if isinstance(made, str):
            raise PrintFailed(made)
        self._kept[kept] = made
        while len(self._kept) > KEPT:
            self._kept.popitem(last=False)
        return made

    async def _in_worker(self, kept: tuple[str, str], fmt: OutputFormat, edition: Edition
                         ) -> bytes | str:
        running = self._running.get(kept)
        if running is None:
            loop = asyncio.get_running_loop()
            running = loop.run_in_executor(self._executor(), _make, fmt, edition)
            self._running[kept] = running
        self._loop = asyncio.get_running_loop()
        stopped = asyncio.ensure_future(self._stopping.wait())
        either: set[asyncio.Future[Any]] = {running, stopped}
        try:  # the file, or the server stopping: whichever comes first
            await asyncio.wait(either, return_when=asyncio.FIRST_COMPLETED)
            if not running.done():
                running.add_done_callback(_forget)
                raise PrintFailed("the preview was stopped before the file was made")
            return running.result()
        except BrokenProcessPool as exc:
            self._pool = None  # the worker died (out of memory, a crash): the next starts anew
            raise PrintFailed("the process making the file stopped unexpectedly") from exc
        finally:
            stopped.cancel()
            if running.done():
                self._running.pop(kept, None)

    def stop(self) -> None:
        """The server is stopping: every request waiting for a file is answered now."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._stopping.set)

    def close(self) -> None:
        """End the worker (without waiting for a file it is making) and wait until it has
        gone, so that nothing of it outlives the server."""
        if self._pool is not None:
            for process in list(self._pool._processes.values()):  # noqa: SLF001 - no other way
                process.kill()
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=1, initializer=_ignore_stops,
                                             mp_context=multiprocessing.get_context("spawn"))
        return self._pool


def _forget(future: asyncio.Future[bytes | str]) -> None:
    """A file no one waits for any more: its outcome (or the worker's end) is not an error
    to report."""
    if not future.cancelled():
        future.exception()


def _ignore_stops() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _make(fmt: OutputFormat, edition: Edition) -> bytes | str:
    """The file, or why it could not be made (in the worker, or in a thread)."""
    try:
        return fmt.make(edition)[0]
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - WeasyPrint stops a render with BaseException
        return f"{type(exc).__name__}: {exc}"
