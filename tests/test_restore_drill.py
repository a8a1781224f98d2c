"""Issue 9: the backup and restore drill (bin/restore-drill) runs end to end: dump, wipe,
restore, and the deadlines carry on — each escalated exactly once."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_dump_wipe_restore_and_the_deadlines_carry_on():
    result = subprocess.run(
        ["bin/restore-drill", "20"],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert '"escalated_first_run": 20, "escalated_second_run": 0, "failed": 0' in result.stdout
    assert "RESULT: restored" in result.stdout
