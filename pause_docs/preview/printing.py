"""PDFs for the preview, made in a worker process so the server keeps answering while one is
made, and kept by fingerprint so an unchanged page is printed once.

The worker calls `pdf.render_pdf`, the same safe, deterministic printing `build` uses; it is
started fresh ('spawn'), as the server has threads running, and ignores Ctrl-C, which the
server handles for both.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

KEPT = 12  # PDFs kept in memory, the most recently asked for


class PrintFailed(Exception):
    """The page could not be printed; the message says why."""


class Printer:
    """One worker process, started when the first PDF is asked for."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._kept: OrderedDict[str, bytes] = OrderedDict()
        self._running: dict[str, asyncio.Future[bytes | str]] = {}

    async def pdf(self, key: str, html: str, asset_root: Path, epoch: int,
                  files: dict[str, str] | None = None) -> bytes:
        """The PDF of `html` (with `files` beside it: the logo), from the cache when `key`
        was printed before."""
        if key in self._kept:
            self._kept.move_to_end(key)
            return self._kept[key]
        running = self._running.get(key)
        if running is None:
            loop = asyncio.get_running_loop()
            running = loop.run_in_executor(self._executor(), _print, html, asset_root, epoch,
                                           files or {})
            self._running[key] = running
        try:
            made = await asyncio.shield(running)
        except BrokenProcessPool as exc:
            self._pool = None  # the worker died (out of memory, a crash): the next starts anew
            raise PrintFailed("the process making the PDF stopped unexpectedly") from exc
        finally:
            if running.done():
                self._running.pop(key, None)
        if isinstance(made, str):
            raise PrintFailed(made)
        self._kept[key] = made
        while len(self._kept) > KEPT:
            self._kept.popitem(last=False)
        return made

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=1, initializer=_ignore_interrupts,
                                             mp_context=multiprocessing.get_context("spawn"))
        return self._pool


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _print(html: str, asset_root: Path, epoch: int, files: dict[str, str]) -> bytes | str:
    """In the worker: the PDF, or why it could not be made."""
    from ..render.pdf import render_pdf

    try:
        return render_pdf(html, asset_root, epoch, files)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - WeasyPrint stops a render with BaseException
        return f"{type(exc).__name__}: {exc}"
