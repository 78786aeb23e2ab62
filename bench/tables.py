#!/usr/bin/env python3
"""Corpus tables at scale (issue 19): the CLI's Parquet, Python's read_corpus, Dask on 1 and 2
workers, on the real documents repeated to at least --target-mb.

    .venv-ci/bin/python bench/tables.py [--target-mb 200] [--blocksize 8MB] [--dir /dev/shm/gw]
                                        [--keep] [--no-build]

Needs the gongwen package with its extras installed in the interpreter that runs it
(`bash scripts/test-python.sh` makes .venv-ci with pyarrow, dask and distributed) and
../shared/wide and ../shared/corpus beside the checkout.

1. The corpus: ../shared/wide and ../shared/corpus copied into --dir as many times as it takes
   to reach --target-mb (10⁶ bytes), each copy a folder of its own (`r00/`, `r01/`…).
2. CLI: `gongwen batch DIR --to parquet --out OUT`, its wall time and its peak resident set
   size (the largest of the child processes, read with getrusage in a process of its own so
   that nothing else is counted). The bar: at most 300 MB, whatever the corpus size (it streams
   a row group at a time).
3. Python: `gongwen.read_corpus(files)` into pyarrow, in this process, after a warm-up call that
   imports pyarrow; its wall time against the CLI's. The bar: at most 1.3x.
4. Dask: `gongwen.dask.read_corpus(files, blocksize)` on a fresh `distributed.LocalCluster`
   of 1 worker, then of 2 (processes, a thread each), each warmed up by a small graph of
   its own; timed is the whole nodes table built on the workers and written from them with
   `to_parquet` (the data stays on the workers, as on a cluster; gathering 200 MB of rows into
   the client would time the client, not the workers). The bar: 2 workers at least 1.6x
   faster than 1. --rounds rounds (3) of the pair, 1 worker then 2: each round's figures and
   ratio are printed, then the median ratio (a slow spell of a shared two-core machine falls on
   one run of a pair and moves its ratio by a third).

One run each of the CLI and read_corpus, as the issue asks; the load average is printed before
and after (on two cores a compiler running beside it halves the Dask figure).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def make_corpus(root: Path, target: int) -> tuple[list[str], int]:
    """Copies of the wide corpus and the annotated one under root until target bytes."""
    sources = [SHARED / "wide", SHARED / "corpus"]
    for s in sources:
        if not s.is_dir():
            sys.exit(f"{s} not found: the benchmark needs ../shared beside the checkout")
    total, k = 0, 0
    while total < target:
        for s in sources:
            dest = root / f"r{k:02}" / s.name
            shutil.copytree(s, dest)
            total += sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
        k += 1
    import gongwen.dask

    return gongwen.dask.files(root), total


def peak_of(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of a command, measured in a process of its own."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
        "dt = time.perf_counter() - t\n"
        "if r.returncode not in (0, 1): sys.exit(r.stderr.decode()[-2000:])\n"
        "print(dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), int(out[1])


def dask_run(files: list[str], workers: int, blocksize: str, out: Path) -> float:
    import distributed

    import gongwen.dask

    with distributed.LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster):
        # warm-up on a graph of its own: the workers import gongwen, pyarrow and pandas
        warm = gongwen.dask.read_corpus(files[: 4 * workers], blocksize=1)
        warm.map_partitions(len).compute()
        nodes = gongwen.dask.read_corpus(files, blocksize=blocksize)
        start = time.perf_counter()
        nodes.to_parquet(out, write_index=False)
        return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--target-mb", type=float, default=200)
    ap.add_argument("--blocksize", default="8MB", help="Dask partition size (bytes of input)")
    ap.add_argument("--dir", type=Path, default=None, help="where to build the corpus")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of the Dask pair")
    ap.add_argument("--keep", action="store_true", help="keep the corpus and the outputs")
    ap.add_argument("--no-build", action="store_true", help="skip cargo build --release")
    a = ap.parse_args()

    import pyarrow  # noqa: F401  (imported before anything is timed)

    import gongwen

    print(f"load average at start: {os.getloadavg()[0]:.2f}", flush=True)
    if not a.no_build:
        subprocess.run(
            ["cargo", "build", "--release", "--quiet", "--bin", "gongwen"], cwd=REPO, check=True
        )
    cli = REPO / "target" / "release" / "gongwen"
    base = a.dir or Path("/dev/shm" if Path("/dev/shm").is_dir() else tempfile.gettempdir())
    work = Path(tempfile.mkdtemp(prefix="gongwen-tables-", dir=base))
    try:
        corpus = work / "corpus"
        files, size = make_corpus(corpus, int(a.target_mb * 1e6))
        print(f"corpus: {len(files)} files, {size / 1e6:.1f} MB in {corpus}", flush=True)

        # 2. the CLI, streaming Parquet
        cli_s, peak = peak_of(
            [str(cli), "batch", str(corpus), "--to", "parquet", "--out", str(work / "cli")]
        )
        import pyarrow.parquet as pq

        cli_nodes = pq.read_metadata(work / "cli" / "nodes.parquet").num_rows
        print(
            f"CLI batch --to parquet: {cli_s:.2f} s, {cli_nodes} nodes, "
            f"peak RSS {peak / 1e6:.0f} MB ({peak / size:.2f}x the corpus)",
            flush=True,
        )

        # 3. Python, in process
        gongwen.read_corpus(files[:8])
        start = time.perf_counter()
        tables = gongwen.read_corpus(files)
        py_s = time.perf_counter() - start
        assert tables["nodes"].num_rows == cli_nodes, (tables["nodes"].num_rows, cli_nodes)
        del tables
        print(f"Python read_corpus -> pyarrow: {py_s:.2f} s = {py_s / cli_s:.2f}x the CLI", flush=True)

        # 4. Dask, 1 worker then 2, in rounds
        ratios = []
        for r in range(a.rounds):
            times = {}
            for w in (1, 2):
                out = work / f"dask{r}-{w}"
                times[w] = dask_run(files, w, a.blocksize, out)
                rows = pq.ParquetDataset(out).read(columns=["doc_id"]).num_rows
                assert rows == cli_nodes, (w, rows, cli_nodes)
                shutil.rmtree(out)
            ratios.append(times[1] / times[2])
            print(
                f"Dask round {r + 1}: 1 worker {times[1]:.2f} s, 2 workers {times[2]:.2f} s "
                f"({cli_nodes} nodes): {ratios[-1]:.2f}x",
                flush=True,
            )
        print(f"Dask speed-up, 2 workers / 1, median of {a.rounds}: {sorted(ratios)[len(ratios) // 2]:.2f}x", flush=True)
    finally:
        if a.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
