"""Print the benchmark rows of one `bin/bench` run as one table, and write them as JSON.

python -m benchmarks.report [rows.jsonl] [results.json]
"""

from __future__ import annotations

import json
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

COLUMNS = ("benchmark", "scale", "measured", "value", "unit", "baseline", "ratio", "target", "met")


def _cell(row: dict[str, Any], column: str) -> str:
    value = row.get(column)
    if value is None:
        return "–"
    if column == "met":
        return "yes" if value else "NO"
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    return str(value)


def table(rows: list[dict[str, Any]]) -> str:
    cells = [[_cell(r, c) for c in COLUMNS] for r in rows]
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(line) + " |" for line in cells]
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    import os

    return {
        "date": datetime.now(UTC).date().isoformat(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }


def main(argv: list[str]) -> int:
    source = Path(argv[1] if len(argv) > 1 else "var/bench/rows.jsonl")
    target = Path(argv[2] if len(argv) > 2 else "var/bench/results.json")
    rows = [json.loads(line) for line in source.read_text().splitlines() if line.strip()]
    target.write_text(json.dumps({"machine": machine(), "rows": rows}, indent=2) + "\n")
    print(table(rows))
    print(f"\n{len(rows)} figures; JSON: {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
