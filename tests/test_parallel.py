"""Extraction over processes (`--jobs`): the same rows as one process, in order, errors included."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes import parallel, track
from quotes.cli import app
from quotes.errors import QuotesError
from quotes.ingest import read_articles
from quotes.parallel import extracted
from quotes.store import Store
from quotes.types import Article
from helpers import WordEncoder

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
POLNEAR_DEV = ROOT / "tests" / "data" / "polnear" / "dev"  # shipped: see its README

try:  # click < 8.2 mixes stderr into stdout unless told not to; 8.2+ always keeps it apart
    runner = CliRunner(mix_stderr=False)
except TypeError:
    runner = CliRunner()

TEXTS = [
    '"We will not retreat," the minister said. He added: "Talks go on."',
    "No quotes at all in this one.",
    'According to Reuters, "the deal is done." "It was hard," said Maria Lopez.',
    'Smith called it a "strategic" move. "I disagree," Jones told reporters.',
    '"First,\n\n"Second paragraph of it," she said.',
]


def articles() -> list[Article]:
    """The seeds, a few short texts, and a long one last: its chunk finishes after the others'."""
    texts = [Article(id=f"text{i}", text=text) for i, text in enumerate(TEXTS)]
    long = Article(id="long", text="\n\n".join(TEXTS * 40))
    return [*read_articles([SEEDS]), *texts, long]


def make_corpus(folder: Path, copies: int) -> Path:
    """More articles than one chunk (64), so that `--jobs 2` really starts processes."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    folder.mkdir()
    for index in range(copies):
        (folder / f"{index:04d}.txt").write_text(f"Edition {index}\n\n{texts[index % 2]}", encoding="utf-8")
    return folder


def collected(found) -> tuple[list[tuple[str, list]], Exception | None]:
    """(article id, quotes) as they come out, and the exception that ended them, if any."""
    out = []
    try:
        for article, quotes in found:
            out.append((article.id, quotes))
    except Exception as error:
        return out, error
    return out, None


@pytest.fixture(params=["fork", "forkserver", "spawn"])
def start_method(request, monkeypatch) -> str:
    if request.param not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {request.param} start method here")
    monkeypatch.setattr(parallel, "_start_method", lambda: request.param)
    return request.param


def test_two_jobs_give_the_quotes_of_one_in_order(start_method: str) -> None:
    one, _ = collected(extracted(articles(), jobs=1))
    two, _ = collected(extracted(articles(), jobs=2, chunk=2))
    assert [article for article, _ in two] == [a.id for a in articles()]
    assert two == one
    assert sum(len(quotes) for _, quotes in one) > 100


def test_two_jobs_run_in_other_processes_and_stop_with_the_iterator() -> None:
    found = extracted(articles(), jobs=2, chunk=2)
    next(found)
    assert len(multiprocessing.active_children()) == 2
    found.close()
    assert multiprocessing.active_children() == []


def test_one_job_or_a_short_input_starts_no_process() -> None:
    for found in (extracted(articles(), jobs=1), extracted(articles()[:3], jobs=2, chunk=4)):
        next(found)
        assert multiprocessing.active_children() == []


def test_a_worker_error_comes_after_the_articles_before_it() -> None:
    # text=None breaks quotes_in inside the worker, as a bug would
    inputs = [*articles()[:3], Article(id="bad", text=None), *articles()[3:]]  # type: ignore[arg-type]
    one, error_one = collected(extracted(inputs, jobs=1))
    two, error_two = collected(extracted(inputs, jobs=2, chunk=2))
    assert [article for article, _ in two] == [a.id for a in inputs[:3]]
    assert two == one
    assert type(error_two) is type(error_one) is TypeError and str(error_two) == str(error_one)


def test_a_reading_error_comes_after_the_articles_read_before_it(tmp_path: Path) -> None:
    folder = make_corpus(tmp_path / "in", 7)
    (folder / "0004b.txt").write_text("", encoding="utf-8")  # empty: an error with strict
    read = lambda: read_articles([folder], strict=True)  # noqa: E731
    one, error_one = collected(extracted(read(), jobs=1))
    two, error_two = collected(extracted(read(), jobs=2, chunk=2))
    assert [article for article, _ in two] == ["0000", "0001", "0002", "0003", "0004"]
    assert two == one
    assert isinstance(error_two, QuotesError) and str(error_two) == str(error_one)


@pytest.mark.parametrize("jobs", [0, -2])
def test_fewer_than_one_job_is_a_clear_error(jobs: int) -> None:
    with pytest.raises(QuotesError, match=f"--jobs {jobs}: give 1 or more"):
        extracted(articles(), jobs=jobs)


def test_every_core_by_default() -> None:
    assert parallel.job_count(None) == (getattr(os, "process_cpu_count", os.cpu_count)() or 1)
    assert parallel.job_count(3) == 3


# ---------------------------------------------------------------------------- command line


def invoke(*args: object):
    result = runner.invoke(app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {result.exception!r}\n{result.output}") from result.exception
    return result


@pytest.mark.parametrize("corpus", ["seeds", "150 articles"])
def test_extract_with_two_jobs_prints_what_one_job_prints(corpus: str, tmp_path: Path) -> None:
    path = SEEDS if corpus == "seeds" else make_corpus(tmp_path / "corpus", 150)
    one = invoke("extract", path, "--format", "tsv", "--jobs", 1)
    two = invoke("extract", path, "--format", "tsv", "-j", 2)
    assert one.exit_code == two.exit_code == 0
    assert two.stdout == one.stdout and one.stdout.count("\n") > 30


@pytest.mark.parametrize("command", ["extract", "add"])
@pytest.mark.parametrize("jobs", ["0", "-1"])
def test_fewer_than_one_job_is_one_error_line(command: str, jobs: str, tmp_path: Path) -> None:
    result = invoke(command, SEEDS, "--jobs", jobs, *(["--db", tmp_path / "q.db"] if command == "add" else []))
    assert result.exit_code == 1
    assert result.stderr == f"error: --jobs {jobs}: give 1 or more processes (1 runs in this process)\n"
    assert not (tmp_path / "q.db").exists()


def test_add_with_two_jobs_stores_what_one_job_stores(tmp_path: Path, dump, monkeypatch) -> None:
    monkeypatch.setattr("quotes.embed.load_encoder", lambda model=None: WordEncoder())
    corpus = make_corpus(tmp_path / "corpus", 70)
    for jobs in (1, 2):
        result = invoke("add", SEEDS, corpus, "--db", tmp_path / f"{jobs}.db", "--jobs", jobs)
        assert result.exit_code == 0 and result.stdout.startswith("72 articles added"), result.output
    assert dump(tmp_path / "2.db") == dump(tmp_path / "1.db")


def test_track_add_with_two_jobs_stores_what_one_job_stores(tmp_path: Path, dump) -> None:
    corpus = make_corpus(tmp_path / "corpus", 70)
    ticks: dict[int, list[int]] = {1: [], 2: []}
    for jobs in (1, 2):
        with Store(tmp_path / f"{jobs}.db") as store:
            track.add([corpus], store, encoder=WordEncoder(), jobs=jobs, on_article=ticks[jobs].append)
    assert dump(tmp_path / "2.db") == dump(tmp_path / "1.db")
    assert ticks[2] == ticks[1] and len(ticks[1]) == 70  # once per article, in order


def started_extract(corpus: Path) -> subprocess.Popen:
    """`quotes extract --jobs 2` in a process group of its own, once its first row is out."""
    process = subprocess.Popen(
        [sys.executable, "-m", "quotes", "extract", corpus, "--format", "tsv", "--jobs", "2"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    process.stdout.readline()  # rows are coming; unread, they fill the pipe and the run waits
    return process


def group_ends(group: int, seconds: float) -> bool:
    """Whether every process of the group is gone within ``seconds``; if not, they are killed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    os.killpg(group, signal.SIGKILL)
    return False


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")
def test_ctrl_c_stops_every_process_with_one_line(tmp_path: Path) -> None:
    process = started_extract(make_corpus(tmp_path / "corpus", 3000))
    time.sleep(3)  # so the workers finish their chunks and wait for more: idle, as often
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: to the whole process group
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr == "interrupted\n"
    assert group_ends(process.pid, 5)


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")
def test_workers_end_with_a_killed_parent(tmp_path: Path) -> None:
    process = started_extract(make_corpus(tmp_path / "corpus", 3000))
    process.kill()
    process.wait()
    process.stdout.close()
    process.stderr.close()
    assert group_ends(process.pid, 10), "workers outlived their killed parent"


