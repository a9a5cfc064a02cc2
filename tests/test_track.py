"""Claim tracking end to end: idempotent adds, cached embeddings, interrupted runs, light imports."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import numpy as np
import pytest

from quotes import track
from quotes.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


class CountingEncoder:
    """A deterministic stand-in for the model that counts what it is asked to embed."""

    name = "counting-test-encoder"

    def __init__(self) -> None:
        self.calls = 0
        self.texts = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        self.texts += len(texts)
        vectors = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.split():
                vectors[row, zlib.crc32(word.encode()) % 64] += 1
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)


def test_adding_again_embeds_nothing_and_changes_nothing(tmp_path: Path, dump) -> None:
    path = tmp_path / "q.db"
    encoder = CountingEncoder()
    with Store(path) as store:
        first = track.add([SEEDS], store, encoder=encoder)
    assert (first.added, first.unchanged, first.failed) == (2, 0, ())
    assert first.skipped in ((), (("not an article file", 1),))  # seeds/README.md, where ingest counts it
    assert encoder.calls >= 1 and first.embedded == encoder.texts
    before = dump(path)
    with Store(path) as store:
        again = track.add([SEEDS], store, encoder=encoder)
    assert (again.added, again.unchanged, again.embedded, again.new_clusters) == (0, 2, 0, 0)
    assert encoder.calls == 1  # no second call: every vector came from the store
    assert dump(path) == before


def test_a_new_article_embeds_only_its_new_quote_texts(tmp_path: Path) -> None:
    encoder = CountingEncoder()
    with Store(tmp_path / "q.db") as store:
        track.add([SEEDS / "000_d534951bd981a3ed.txt"], store, encoder=encoder)
        seen = encoder.texts
        track.add([SEEDS / "003_84032081476885c4.txt"], store, encoder=encoder)
    # the second article repeats most of the first one's quotes: those are not embedded again
    assert 0 < encoder.texts - seen < seen


def test_vectors_are_cached_under_the_runtime_that_computed_them(tmp_path: Path, monkeypatch) -> None:
    """A few texts run on numpy, many on torch; each vector is read back whichever computed it."""
    from quotes.embed import NUMPY, TORCH, encoder_name

    monkeypatch.setenv("QUOTES_ENCODER", "auto")  # the native model, either precision
    with Store(tmp_path / "q.db") as store:
        first = track.add([SEEDS / "000_d534951bd981a3ed.txt"], store)
        cached = store.vectors(encoder_name(runtime=NUMPY), store_texts(store))
        assert 0 < first.embedded == len(cached)
        assert not store.vectors(encoder_name(runtime=TORCH), cached)
        second = track.add([SEEDS / "003_84032081476885c4.txt"], store)
        assert 0 < second.embedded < first.embedded  # the first article's texts are not embedded again


def store_texts(store: Store) -> list[str]:
    from quotes.similarity import texts_to_embed

    return texts_to_embed(store.occurrences())


def test_said_finds_a_speaker_by_surname_and_spelling(tmp_path: Path) -> None:
    with Store(tmp_path / "q.db") as store:
        track.add([SEEDS], store, encoder=CountingEncoder())
        assert track.matching_speakers(store, "Shoigu") == track.matching_speakers(store, "sergei shoigu")
        assert track.matching_speakers(store, "Shoigu") & {"Sergey Shoigu", "Sergei Shoigu"}
        assert track.matching_speakers(store, "Nobody") == set()


def test_extract_does_not_import_torch() -> None:
    code = (
        "import sys; from typer.testing import CliRunner; from quotes.cli import app; "
        f"r = CliRunner().invoke(app, ['extract', {str(SEEDS / '000_d534951bd981a3ed.txt')!r}]); "
        "assert r.exit_code == 0, r.output; "
        "assert 'torch' not in sys.modules and 'sentence_transformers' not in sys.modules, 'heavy import'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def make_corpus(folder: Path, copies: int) -> None:
    """Many distinct articles that share the seeds' quotes, as syndicated news does."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    folder.mkdir()
    for index in range(copies):
        text = texts[index % len(texts)]
        (folder / f"{index:04d}.txt").write_text(f"Edition {index}\n\n{text}", encoding="utf-8")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_a_killed_add_rerun_gives_the_same_store(tmp_path: Path, dump) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 1500)
    command = [sys.executable, "-m", "quotes", "add", str(corpus), "--db"]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}

    killed = tmp_path / "killed.db"
    process = subprocess.Popen([*command, str(killed)], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        try:
            with sqlite3.connect(f"file:{killed}?mode=ro", uri=True, timeout=0.1) as db:
                stored = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            continue
        if stored >= 50:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 50 <= stored < 1500, "the run was not stopped in the middle of adding articles"

    subprocess.run([*command, str(killed)], cwd=ROOT, env=env, check=True, capture_output=True)
    whole = tmp_path / "whole.db"
    subprocess.run([*command, str(whole)], cwd=ROOT, env=env, check=True, capture_output=True)

    after_kill, uninterrupted = dump(killed), dump(whole)
    vectors = {"embeddings"}
    assert {t: rows for t, rows in after_kill.items() if t not in vectors} == {
        t: rows for t, rows in uninterrupted.items() if t not in vectors
    }
    # vectors of the same texts, computed in other batches, agree to float precision
    left = {row[:2]: np.frombuffer(row[3], "<f4") for row in after_kill["embeddings"]}
    right = {row[:2]: np.frombuffer(row[3], "<f4") for row in uninterrupted["embeddings"]}
    assert left.keys() == right.keys()
    assert all(np.allclose(left[key], right[key], atol=1e-5) for key in left)


def test_the_add_summary_counts_skips_by_reason(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(
        '{"id": "1", "text": "\\"We will win,\\" Smith said."}\n{not json\n[1, 2]\n', encoding="utf-8"
    )
    (folder / "b.txt").write_text("", encoding="utf-8")
    with Store(tmp_path / "q.db") as store:
        summary = track.add([folder], store, encoder=CountingEncoder(), warn=lambda message: None)
    line = summary.line()
    assert line.startswith("1 article added, 0 unchanged, 0 replaced, ")
    assert sum(n for _, n in summary.skipped + summary.failed) == 3
    assert "skipped (" in line or "failed (" in line


def wait_for(predicate, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def stored_articles(path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.1) as db:
            return db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.skipif(not hasattr(signal, "SIGTERM"), reason="needs POSIX signals")
def test_sigterm_stops_add_as_ctrl_c_does(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 1500)
    db = tmp_path / "q.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "quotes", "add", str(corpus), "--db", str(db), "--jobs", "2"],
        cwd=ROOT, env={**os.environ, "HF_HUB_OFFLINE": "1"},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert wait_for(lambda: stored_articles(db) >= 50 or process.poll() is not None)
    process.send_signal(signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=60)
    assert (process.returncode, stdout, stderr) == (143, "", "terminated\n")
    assert 50 <= stored_articles(db) < 1500
    with Store(db) as store:  # whole articles only, and a store that opens and checks clean
        assert store.counts()["articles"] == stored_articles(db)


@pytest.mark.skipif(not hasattr(signal, "SIGTERM"), reason="needs POSIX signals")
def test_sigterm_during_extract_leaves_no_temporary_output(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 3000)
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "quotes", "extract", str(corpus), "-f", "tsv", "--jobs", "2",
         "-o", str(out_folder / "quotes.tsv")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert wait_for(lambda: any(out_folder.iterdir()) or process.poll() is not None)
    process.send_signal(signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=60)
    assert (process.returncode, stdout, stderr) == (143, "", "terminated\n")
    assert list(out_folder.iterdir()) == []


class Stages:
    def __init__(self) -> None:
        self.seen: list[tuple[str, int, int]] = []

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.seen.append((stage, done, total))


def test_add_reports_each_stage_with_counts(tmp_path: Path) -> None:
    stages, articles = Stages(), []
    with Store(tmp_path / "q.db") as store:
        summary = track.add([SEEDS], store, encoder=CountingEncoder(), on_progress=stages,
                            on_article=articles.append, warn=lambda message: None)
    assert sum(articles) == summary.quotes and len(articles) == 2
    names = [stage for stage, _, _ in stages.seen]
    assert names[0] == "embedding" and {"clustering", "saving"} <= set(names)
    assert ("embedding", summary.embedded, summary.embedded) in stages.seen
    quotes = len(Store(tmp_path / "q.db").occurrences())
    assert stages.seen[-1] == ("saving", quotes, quotes)


def test_embedding_progress_counts_each_batch_and_keeps_the_vectors() -> None:
    """The shipped encoder tells each batch it has encoded; its vectors are the same."""
    from quotes.embed import load_encoder

    encoder = load_encoder(progress=False)
    texts = [f"we will talk about point number {i} at length " * (8 + i % 3) for i in range(70)]
    stages = Stages()
    counted = track._encode(encoder, texts, stages)
    assert np.array_equal(counted, encoder.encode(texts))
    done = [done for _, done, _ in stages.seen]
    assert done[0] == 0 and done[-2:] == [70, 70]
    batches = done[1:-1]
    assert len(batches) >= 2 and batches == sorted(set(batches))  # one report per batch, growing
    assert {total for _, _, total in stages.seen} == {70}


def test_the_summary_line_speaks_in_the_singular_for_one() -> None:
    one = track.AddSummary(1, 0, 0, (), (), 1, 1, 1)
    assert one.line() == "1 article added, 0 unchanged, 0 replaced, 0 failed; 1 quote, 1 new cluster"
    two = track.AddSummary(2, 1, 0, (("empty file", 1),), (), 2, 0, 2)
    assert two.line() == (
        "2 articles added, 1 unchanged, 0 replaced, 1 skipped (1 empty file), 0 failed; 2 quotes, 0 new clusters"
    )
