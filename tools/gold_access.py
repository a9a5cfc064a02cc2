"""What the lexicon miners share: the gold readers without the package's init, and the data.

``quotes/__init__.py`` loads the lexicons these tools write, so a first run (or a run after a
bad lexicon) could not import the package: the gold readers are taken without the package
init. PolNeAR train is found through ``QUOTES_SHARED`` (``benchmarks/bench_data.py``).
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEXICONS = ROOT / "quotes" / "lexicons"

if "quotes" not in sys.modules:
    _package = types.ModuleType("quotes")
    _package.__path__ = [str(ROOT / "quotes")]
    sys.modules["quotes"] = _package

sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_data  # noqa: E402  QUOTES_SHARED, the one setting for data the repository does not ship


def polnear_train() -> Path:
    """PolNeAR's train split (dev is never read for lexicons)."""
    return bench_data.polnear("train") / "train"
