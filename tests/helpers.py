"""What several test modules share: the CLI runner and its readings, and a deterministic stand-in for the model."""

from __future__ import annotations

import json
import zlib

import numpy as np
from typer.testing import CliRunner

from quotes.cli import app

try:  # click < 8.2 mixes stderr into stdout unless told not to; 8.2+ always keeps it apart
    runner = CliRunner(mix_stderr=False)
except TypeError:
    runner = CliRunner()


def run(*args: object):
    """Invoke the app; an exception other than a clean exit is a bug, whatever the exit code."""
    result = runner.invoke(app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {result.exception!r}\n{result.output}") from result.exception
    assert "Traceback" not in result.output + result.stderr
    return result


def error_line(result) -> str:
    """The one line on stderr of a failed run, which must start with "error:"."""
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    return lines[0]


def jsonl_rows(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines()]


class WordEncoder:
    """A deterministic stand-in for the model: one dimension per hashed word (of 64)."""

    name = "word-test-encoder"

    def encode(self, texts: list[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.split():
                vectors[row, zlib.crc32(word.encode()) % 64] += 1
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
