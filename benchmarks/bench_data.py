"""Where the benchmarks find data the repository does not ship: one setting, ``QUOTES_SHARED``.

``QUOTES_SHARED`` names the folder that holds ``polnear/`` (PolNeAR's train and dev splits and
its metadata) and ``opennews/``; ``.ci/run`` sets it to ``../shared`` when that folder sits
beside the checkout. Without it, what ships under ``tests/data`` (PolNeAR dev, the Wikinews
gold set) is used, and a benchmark that needs more says what to set.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SETTING = "QUOTES_SHARED"
ROOT = Path(__file__).resolve().parents[1]
SHIPPED_POLNEAR = ROOT / "tests" / "data" / "polnear"  # dev split and its metadata rows only


def shared_folder(why: str) -> Path:
    """The folder ``QUOTES_SHARED`` names; exits with what to set when it is missing."""
    value = os.environ.get(SETTING, "")
    if not value:
        sys.exit(f"error: {why} needs {SETTING}: set it to the folder holding polnear/ "
                 f"(for example {SETTING}=../shared python {Path(sys.argv[0]).as_posix()})")
    folder = Path(value).expanduser()
    if not (folder / "polnear").is_dir():
        sys.exit(f"error: {SETTING}={value}: no polnear/ folder there; set it to the folder holding polnear/")
    return folder


def polnear(*splits: str) -> Path:
    """A PolNeAR folder holding ``splits`` (and ``metadata.tsv``): the shared copy when
    ``QUOTES_SHARED`` is set or a split other than dev is asked for, else the shipped dev."""
    if os.environ.get(SETTING) or set(splits) - {"dev"}:
        return shared_folder(f"PolNeAR {'+'.join(splits)}") / "polnear"
    return SHIPPED_POLNEAR


def split_folder(split: str) -> Path:
    """The folder of one PolNeAR split (``polnear(split) / split``); exits saying so when the
    split is none there ("test" is held back)."""
    folder = polnear(split) / split
    if not folder.is_dir():
        sys.exit(f"no split folder {folder}; --split is train or dev")
    return folder
