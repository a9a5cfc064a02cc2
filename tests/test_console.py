"""quotes.console: progress lines on a terminal, the table width, errors as exit codes."""

from __future__ import annotations

import pytest
import typer

from quotes import console
from quotes.errors import QuotesError
from quotes.ingest import Skip
from quotes.terminal import plural


@pytest.fixture
def terminal(monkeypatch, capsys):
    """stderr taken for a terminal, and progress shown at once, every time."""
    monkeypatch.setattr(console, "_isatty", lambda stream: True)
    monkeypatch.setattr(console.Progress, "QUIET_START", -1.0)
    monkeypatch.setattr(console.Progress, "REFRESH", -1.0)
    return capsys


def test_progress_shows_each_stage_in_the_users_words(terminal) -> None:
    progress = console.Progress()
    progress.tick(1)
    progress.stage("embedding", 0, 10)
    progress.stage("embedding", 10, 10)
    progress.stage("clustering", 0, 1)
    progress.done()
    lines = terminal.readouterr().err.split("\r")[1:]
    assert lines[0].startswith("reading: 1 article, 1 quote, ")
    assert lines[1] == "embedding: 0 of 10 quotes\x1b[K"
    assert lines[2] == "embedding: 10 of 10 quotes\x1b[K"  # a rate once the stage has run 0.1 s
    assert lines[3] == "clustering: 0 of 1 quote\x1b[K\n"  # the line ends when the run does


def test_no_progress_when_stderr_is_not_a_terminal(monkeypatch, capsys) -> None:
    monkeypatch.setattr(console.Progress, "QUIET_START", -1.0)
    progress = console.Progress()
    progress.tick(3)
    progress.stage("embedding", 1, 3)
    progress.done()
    assert capsys.readouterr().err == ""


def test_the_summary_counts_quiet_skips_too(terminal) -> None:
    progress = console.Progress()
    progress.live = False
    progress.tick(2)
    progress.skip(Skip("a.pdf", "not an article file", failed=False, quiet=True))
    progress.skip(Skip("b.jsonl:3", "not valid JSON"))
    progress.done()
    assert terminal.readouterr().err == "1 article read; 1 skipped (1 not an article file); 1 failed (1 not valid JSON)\n"


def test_nothing_read_names_the_reasons() -> None:
    progress = console.Progress()
    progress.skip(Skip("a.png", "not an article file", failed=False, quiet=True))
    assert str(progress.nothing_read()) == "no article could be read: 1 skipped (1 not an article file)"
    progress.tick(0)
    assert progress.nothing_read() is None


@pytest.mark.parametrize(("columns", "width"), [("80", 80), ("132", 132), ("", None), ("x", None), ("0", None)])
def test_table_width_without_a_terminal(monkeypatch, columns: str, width: int | None) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    assert console.table_width() == width


@pytest.mark.parametrize(
    ("raised", "code", "line"),
    [
        (QuotesError("bad \x1b[2J thing"), 1, "error: bad ^[[2J thing\n"),
        (KeyboardInterrupt(), 130, "interrupted\n"),
        (console.Terminated(), 143, "terminated\n"),
    ],
)
def test_errors_to_exit(capsys, raised: BaseException, code: int, line: str) -> None:
    with pytest.raises(typer.Exit) as caught:
        with console.errors_to_exit():
            raise raised
    assert caught.value.exit_code == code
    assert capsys.readouterr().err == line


def test_plural() -> None:
    assert [plural(n, "article") for n in (0, 1, 2)] == ["0 articles", "1 article", "2 articles"]


# --- the output's reader goes away, or its disk is full: a word and an exit code, no traceback

import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

DEV_TEXTS = Path(__file__).resolve().parent / "data" / "polnear" / "dev" / "text"


def _extract_tsv(stdout: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "quotes", "extract", str(DEV_TEXTS), "-f", "tsv", "--jobs", "1"],
                          stdout=stdout, stderr=subprocess.PIPE, timeout=120)


def test_a_reader_that_stops_early_ends_the_run_quietly() -> None:
    run = subprocess.Popen([sys.executable, "-m", "quotes", "extract", str(DEV_TEXTS), "-f", "tsv", "--jobs", "1"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert run.stdout.readline().startswith(b"article\toutlet")
    run.stdout.close()  # as `| head -1` does
    stderr = run.stderr.read()
    assert run.wait(timeout=120) == console.EXIT_BROKEN_PIPE
    assert b"Traceback" not in stderr and b"BrokenPipe" not in stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_on_stdout_is_one_error_line() -> None:
    with open("/dev/full", "wb") as full:
        run = _extract_tsv(full)
    assert run.returncode == 1
    lines = run.stderr.decode().splitlines()
    assert lines == ["error: cannot write the output: No space left on device; free some space or "
                     "write elsewhere with --output"]
