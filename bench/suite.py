"""The whole ``uv run pytest``: wall time, and peak memory of its process tree."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .measure import Stat, TreeMemory, run_timed, stat

__all__ = ["suite"]

ROOT = Path(__file__).resolve().parents[1]


def suite(runs: int) -> dict[str, Stat]:
    """Seconds and peak resident MiB (pytest, curl and Chromium together) per full run."""
    uv = shutil.which("uv")
    cmd = [uv, "run", "pytest"] if uv else [sys.executable, "-m", "pytest"]
    seconds, peaks = [], []
    for _ in range(runs):
        memory = TreeMemory()
        seconds.append(run_timed([*cmd, "-q", "-p", "no:cacheprovider"], cwd=ROOT,
                                 on_start=memory.watch))
        peaks.append(memory.stop())
    return {"seconds": stat(seconds), "peak_mb": stat(peaks)}
