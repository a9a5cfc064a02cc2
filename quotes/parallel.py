"""Extraction over several processes: each article with its quotes, in input order.

Articles are read in the calling process and sent to the workers in chunks; the workers only
run ``quotes_in`` and send the quotes back, so whatever writes the results (a store, a file)
stays in the caller. At most ``IN_FLIGHT`` chunks per worker are out at a time, so memory
stays bounded however long the input. The results are those of ``jobs=1`` in content and
order, errors included: the articles before a bad one come out, then its exception.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import forkserver
from multiprocessing.connection import wait

from quotes.errors import QuotesError
from quotes.extract import statements_in
from quotes.types import Article, Quote

CHUNK = 64  # articles per task: about 0.2 s of work, so pickling and queueing stay a small part
IN_FLIGHT = 2  # chunks out per worker: one being worked on and one waiting, so none idles
THREADS = "/proc/self/task"  # one entry per thread of this process, on Linux

Extracted = Iterator[tuple[Article, list[Quote]]]


def job_count(jobs: int | None) -> int:
    """How many processes ``jobs`` asks for: every core this process may run on when None."""
    if jobs is None:
        return getattr(os, "process_cpu_count", os.cpu_count)() or 1
    if jobs < 1:
        raise QuotesError(f"--jobs {jobs}: give 1 or more processes (1 runs in this process)")
    return jobs


def extracted(articles: Iterable[Article], *, jobs: int | None = 1, chunk: int = CHUNK,
              indirect: bool = False) -> Extracted:
    """Each article with ``quotes_in(article)``, in input order, over ``jobs`` processes
    (every core when None); with ``indirect``, its reported statements follow its quotes
    (``extract.statements_in``).

    ``jobs=1`` runs here, with no processes. An input shorter than one chunk is also done
    here: starting processes would cost more than they save. Close the iterator (or let it
    go) to stop early: the pool is shut down and queued chunks are dropped. A script that
    asks for more than one job needs the ``if __name__ == "__main__":`` guard, as with any
    use of multiprocessing: workers may start by importing it.
    """
    jobs = job_count(jobs)
    if jobs == 1:
        return _here(articles, indirect)
    return _pooled(articles, jobs, chunk, indirect)


def _here(articles: Iterable[Article], indirect: bool = False) -> Extracted:
    return ((article, statements_in(article, indirect=indirect)) for article in articles)


def _pooled(articles: Iterable[Article], jobs: int, size: int, indirect: bool = False) -> Extracted:
    failed: list[Exception] = []  # a reading error, raised once the articles before it are out
    chunks = _chunks(articles, size, failed)
    first = next(chunks, [])
    if len(first) < size:  # the whole input: quicker here than in processes yet to start
        yield from _here(first, indirect)
    else:
        yield from _in_processes(itertools.chain([first], chunks), jobs, indirect)
    if failed:
        raise failed[0]


def _chunks(articles: Iterable[Article], size: int, failed: list[Exception]) -> Iterator[list[Article]]:
    """Lists of ``size`` articles; an error in reading ends them after the articles read before
    it, and is put in ``failed``, so that those articles come out first, as with ``jobs=1``."""
    chunk: list[Article] = []
    try:
        for article in articles:
            chunk.append(article)
            if len(chunk) == size:
                yield chunk
                chunk = []
    except Exception as error:
        failed.append(error)
    if chunk:
        yield chunk


def _in_processes(chunks: Iterable[list[Article]], jobs: int, indirect: bool = False) -> Extracted:
    method = _start_method()
    if method == "forkserver":
        _start_forkserver()
    pool = ProcessPoolExecutor(jobs, mp_context=_context(method), initializer=_start_worker)
    pending: deque[tuple[list[Article], Future[list[list[Quote]]]]] = deque()
    try:
        for chunk in chunks:
            pending.append((chunk, pool.submit(_quotes_of, chunk, indirect)))
            if len(pending) >= IN_FLIGHT * jobs:
                yield from _results(*pending.popleft(), indirect)
        while pending:
            yield from _results(*pending.popleft(), indirect)
    finally:  # also on Ctrl-C, an error, or a caller that stops early: drop what is queued
        pool.shutdown(cancel_futures=True)


def _results(chunk: list[Article], future: Future[list[list[Quote]]], indirect: bool = False) -> Extracted:
    try:
        found = future.result()
    except Exception as error:  # an article's error, or the pool's (a worker killed)
        failure = error
    else:
        yield from zip(chunk, found)
        return
    # Redone here, the articles before the failing one come out and its exception is raised
    # from this process with its own traceback, exactly as with jobs=1.
    yield from _here(chunk, indirect)
    raise failure  # the articles were fine: it was the pool that failed


def _quotes_of(chunk: list[Article], indirect: bool = False) -> list[list[Quote]]:
    """The work of one task, in a worker."""
    return [statements_in(article, indirect=indirect) for article in chunk]


def _start_method() -> str:
    """How workers start. A fork of this process is quickest (about 0.5 s less than a server
    that imports this module first), and safe while it runs one thread: with more (a loaded
    model's, say), one may hold a lock that the forked child then waits on for ever."""
    if sys.platform == "linux" and len(os.listdir(THREADS)) == 1:
        return "fork"
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def _context(method: str) -> multiprocessing.context.BaseContext:
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["__main__", __name__])  # imported once, not in every worker
    return context


def _start_forkserver() -> None:
    """Start the fork server (if it is not running) on this process's ``sys.path``.

    The server imports this module and ``__main__`` once for every worker, so it must find the
    modules this process found. Started as ``python -c``, it would put its working directory
    first on ``sys.path`` instead, and a ``quotes/`` folder there (a checkout, a results
    folder) would be imported in place of this package. Spawned workers get the parent's
    path the same way (``multiprocessing.spawn.prepare``); the server only reads it from the
    environment, so the environment is set for the start and then restored.
    """
    path = [entry or os.getcwd() for entry in sys.path]  # "" is the working directory
    saved = {name: os.environ.get(name) for name in ("PYTHONSAFEPATH", "PYTHONPATH")}
    os.environ["PYTHONSAFEPATH"] = "1"  # no working directory (nor script folder) first
    os.environ["PYTHONPATH"] = os.pathsep.join(path)
    try:
        forkserver.ensure_running()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _start_worker() -> None:
    """Ctrl-C reaches every process of the terminal: the parent handles it and shuts the pool
    down, so a worker ignores it. A worker ends with its parent, even a killed one, instead of
    waiting on its queue for ever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()  # never None in a worker
    threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()


def _exit_with(sentinel: int) -> None:
    wait([sentinel])
    os._exit(1)