@pytest.mark.parametrize("how", ["python -m quotes", "quotes"])
def test_a_quotes_folder_in_the_working_directory_changes_nothing(how: str, tmp_path: Path) -> None:
    """A folder named quotes/ first on sys.path (the working directory of `python -m`, and of
    a fork server started with `python -c`) must not stand in for the package, in this
    process or in its workers."""
    corpus = make_corpus(tmp_path / "corpus", 150)  # more than two chunks: workers do start
    (tmp_path / "quotes").mkdir()
    script = Path(sys.executable).with_name("quotes")
    command = [sys.executable, "-m", "quotes"] if how == "python -m quotes" else [str(script)]
    if not Path(command[0]).exists():
        pytest.skip("the quotes script is not installed next to this Python")
    rows = {}
    for jobs in ("1", "2"):
        done = subprocess.run([*command, "extract", str(corpus), "--format", "tsv", "--jobs", jobs],
                              cwd=tmp_path, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        rows[jobs] = done.stdout
    assert rows["2"] == rows["1"] and rows["1"].count("\n") > 150


# ---------------------------------------------------------------------------- PolNeAR


def test_polnear_with_two_jobs_gives_exactly_the_rows_of_one() -> None:
    folders = [POLNEAR_DEV / "text"]
    one = invoke("extract", *folders, "--format", "tsv", "--jobs", 1)
    two = invoke("extract", *folders, "--format", "tsv", "--jobs", 2)
    assert one.exit_code == two.exit_code == 0
    assert one.stdout.count("\n") > 800  # every article's quotes, not a few
    assert two.stdout == one.stdout
