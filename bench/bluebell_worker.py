"""Times bluebell on one input, in a process of its own (run by compare.py).

    python bluebell_worker.py rs|py INPUT FRBR_URI OUTPUT RUNS

`rs` is bluebell-akn with its Rust parser (bluebell-akn-rs): `bluebell.parse_to_xml_bytes` uses
it whenever `_bluebell_rs` imports. `py` is pure-Python bluebell: `_bluebell_rs` is blocked
before bluebell is imported, so the same call takes bluebell's own fallback (the canopy parser
and the lxml generator), exactly as on a machine without the extension.

Prints one JSON object: the times of RUNS runs after a warm-up run (none for `py` when RUNS is
1, since a run takes seconds), and writes the XML of the last run to OUTPUT.
"""

import json
import sys
import time


def main() -> None:
    mode, path, uri, out, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
    if mode == "py":
        sys.modules["_bluebell_rs"] = None  # type: ignore[assignment]  # import now fails
    import bluebell
    from bluebell.parser import parse_to_xml_bytes

    try:
        import _bluebell_rs  # noqa: F401

        rust = True
    except ImportError:
        rust = False
    if (mode == "rs") != rust:
        sys.exit(f"bluebell worker: mode {mode} but the Rust parser is {'loaded' if rust else 'missing'}")

    with open(path, encoding="utf-8") as f:
        text = f.read()
    warm = runs > 1 or mode == "rs"
    if warm:
        parse_to_xml_bytes(text, "statement", uri)
    times = []
    xml = b""
    for _ in range(runs):
        xml = b""  # the previous output freed before the clock starts, as for gongwen
        t = time.perf_counter()
        xml = parse_to_xml_bytes(text, "statement", uri)
        times.append(time.perf_counter() - t)
    with open(out, "wb") as f:
        f.write(xml)
    print(json.dumps({"mode": mode, "version": bluebell.__version__, "rust": rust, "times": times}))


if __name__ == "__main__":
    main()
