"""Benchmarks share the suite's fixtures, and record their figures in one place so `bin/bench`
can print one table and write one JSON file (var/bench/results.json)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import *  # noqa: F403  (the same fixtures: region, now, users)

RESULTS = Path(os.environ.get("BENCH_RESULTS", "var/bench/rows.jsonl"))


def record_row(
    benchmark: str,
    scale: str,
    measured: str,
    value: float,
    unit: str,
    baseline: float | None = None,
    target: str = "",
    met: bool | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """Append one figure: what was measured at which scale, its value, the raw-SQL (or raw
    protocol) baseline measured in the same run, the ratio, and the issue's target."""
    row = {
        "benchmark": benchmark,
        "scale": scale,
        "measured": measured,
        "value": round(value, 3),
        "unit": unit,
        "baseline": None if baseline is None else round(baseline, 3),
        "ratio": None if not baseline else round(value / baseline, 2),
        "target": target,
        "met": met,
        **extra,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(json.dumps(row) + "\n")
    print("\nBENCH", json.dumps(row))
    return row


@pytest.fixture
def record():
    return record_row


def scales(default: str = "1,10,100") -> list[int]:
    """The data multipliers to run (BENCH_SCALES=1,10 skips the slow 100×)."""
    return [int(s) for s in os.environ.get("BENCH_SCALES", default).split(",") if s]
