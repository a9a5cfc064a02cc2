"""The shipped sentence model's forward pass over torch alone: tokens -> BERT -> mean -> unit rows.

all-MiniLM-L6-v2 is a 6-layer BERT (384 wide, 12 heads) whose sentence vector is the mean of
its last layer over the tokens, scaled to length 1. This module reads the weights
(``model.safetensors``), the vocabulary (``tokenizer.json``, through ``tokenizers``) and the
sizes (``config.json``, ``sentence_bert_config.json``) from the model folder and runs the same
arithmetic as transformers' ``BertModel`` under sentence-transformers, without importing
either: torch alone imports in about 1 s here, sentence-transformers with transformers in 4-8 s.

In float32 the vectors equal sentence-transformers' to about 1e-6. In bfloat16 (weights and
activations; pooling and scaling in float32) they are within 0.004 in cosine of those, at a
third of the time where the CPU multiplies bfloat16 in hardware. Imported only by
``quotes.embed`` when a vector is missing.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from math import sqrt
from pathlib import Path
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable, Iterable, Iterator, Sequence

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

# Tokens per text the model reads when its folder does not say (sentence_bert_config.json).
DEFAULT_MAX_TOKENS = 256
# Batches run side by side on torch: one per core that no other process keeps busy (sampled
# when a run starts, ``free_cores``), at least one; OMP_NUM_THREADS, where set, instead. On this
# 2-core machine under a load of about 3, 960 PolNeAR quotes took 2.2-3.8 s on one thread
# against 9.0-10.9 s on two (each thread waits at every step for one the scheduler put aside).
THREADS_SETTING = "OMP_NUM_THREADS"
# Tokens per torch batch, padding counted: 3,860 PolNeAR quotes (sorted, side by side on 2
# cores) took 2.5-2.7 s at 2,048, 2.7-2.8 s at 1,024, 2.7-3.2 s at 4,096, 3.3-3.5 s at 8,192.
BATCH_TOKENS = 2048
IDLE_SAMPLE_SECONDS = 0.05  # how long free_cores watches the CPUs
# The weights and activations of one layer, by name, as the folder's safetensors holds them.
LAYER_PARTS = ("attention_out", "attention_norm", "intermediate", "output", "output_norm")


@dataclass(slots=True)
class MiniLM:
    tokenizer: Tokenizer
    weights: dict[str, np.ndarray]  # float32; in bfloat16 mode, values rounded to bfloat16
    layers: int
    heads: int
    eps: float
    bfloat16: bool
    _torch: Any = field(default=None, repr=False)  # the weights as torch tensors, once needed

    @property
    def dimension(self) -> int:
        return int(self.weights["words"].shape[1])

    @classmethod
    def load(cls, folder: Path, *, bfloat16: bool = False) -> MiniLM:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        if config.get("model_type") != "bert" or config.get("hidden_act", "gelu") != "gelu":
            raise ValueError(f"not a BERT model with GELU: {config.get('model_type')!r}")
        max_tokens = DEFAULT_MAX_TOKENS
        sentence_config = folder / "sentence_bert_config.json"
        if sentence_config.is_file():
            max_tokens = int(json.loads(sentence_config.read_text(encoding="utf-8")).get("max_seq_length", max_tokens))
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=max_tokens)
        stored = load_file(str(folder / "model.safetensors"))
        prefix = "bert." if "bert.embeddings.word_embeddings.weight" in stored else ""

        def array(name: str) -> np.ndarray:
            value = np.ascontiguousarray(stored[prefix + name], dtype=np.float32)
            return to_bfloat16(value) if bfloat16 else value

        weights = {
            "words": array("embeddings.word_embeddings.weight"),
            "positions": array("embeddings.position_embeddings.weight"),
            "token_type": array("embeddings.token_type_embeddings.weight")[0],
            "embedding_norm.weight": array("embeddings.LayerNorm.weight"),
            "embedding_norm.bias": array("embeddings.LayerNorm.bias"),
        }
        names = {
            "attention_out": "attention.output.dense", "attention_norm": "attention.output.LayerNorm",
            "intermediate": "intermediate.dense", "output": "output.dense", "output_norm": "output.LayerNorm",
        }
        layers = int(config["num_hidden_layers"])
        for i in range(layers):
            at = f"encoder.layer.{i}"
            for end in ("weight", "bias"):  # query, key and value stacked: one matmul
                weights[f"{i}.qkv.{end}"] = np.concatenate(
                    [array(f"{at}.attention.self.{part}.{end}") for part in ("query", "key", "value")])
                for part, name in names.items():
                    weights[f"{i}.{part}.{end}"] = array(f"{at}.{name}.{end}")
        return cls(tokenizer, weights, layers, int(config["num_attention_heads"]),
                   float(config.get("layer_norm_eps", 1e-12)), bfloat16)

    def encode(
        self, texts: Sequence[str], *, batch_size: int = 32, torch: bool = True,
        on_batch: Callable[[int], None] | None = None, trim: Callable[[], None] | None = None,
    ) -> np.ndarray:
        """Unit float32 rows, one per text, in order. Texts go in batches, longest (in tokens)
        first, each padded to its longest; ``on_batch(done)`` after each, in order. numpy
        (``torch=False``: no torch import) takes ``batch_size`` texts at a time; torch takes
        ``BATCH_TOKENS`` tokens' worth, one batch per free core at once (``_torch_batches``)."""
        encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=True)
        lengths = np.array([len(encoding.ids) for encoding in encodings])
        order = np.argsort(-lengths, kind="stable")
        vectors = np.empty((len(texts), self.dimension), dtype=np.float32)

        def padded(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            width = int(lengths[rows].max())
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=bool)
            for k, row in enumerate(rows):
                ids[k, : lengths[row]] = encodings[row].ids
                mask[k, : lengths[row]] = True
            return rows, ids, mask

        if torch:
            batches = (padded(rows) for rows in token_batches(order, lengths, BATCH_TOKENS))
            results = self._torch_batches(batches)
        else:
            batches = (padded(order[start : start + batch_size]) for start in range(0, len(order), batch_size))
            results = ((rows, self._numpy_forward(ids, mask)) for rows, ids, mask in batches)
        done = 0
        for rows, batch in results:
            vectors[rows] = batch
            done += len(rows)
            if on_batch is not None:
                on_batch(done)
            if trim is not None:
                trim()
        return vectors

    # -- numpy: float32 arithmetic, each result rounded to bfloat16 in bfloat16 mode, as torch's
    # bfloat16 kernels round theirs (accumulating in float32) --

    def _numpy_forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w, r = self.weights, (to_bfloat16 if self.bfloat16 else _same)
        batch, width = ids.shape
        hidden = self.dimension
        x = r(r(w["words"][ids] + w["positions"][:width]) + w["token_type"])
        x = r(_layer_norm(x, w["embedding_norm.weight"], w["embedding_norm.bias"], self.eps))
        bias = np.where(mask, 0.0, -np.inf).astype(np.float32)[:, None, None, :]
        for i in range(self.layers):
            qkv = r(_linear(x, w, f"{i}.qkv"))
            q, k, v = qkv.reshape(batch, width, 3, self.heads, -1).transpose(2, 0, 3, 1, 4)
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(sqrt(q.shape[-1])) + bias
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            context = r((scores / scores.sum(axis=-1, keepdims=True)) @ v)
            context = context.transpose(0, 2, 1, 3).reshape(batch, width, hidden)
            out = r(r(_linear(context, w, f"{i}.attention_out")) + x)
            x = r(_layer_norm(out, w[f"{i}.attention_norm.weight"], w[f"{i}.attention_norm.bias"], self.eps))
            inner = r(_gelu(r(_linear(x, w, f"{i}.intermediate"))))
            out = r(r(_linear(inner, w, f"{i}.output")) + x)
            x = r(_layer_norm(out, w[f"{i}.output_norm.weight"], w[f"{i}.output_norm.bias"], self.eps))
        weights = mask.astype(np.float32)[..., None]
        pooled = (x * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    # -- torch: imported here, on the first call that asks for it --

    def _torch_batches(
        self, batches: Iterable[tuple[np.ndarray, np.ndarray, np.ndarray]]
    ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """(rows, vectors) of each (rows, ids, mask) batch, in order: one batch per free core
        (``free_cores``) at a time, each on one torch thread. Whole batches side by side beat
        one batch split over the cores: a batch of short texts is too small to share (each
        thread waits for the other at every step): 3,860 PolNeAR quotes in 2.5-2.8 s against
        2.7-3.2 s with each batch split over 2 cores (3.2-3.9 s in batches of 32 texts). A
        text's vector then depends on its batch alone, not on the number of cores."""
        import torch

        forward = self._torch_forward()
        streams = free_cores() or torch.get_num_threads()
        before = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            if streams == 1:
                for rows, ids, mask in batches:
                    yield rows, forward(ids, mask)
                return
            with ThreadPoolExecutor(streams, thread_name_prefix="quotes-embed") as pool:
                running: deque[tuple[np.ndarray, Future[np.ndarray]]] = deque()
                for rows, ids, mask in batches:
                    running.append((rows, pool.submit(forward, ids, mask)))
                    if len(running) > streams:  # one waiting per stream: memory stays flat
                        rows, future = running.popleft()
                        yield rows, future.result()
                while running:
                    rows, future = running.popleft()
                    yield rows, future.result()
        finally:
            torch.set_num_threads(before)

    def _torch_forward(self) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
        """The forward pass of one padded batch over torch, on the calling thread's share of
        torch's threads."""
        import torch
        import torch.nn.functional as F

        if self._torch is None:
            dtype = torch.bfloat16 if self.bfloat16 else torch.float32
            self._torch = {name: torch.from_numpy(value).to(dtype) for name, value in self.weights.items()}
        w, hidden, eps = self._torch, self.dimension, self.eps

        def forward(ids_array: np.ndarray, mask_array: np.ndarray) -> np.ndarray:
            ids, mask = torch.from_numpy(ids_array), torch.from_numpy(mask_array)
            batch, width = ids.shape
            with torch.inference_mode():
                x = w["words"][ids] + w["positions"][:width] + w["token_type"]
                x = F.layer_norm(x, (hidden,), w["embedding_norm.weight"], w["embedding_norm.bias"], eps=eps)
                attend = mask[:, None, None, :]  # every query looks at the real tokens only
                for i in range(self.layers):
                    q, k, v = (F.linear(x, w[f"{i}.qkv.weight"], w[f"{i}.qkv.bias"])
                               .view(batch, width, 3, self.heads, -1).permute(2, 0, 3, 1, 4))
                    context = F.scaled_dot_product_attention(q, k, v, attn_mask=attend)
                    context = context.transpose(1, 2).reshape(batch, width, hidden)
                    out = F.linear(context, w[f"{i}.attention_out.weight"], w[f"{i}.attention_out.bias"]) + x
                    x = F.layer_norm(out, (hidden,), w[f"{i}.attention_norm.weight"], w[f"{i}.attention_norm.bias"], eps=eps)
                    inner = F.gelu(F.linear(x, w[f"{i}.intermediate.weight"], w[f"{i}.intermediate.bias"]))
                    out = F.linear(inner, w[f"{i}.output.weight"], w[f"{i}.output.bias"]) + x
                    x = F.layer_norm(out, (hidden,), w[f"{i}.output_norm.weight"], w[f"{i}.output_norm.bias"], eps=eps)
                weights = mask.to(torch.float32)[..., None]
                pooled = (x.to(torch.float32) * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
                return F.normalize(pooled, p=2.0, dim=1).numpy()

        return forward


def token_batches(order: np.ndarray, lengths: np.ndarray, tokens: int) -> Iterator[np.ndarray]:
    """``order`` (longest first) cut into batches of about ``tokens`` tokens each, padding
    counted: as many texts as fit the first one's length, at least one."""
    start = 0
    while start < len(order):
        size = max(1, tokens // max(1, int(lengths[order[start]])))
        yield order[start : start + size]
        start += size


def free_cores() -> int | None:
    """Threads for torch: None where ``OMP_NUM_THREADS`` is set (torch follows it), else the
    cores this process may use less those other processes keep busy now, at least 1: the CPUs'
    idle share over a short sample (``/proc/stat``), else the one-minute load average less this
    process. (The load average alone lags a minute and counts this process and its own
    extraction workers: on an idle 2-core machine it gave one thread, and embedding PolNeAR's
    7,767 texts took 13.4 s against 9.4 s on two.)"""
    if os.environ.get(THREADS_SETTING):
        return None
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    idle = _idle_share()
    if idle is not None:
        busy = (os.cpu_count() or cores) * (1.0 - idle)
    else:
        try:
            busy = max(0.0, os.getloadavg()[0] - 1.0)
        except (OSError, AttributeError):
            busy = 0.0
    return max(1, min(cores, round(cores - busy)))


def _idle_share(interval: float = IDLE_SAMPLE_SECONDS) -> float | None:
    """The share of all CPUs' time spent idle over ``interval`` seconds (Linux's ``/proc/stat``:
    idle and iowait of the "cpu" line), or None where it cannot be read."""
    try:
        first = _cpu_times()
        time.sleep(interval)
        second = _cpu_times()
    except (OSError, ValueError, IndexError):
        return None
    total = sum(second) - sum(first)
    idle = second[3] + second[4] - first[3] - first[4]
    return idle / total if total > 0 else None


def _cpu_times() -> list[int]:
    with open("/proc/stat", encoding="ascii") as handle:
        fields = handle.readline().split()
    if fields[0] != "cpu":
        raise ValueError("no cpu line")
    return [int(value) for value in fields[1:8]]


def to_bfloat16(values: np.ndarray) -> np.ndarray:
    """float32 values rounded to the nearest bfloat16 (ties to even), kept as float32."""
    bits = np.ascontiguousarray(values, dtype=np.float32).view(np.uint32)
    rounded = (bits + np.uint32(0x7FFF) + ((bits >> np.uint32(16)) & np.uint32(1))) & np.uint32(0xFFFF0000)
    return rounded.view(np.float32)


def _linear(x: np.ndarray, weights: dict[str, np.ndarray], name: str) -> np.ndarray:
    """x @ W.T + b over the last axis, as one 2-D matmul (numpy's batched 3-D matmul is 7x slower)."""
    flat = x.reshape(-1, x.shape[-1]) @ weights[f"{name}.weight"].T + weights[f"{name}.bias"]
    return flat.reshape(*x.shape[:-1], flat.shape[-1])


def _same(values: np.ndarray) -> np.ndarray:
    return values


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    variance = np.square(x - mean).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + np.float32(eps)) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """The exact GELU, x * Phi(x), as BERT's "gelu" is: erf by Abramowitz and Stegun 7.1.26
    (error under 1.5e-7, below float32's resolution at 1)."""
    z = np.abs(x) * np.float32(1 / sqrt(2.0))
    t = 1.0 / (1.0 + np.float32(0.3275911) * z)
    poly = t * (np.float32(0.254829592) + t * (np.float32(-0.284496736) + t * (
        np.float32(1.421413741) + t * (np.float32(-1.453152027) + t * np.float32(1.061405429)))))
    erf_abs = 1.0 - poly * np.exp(-z * z)
    return (x * 0.5 * (1.0 + np.sign(x) * erf_abs)).astype(np.float32)
