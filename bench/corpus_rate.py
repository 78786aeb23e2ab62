#!/usr/bin/env python3
"""Text → AKN in ms/MB on every real document of ../shared/corpus, with its bytes a line.

    cargo build --release -p gongwen --example paths --bin gongwen
    python3 bench/corpus_rate.py [--runs 20] [--corpus ../shared/corpus]

The reader's time goes by lines more than by bytes, so a document's ms/MB follows its bytes a
line: this prints both for each document (a law is one whose outline has articles; a work
report one whose file is named `baogao-`, the corpus's own naming of its genres) and the
medians of each kind, for the laws' benchmark (`cargo bench -p gongwen --bench laws`) to be read
against: the 公文 it generates, and the 公文 people publish.
"""

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = ap.parse_args()
    paths = ROOT / "target" / "release" / "examples" / "paths"
    gongwen = ROOT / "target" / "release" / "gongwen"
    for exe in (paths, gongwen):
        if not exe.exists():
            sys.exit(f"{exe} not built: cargo build --release -p gongwen --example paths --bin gongwen")
    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        sys.exit(f"no documents in {args.corpus}")
    rows = []
    for f in files:
        out = subprocess.run(
            [paths, f, "--runs", str(args.runs), "--paths", "text_to_akn"],
            capture_output=True, text=True, check=True,
        ).stdout
        r = json.loads(out.splitlines()[0])
        if "error" in r:
            print(f"{f.name}: {r['error']}", file=sys.stderr)
            continue
        text = f.read_text(encoding="utf-8")
        lines = sum(1 for l in text.splitlines() if l.strip())
        outline = subprocess.run([gongwen, "outline", f], capture_output=True, text=True).stdout
        kind = (
            "law" if "\narticle " in outline or "  article " in outline
            else "report" if f.name.startswith("baogao-")
            else "公文"
        )
        rate = r["median_s"] * 1e3 / (r["bytes"] / 1e6)
        rows.append((kind, rate, r["bytes"] / max(lines, 1), r["bytes"], f.name))
    print(f"{'kind':7} {'ms/MB':>7} {'B/line':>7} {'bytes':>8}  file")
    for kind, rate, per_line, size, name in sorted(rows, key=lambda x: (x[0], x[1])):
        print(f"{kind:7} {rate:7.1f} {per_line:7.0f} {size:8d}  {name}")
    print()
    for kind in ("公文", "law", "report"):
        of = [r for r in rows if r[0] == kind]
        if of:
            print(
                f"{kind}: {len(of)} documents, median {statistics.median(r[1] for r in of):.1f} ms/MB, "
                f"median {statistics.median(r[2] for r in of):.0f} bytes a line"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
