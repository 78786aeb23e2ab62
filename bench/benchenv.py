"""What the benchmark scripts print about the machine they run on (shared by compare.py and
scale.py, which import it from their own folder)."""

from __future__ import annotations

import os
from pathlib import Path


def load() -> str:
    """The load average over 1, 5 and 15 minutes."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def machine() -> str:
    """Cores, CPU model and load average: they decide how much the figures mean."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model}; load average {load()}"
