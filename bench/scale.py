#!/usr/bin/env python3
"""Scale: linear growth from 1 MB to 10 MB on every path, peak memory, parallel batch.

    python3 bench/scale.py [--seed 7] [--runs 7] [--rounds 5] [--batch-count 400] [--no-build]
                           [--instructions]

1. Growth: `crates/gongwen/examples/paths.rs` times every conversion path in process on the
   generated 1 MB, 10 MB and 20 MB documents, in --rounds rounds that alternate the sizes (a
   slow spell of the machine then falls on all of them); the ratio 10 MB / 1 MB (the inputs
   are 10.0x apart) shows what the memory hierarchy adds to the work: a 1 MB document stays in
   the caches between runs, a 10 MB one does not; 20 MB / 10 MB shows the growth once neither
   fits in the caches; 'warm heap' repeats the 1 MB / 10 MB pair with the allocator told to keep
   freed memory, so that both reuse it instead of the 10 MB runs faulting in fresh pages;
   'cold' runs both with a warm heap and every cache emptied before each run (paths --cold);
   'mimalloc cold' runs both cold with mimalloc, the allocator the Python extension ships
   (examples/paths_mimalloc.rs: paths.rs with another global allocator).
   Two references do none of gongwen's work (the text copied into a fresh string, the model
   cloned): their ratio is what the machine's caches alone add from 1 MB to 10 MB.
   With --instructions, callgrind counts the instructions of every path at both sizes: their
   ratio is the growth of the work itself, whatever the caches do.
   Then conversions as commands (`gongwen convert`, a process a run, each size run in a row)
   that take every reader (text, JSON, gongwen XML, AKN) and every writer through
   a whole process, as a user runs them: the bar of issue 5 (10 MB at most 11x the time of
   1 MB) is judged there, with the instructions (--instructions) saying whether the work
   itself is linear.
2. Peak memory: `/usr/bin/time -v gongwen convert DOC_10MB --to FMT -o OUT`, maximum resident
   set size against the input size (the bar: at most 5x for AKN).
3. Batch: `gongwen batch` on --batch-count generated documents (20 KB on average, 10-30 KB) to
   AKN with --jobs 1 and --jobs 2, alternating, median of --batch-runs runs each, on tmpfs
   (/dev/shm) with a fresh output directory a run (the bar: 2 jobs at least 1.7x faster).

Needs Python 3.8+ and /usr/bin/time (Debian: apt-get install time). Prints the machine and the
load average, which decide how much the figures mean: take them on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchenv import load, machine

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "target" / "release"


def busy() -> str:
    """Other processes using the CPU now (a fuzzer, a build): they decide how far 2 jobs go."""
    try:
        r = subprocess.run(["ps", "-eo", "pcpu=,comm="], capture_output=True, text=True)
    except OSError:
        return "?"
    hot = [l.split(None, 1) for l in r.stdout.splitlines() if l.strip()]
    return ", ".join(f"{c.strip()} {p}%" for p, c in hot if float(p) >= 20 and "python" not in c)


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    r = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit(f"failed ({r.returncode}): {' '.join(map(str, cmd))}\n{r.stderr}")
    return r


WARM = "glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=1073741824"


def paths(doc: Path, runs: int, warm: bool = False, cold: bool = False, mimalloc: bool = False) -> dict[str, dict]:
    env = dict(os.environ, GLIBC_TUNABLES=WARM) if warm else None
    exe = TARGET / "examples" / ("paths_mimalloc" if mimalloc else "paths")
    r = run([exe, doc, "--runs", str(runs)] + (["--cold"] if cold else []), env=env)
    return {d["path"]: d for d in map(json.loads, r.stdout.splitlines())}


# paths.rs's references: no work of gongwen's, only the bytes moved (the text copied, the model
# cloned); their growth is the machine's, the yardstick for the paths'
REFERENCES = ("copy_text", "clone_model")

# the function each path of examples/paths.rs times, for callgrind's --toggle-collect
ENTRY = {
    "text_to_model": ["gongwen::text::read::read"],
    "model_to_text": ["gongwen::text::write::write"],
    "model_to_json": ["gongwen::json::to_string*"],
    "model_to_xml": ["gongwen::xml::write::to_string"],
    "model_to_akn": ["gongwen::akn::write::to_string"],
    "json_to_model": ["gongwen::json::from_str"],
    "xml_to_model": ["gongwen::xml::read::from_str"],
    "akn_to_model": ["gongwen::akn::read::from_str"],
    "text_to_akn": ["gongwen::text::read::read", "gongwen::akn::write::to_string"],
    "model_to_json_stream": ["gongwen::json::to_writer*"],
    "model_to_xml_stream": ["gongwen::xml::write::to_writer"],
    "model_to_akn_stream": ["gongwen::akn::write::to_writer"],
}


def instructions(one: Path, ten: Path) -> None:
    """Instructions each path executes at 1 MB and at 10 MB (callgrind counts instructions, not
    seconds: the same whatever the caches and the machine do). Their ratio says whether the work
    grows linearly; the time's ratio adds what the memory hierarchy adds."""
    if shutil.which("valgrind") is None:
        print("\n== instructions: valgrind is missing (apt-get install valgrind)")
        return
    print("\n== instructions per path (callgrind, --toggle-collect on the path's function; one")
    print("   warm-up call, one timed call, and the set-up's call where it uses the same function)")
    print(f"{'path':22} {'1 MB':>14} {'10 MB':>15} {'ratio':>6}")
    for p, fns in ENTRY.items():
        counts = []
        for doc in (one, ten):
            cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
            cmd += [f"--toggle-collect={f}" for f in fns]
            cmd += [TARGET / "examples" / "paths", doc, "--runs", "1", "--paths", p]
            r = run(cmd)
            m = re.search(r"Collected : (\d+)", r.stderr)
            counts.append(int(m.group(1)) if m else 0)
        if 0 in counts:
            print(f"{p:22} {'not found':>14}  (the function was inlined or renamed: see ENTRY)")
            continue
        print(f"{p:22} {counts[0]:>14,} {counts[1]:>15,} {counts[1] / counts[0]:6.2f}")


