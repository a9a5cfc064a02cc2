"""What every command of the CLI shares: errors as one line and an exit code, SIGTERM handled
as Ctrl-C is, messages and progress on stderr, the terminal's width, and the store opened for
a command. Both command groups (``quotes.cli`` and ``quotes.spark.cli``) import it; it imports
neither.

Everything printed here for eyes goes through ``quotes.terminal.visible``: a file name or a
reason can come from an article or a crawl, and must not drive the terminal.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import typer

from quotes.errors import QuotesError
from quotes.reading import nothing_read, skip_counts
from quotes.terminal import plural, visible

if TYPE_CHECKING:
    from quotes.ingest import Skip
    from quotes.store import Store

EXIT_ERROR = 1
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
EXIT_TERMINATED = 143  # 128 + SIGTERM
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what `cat` reports when its reader goes away
TABLE_WIDTH = None  # stdout that is not a terminal, without COLUMNS: no fitting, cells cut at 60


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, so that it unwinds as Ctrl-C does: workers shut
    down, transactions rolled back, temporary output removed."""


def catch_sigterm() -> None:
    """SIGTERM raises Terminated in this process. A process forked from this one (a worker of
    ``quotes.parallel``) dies of it quietly instead, as it would with no handler."""
    if signal.getsignal(signal.SIGTERM) is _on_sigterm:
        return
    try:
        signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave the default
        return
    global _main_pid
    _main_pid = os.getpid()


_main_pid = 0


def _on_sigterm(signum: int, frame: object) -> None:
    if os.getpid() != _main_pid:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)
        return
    raise Terminated()


def say(line: str) -> None:
    """A line on stderr, its control characters shown as escapes."""
    print(visible(line), file=sys.stderr, flush=True)


def error(message: str) -> None:
    say(f"error: {message}")


def warn(message: str) -> None:
    say(f"warning: {message}")


@contextmanager
def errors_to_exit() -> Iterator[None]:
    """The library's errors become one line on stderr and exit code 1; no traceback. Ctrl-C
    says "interrupted" and exits 130; SIGTERM says "terminated" and exits 143."""
    try:
        yield
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
    except QuotesError as problem:
        error(str(problem))
        raise typer.Exit(EXIT_ERROR) from None
    except BrokenPipeError:  # `quotes extract ... | head`: the reader has what it wanted
        _drop_stdout()
        raise typer.Exit(EXIT_BROKEN_PIPE) from None
    except OSError as problem:  # writing the rows: a full disk, a device that refuses them
        _drop_stdout()
        where = f" ({problem.filename})" if problem.filename else ""
        error(f"cannot write the output{where}: {problem.strerror or problem}; free some space or "
              "write elsewhere with --output")
        raise typer.Exit(EXIT_ERROR) from None
    except Terminated:
        say("terminated")
        raise typer.Exit(EXIT_TERMINATED) from None
    except KeyboardInterrupt:
        say("interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so that the rows still buffered are not written again, and
    fail again, when the interpreter exits."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real stdout (a test runner's): nothing to do
        pass


@contextmanager
def open_store(path: Path, *, must_exist: bool = False, lazy: bool = False) -> Iterator["Store"]:
    """The store at ``path``: one that must exist already for commands that read, or one
    created only once something is written to it (``lazy``) for commands that add."""
    from quotes.store import Store

    if must_exist and not path.exists():
        raise QuotesError(f"{path}: no such store; run `quotes add PATH...` first, or give --db")
    with Store(path, lazy=lazy) as store:
        yield store


def table_width() -> int | None:
    """The width tables fit: COLUMNS when set, else the terminal's when stdout is one; None
    (no fitting) for a pipe or file, where a line's length does not matter."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        if sys.stdout.isatty():
            return shutil.get_terminal_size().columns
    except (AttributeError, ValueError, OSError):
        pass
    return TABLE_WIDTH


class Progress:
    """What a run is doing, on stderr, only when it is a terminal and the run is long: each
    stage (reading, embedding, clustering, saving) with its count and rate, on one line that
    is rewritten. Counts the skips, for the summary at the end and for a run that read
    nothing."""

    REFRESH = 0.5  # seconds between rewrites of the line
    QUIET_START = 2.0  # a run shorter than this shows no progress at all

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.shown = 0.0
        self.line_open = False
        self.articles = self.quotes = 0
        self.live = _isatty(sys.stderr)
        self.skipped: Counter[str] = Counter()
        self.failed: Counter[str] = Counter()
        self.stage_name = "reading"
        self.stage_started = self.started

    def skip(self, skip: "Skip") -> None:
        (self.failed if skip.failed else self.skipped)[skip.reason] += 1

    def tick(self, quotes: int) -> None:
        """One more article read, with ``quotes`` quotes."""
        self.articles += 1
        self.quotes += quotes
        if self._due():
            rate = self.articles / max(time.monotonic() - self.stage_started, 1e-9)
            self._show(f"reading: {plural(self.articles, 'article')}, {plural(self.quotes, 'quote')}, "
                       f"{rate:.0f} articles/s")

    def stage(self, name: str, done: int, total: int) -> None:
        """``track``'s on_progress: ``done`` of ``total`` quotes through stage ``name``."""
        if name != self.stage_name:
            self.stage_name, self.stage_started = name, time.monotonic()
            self.shown = 0.0  # a new stage shows at once
        if self._due():
            elapsed = time.monotonic() - self.stage_started
            rate = f", {done / elapsed:.0f} quotes/s" if done and elapsed > 0.1 else ""
            self._show(f"{name}: {done} of {plural(total, 'quote')}{rate}")

    def warn(self, message: str) -> None:
        self._end_line()
        warn(message)

    def done(self, *, summary: bool = True) -> None:
        """End the progress line; with ``summary``, say what was skipped, if anything was."""
        self._end_line()
        counts = skip_counts(self.skipped, self.failed)
        if summary and counts:
            say(f"{plural(self.articles, 'article')} read; {counts}")

    def nothing_read(self) -> QuotesError | None:
        """The error for a run in which no article could be read, or None."""
        return None if self.articles else nothing_read(self.skipped, self.failed)

    def _due(self) -> bool:
        now = time.monotonic()
        return self.live and now - self.shown > self.REFRESH and now - self.started > self.QUIET_START

    def _show(self, line: str) -> None:
        self.shown = time.monotonic()
        self.line_open = True
        print(f"\r{visible(line)}\x1b[K", end="", file=sys.stderr, flush=True)

    def _end_line(self) -> None:
        if self.line_open:
            print(file=sys.stderr)
            self.line_open = False


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False
