"""Shared test helpers."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable

import pytest


def table_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table of an SQLite file, sorted: for comparing whole stores."""
    db = sqlite3.connect(path)
    try:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY 1")]
        return {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        db.close()


@pytest.fixture
def dump() -> Callable[[Path], dict[str, list[tuple]]]:
    return table_rows


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A store of the seeds, added through the CLI once per test module, with the real model."""
    from helpers import run

    db = tmp_path_factory.mktemp("store") / "quotes.db"
    result = run("add", Path(__file__).resolve().parent.parent / "seeds", "--db", db)
    assert result.exit_code == 0, result.output
    return db