def cli_time(cmd: list, runs: int) -> float:
    """The median time of `runs` runs of `cmd` in a row, after one untimed run. In a row, not
    alternating with the other size: a 10 MB run just before would empty the caches for the
    1 MB one and flatter the ratio (alternating gave 5.4-9.2 where this gives 7-11)."""
    run(cmd)
    ts = []
    for _ in range(runs):
        t = time.perf_counter()
        run(cmd)
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)


def peak_rss_kb(cmd: list) -> tuple[int, float]:
    r = subprocess.run(["/usr/bin/time", "-v", *map(str, cmd)], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"failed: {cmd}\n{r.stderr}")
    kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", r.stderr)
    secs = float(wall.group(3)) + 60 * int(wall.group(2)) + 3600 * int(wall.group(1) or 0)
    return kb, secs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--runs", type=int, default=7, help="runs of a path at 1 MB in a round (a third at 10 MB)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--batch-runs", type=int, default=7)
    ap.add_argument("--batch-dir", type=Path, help="where the batch runs (default: /dev/shm, a tmpfs)")
    ap.add_argument("--batch-count", type=int, default=400)
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument(
        "--instructions",
        action="store_true",
        help="also count the instructions of every path at 1 MB and 10 MB under callgrind (some minutes)",
    )
    args = ap.parse_args()
    if not Path("/usr/bin/time").exists():
        sys.exit("/usr/bin/time is missing: apt-get install time")
    if not args.no_build:
        print("building (cargo build --release)…", flush=True)
        run(["cargo", "build", "--release", "-q", "-p", "gongwen-cli", "-p", "gongwen-synth"], cwd=ROOT)
        run(["cargo", "build", "--release", "-q", "-p", "gongwen", "--example", "paths", "--example", "paths_mimalloc"], cwd=ROOT)
    print(f"machine: {machine()}")
    print(f"busy processes: {busy() or 'none'}")
    work = Path(tempfile.mkdtemp(prefix="gongwen-scale-"))
    docs = {}
    for size in (1_000_000, 10_000_000, 20_000_000):
        docs[size] = work / f"synth-{size}.txt"
        run([TARGET / "gongwen-synth", "--bytes", size, "--seed", args.seed, "--out", docs[size]])
    one, ten, twenty = docs[1_000_000], docs[10_000_000], docs[20_000_000]
    ratio_in = ten.stat().st_size / one.stat().st_size

    print(f"\n== growth in process: {one.stat().st_size:,} B and {ten.stat().st_size:,} B of text ({ratio_in:.2f}× apart), median of {args.runs}")
    print("   ratio = 10 MB time / 1 MB time; 'warm heap' runs with GLIBC_TUNABLES=" + WARM)
    print("   (the allocator then reuses freed memory at 10 MB as it does at 1 MB instead of mapping")
    print("   fresh pages for every run: the difference is the kernel zeroing pages, not gongwen)")
    # 1 MB and 10 MB alternate, round after round, so that a slow spell of the machine falls on
    # both; a ratio is the median of the ratios within a round
    # how each column runs paths.rs; a round times every column at 1 MB and at 10 MB
    columns = {
        "as it is": {},
        "warm heap": {"warm": True},
        "cold": {"warm": True, "cold": True},
        "mimalloc cold": {"cold": True, "mimalloc": True},
    }
    # per round: column -> (1 MB results, 10 MB results); the 20 MB results apart
    rounds: list[dict[str, tuple[dict, dict]]] = []
    twenties: list[dict] = []
    for _ in range(args.rounds):
        rounds.append(
            {c: (paths(one, args.runs, **kw), paths(ten, max(2, args.runs // 3), **kw)) for c, kw in columns.items()}
        )
        twenties.append(paths(twenty, 2))
    print("   'cold' = warm heap, and every cache emptied before each run (paths --cold writes 96 MiB):")
    print("   1 MB and 10 MB alike read their input and model from memory, as a document met once does")
    print("   'mi cold' = cold with mimalloc (the Python extension's allocator) instead of glibc")
    print("   '20/10' = 20 MB time / 10 MB time: linear growth once the work no longer fits in the caches")
    print(f"{args.rounds} rounds; {'path':22} {'1 MB':>9} {'10 MB':>9} {'ratio':>6} {'warm heap':>10} {'cold':>6} {'mi cold':>7}  {'MB/s at 10 MB':>13} {'20/10':>6}")
    worst = worst_warm = worst_cold = worst_mi = 0.0
    reference: dict[str, tuple[float, float, float, float]] = {}
    for p in rounds[0]["as it is"][0]:
        if p in REFERENCES and not reference:
            print("   the machine's own growth (paths.rs REFERENCES; none of gongwen's work):")
        # a reader that refused its input in any run: its error instead of figures
        results = [m for r in rounds for pair in r.values() for m in pair] + twenties
        why = next((m.get(p, {"error": "missing"}).get("error") for m in results if "error" in m.get(p, {"error": "missing"})), None)
        if why is not None:
            print(f"{p:22} {'refused':>9}  {why}")
            continue
        t1 = statistics.median(x["as it is"][0][p]["median_s"] for x in rounds)
        t10 = statistics.median(x["as it is"][1][p]["median_s"] for x in rounds)

        def growth(column: str) -> float:
            """10 MB / 1 MB, the median of the ratios within a round"""
            return statistics.median(x[column][1][p]["median_s"] / x[column][0][p]["median_s"] for x in rounds)

        r, rw, rc, rm = (growth(c) for c in columns)
        r20 = statistics.median(t[p]["median_s"] / x["as it is"][1][p]["median_s"] for x, t in zip(rounds, twenties))
        if p in REFERENCES:
            reference[p] = (r, rw, rc, rm)
        else:
            worst, worst_warm = max(worst, r), max(worst_warm, rw)
            worst_cold, worst_mi = max(worst_cold, rc), max(worst_mi, rm)
        print(
            f"{p:22} {t1 * 1e3:7.2f}ms {t10 * 1e3:7.1f}ms {r:6.2f} {rw:10.2f} {rc:6.2f} {rm:7.2f}  {ten.stat().st_size / t10 / 1e6:13.0f} {r20:6.2f}"
        )
    print(
        f"worst ratio of gongwen's paths {worst:.2f}, warm heap {worst_warm:.2f}, cold {worst_cold:.2f},"
        f" mimalloc cold {worst_mi:.2f}"
    )
    print("  (in process, for what the caches add; the bar is judged on the commands below)")
    for p, (r, rw, rc, rm) in reference.items():
        print(f"  the machine alone, {p}: {r:.2f}, warm heap {rw:.2f}, cold {rc:.2f}, mimalloc cold {rm:.2f}")
    if args.instructions:
        instructions(one, ten)

    print(
        f"\n== growth of the command: gongwen convert, a process a run "
        f"(median of {args.runs} in a row at each size)"
    )
    print(f"{'conversion':22} {'1 MB':>9} {'10 MB':>9} {'ratio':>6}")
    # every reader (text, JSON, gongwen XML, AKN) and every writer, each in at least one command
    conversions = (
        ("text", "akn"), ("text", "xml"), ("text", "json"), ("text", "text"),
        ("json", "akn"), ("xml", "text"), ("akn", "text"),
    )
    worst_cmd = (0.0, "")
    for src_fmt, fmt in conversions:
        cmds = []
        for doc in (one, ten):
            inp = doc
            if src_fmt != "text":
                inp = work / f"{doc.stem}.{src_fmt}"
                run([TARGET / "gongwen", "convert", doc, "--to", src_fmt, "-o", inp])
            cmds.append([TARGET / "gongwen", "convert", inp, "--to", fmt, "-o", work / f"cli.{fmt}"])
        ts = [cli_time(cmd, args.runs) for cmd in cmds]
        ratio = ts[1] / ts[0]
        worst_cmd = max(worst_cmd, (ratio, f"{src_fmt} → {fmt}"))
        print(f"{src_fmt + ' → ' + fmt:22} {ts[0] * 1e3:7.1f}ms {ts[1] * 1e3:7.1f}ms {ratio:6.2f}")
    verdict = "pass" if worst_cmd[0] <= 11 else "fail"
    print(f"  [{verdict}] 10 MB at most 11× the time of 1 MB on every conversion: worst {worst_cmd[0]:.2f} ({worst_cmd[1]})")

    print(f"\n== peak memory, gongwen convert of the 10 MB text ({ten.stat().st_size:,} B) to a file")
    for fmt in ("akn", "xml", "json", "text"):
        kb, secs = peak_rss_kb([TARGET / "gongwen", "convert", ten, "--to", fmt, "-o", work / f"out.{fmt}"])
        print(f"  --to {fmt:5} peak RSS {kb / 1024:6.1f} MiB = {kb * 1024 / ten.stat().st_size:4.2f}× the input, {secs:.2f} s wall")

    # on tmpfs by default, each run into a fresh directory, all removed at the end: removing 400
    # files and creating them again at once sends ext4 scanning its inode tables for recently
    # deleted inodes (most of the system time of a run), which measures the file system
    shm = Path("/dev/shm")
    base = Path(tempfile.mkdtemp(prefix="gongwen-batch-", dir=args.batch_dir or (shm if shm.is_dir() else None)))
    print(f"\n== batch: {args.batch_count} generated documents to AKN, --jobs 1 vs --jobs 2 (in {base})")
    inp = base / "in"
    run([TARGET / "gongwen-synth", "--bytes", "20000", "--seed", "1", "--dir", inp, "--count", args.batch_count])
    total = sum(p.stat().st_size for p in inp.iterdir())
    times: dict[int, list[float]] = {1: [], 2: []}
    for k in range(args.batch_runs):
        for jobs in (1, 2):
            out = base / f"out-{jobs}-{k}"
            t = time.perf_counter()
            run([TARGET / "gongwen", "batch", inp, "--to", "akn", "--out", out, "--jobs", str(jobs)])
            times[jobs].append(time.perf_counter() - t)
    shutil.rmtree(base, ignore_errors=True)
    t1, t2 = statistics.median(times[1]), statistics.median(times[2])
    print(f"  {total / 1e6:.1f} MB of text; --jobs 1 {t1:.3f} s ({args.batch_count / t1:.0f} documents/s), --jobs 2 {t2:.3f} s ({args.batch_count / t2:.0f} documents/s)")
    print(f"  speed-up {t1 / t2:.2f}× (bar: ≥ 1.7; best runs {min(times[1]) / min(times[2]):.2f}×)")
    print(f"busy processes: {busy() or 'none'}")
    print(f"\nload average at the end: {load()}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
