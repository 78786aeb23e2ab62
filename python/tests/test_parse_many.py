"""`parse_many` gives what a loop of `parse` gives, in input order, and errors say which text;
parsing and serialising release the GIL."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CORPUS, FIXTURES, READABLE, SAMPLE

import gongwen
from gongwen import ParseError


def texts() -> list[str]:
    paths = [FIXTURES / n for n in READABLE]
    if CORPUS.is_dir():
        paths += sorted(CORPUS.glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def test_equal_to_a_loop_of_parse() -> None:
    inputs = texts()
    expected = [gongwen.parse(t) for t in inputs]
    assert gongwen.parse_many(inputs) == expected
    for threads in (1, 2, 3):
        assert gongwen.parse_many(inputs, threads=threads) == expected


def test_large_batch_and_more_threads_than_texts() -> None:
    # above 128 KB in all, the default starts a thread per core (below, it parses on the caller)
    inputs = texts()
    batch = inputs * (1 + 300_000 // sum(len(t.encode()) for t in inputs))
    assert gongwen.parse_many(batch) == [gongwen.parse(t) for t in batch]
    assert gongwen.parse_many(inputs[:2], threads=16) == [gongwen.parse(t) for t in inputs[:2]]


def test_corpus_equal_to_a_loop_of_parse() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}: skipping the corpus case")
    inputs = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    assert gongwen.parse_many(inputs) == [gongwen.parse(t) for t in inputs]


def test_order_is_input_order() -> None:
    inputs = texts()
    order = list(range(len(inputs)))
    random.Random(4).shuffle(order)
    shuffled = [inputs[i] for i in order]
    docs = gongwen.parse_many(shuffled * 3)
    titles = [d.meta.title for d in docs]
    assert titles == [gongwen.parse(t).meta.title for t in shuffled] * 3


def test_accepts_any_iterable_of_str_and_bytes() -> None:
    sample = SAMPLE.read_text(encoding="utf-8")
    docs = gongwen.parse_many(x for x in [sample, sample.encode(), bytearray(sample.encode())])
    assert len(docs) == 3 and docs[0] == docs[1] == docs[2]
    assert gongwen.parse_many([]) == []
    assert gongwen.parse_many(()) == []


def test_first_failing_index_is_raised_like_parse() -> None:
    good = SAMPLE.read_text(encoding="utf-8")
    bad = (FIXTURES / "not-utf8.txt").read_bytes()
    with pytest.raises(ParseError) as single:
        gongwen.parse(bad)
    inputs: list[str | bytes] = [good] * 7
    inputs[5] = bad
    inputs[6] = ""
    with pytest.raises(ParseError) as many:
        gongwen.parse_many(inputs, threads=2)
    e = many.value
    assert e.index == 5
    assert str(e) == f"texts[5]: {single.value}"
    assert (e.line, e.column, e.offset) == (single.value.line, single.value.column, single.value.offset)
    inputs[5] = good
    with pytest.raises(ParseError, match=r"^texts\[6\]: input is empty$") as empty:
        gongwen.parse_many(inputs)
    assert empty.value.index == 6 and empty.value.line is None


def test_bad_items() -> None:
    with pytest.raises(TypeError, match=r"texts\[1\]: expected str or bytes, not int"):
        gongwen.parse_many(["标题", 3])  # type: ignore[list-item]
    with pytest.raises(ParseError, match=r"^texts\[2\]: .*surrogate") as info:
        gongwen.parse_many(["a", "b", "c\ud800"])
    assert info.value.index == 2
    assert (info.value.line, info.value.column, info.value.offset) == (1, 2, 1)
    with pytest.raises(ValueError, match="threads must be at least 1"):
        gongwen.parse_many(["a"], threads=0)
    with pytest.raises(TypeError):
        gongwen.parse_many(42)  # type: ignore[arg-type]


def big_text(copies: int = 400) -> str:
    """A text that takes a while to read and write: the sample with its body repeated."""
    sample = SAMPLE.read_text(encoding="utf-8")
    start = sample.index("一、深刻把握")
    end = sample.index("全县各级党组织和广大党员干部群众")
    return sample[:start] + sample[start:end] * copies + sample[end:]


def longest_stall(call: Callable[[], object]) -> tuple[float, float]:
    """Runs `call` while another thread ticks every millisecond; returns the call's duration and
    the longest time the other thread went without a tick during the call. A call that holds
    the GIL stalls the other thread for its whole duration."""
    ticks: list[float] = []
    stop = threading.Event()

    def tick() -> None:
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    time.sleep(0.05)
    start = time.perf_counter()
    call()
    end = time.perf_counter()
    time.sleep(0.05)
    stop.set()
    t.join()
    inside = [start] + [x for x in ticks if start <= x <= end] + [end]
    return end - start, max(b - a for a, b in zip(inside, inside[1:]))


def scaled(make: Callable[[int], Callable[[], object]]) -> tuple[Callable[[], object], float]:
    """The call `make(k)` for the smallest k (doubling) that takes at least 0.1 s."""
    k = 1
    while True:
        call = make(k)
        t0 = time.perf_counter()
        result = call()
        single = time.perf_counter() - t0
        del result  # freeing what the call made is not the call (and always needs the GIL)
        if single >= 0.1 or k >= 256:
            return call, single
        k *= 2


# `to_text` releases the GIL the same way (`detached` in document.rs), but its writer is so fast
# that making the Python `str` of the result, which needs the GIL, takes most of the call: the
# ticker cannot tell it from a call that holds the GIL throughout, so it is not measured here.
@pytest.mark.parametrize("what", ["parse", "parse_many", "from_json", "to_json", "to_xml", "to_akn"])
def test_the_gil_is_released(what: str) -> None:
    base = gongwen.parse(big_text())
    assert len(base.parts) == 3 * 400
    data = base.to_dict()

    def doc(k: int) -> gongwen.Document:
        return gongwen.Document.from_dict({**data, "body": data["body"] * k})

    def text(k: int) -> str:
        copies = min(400 * k, gongwen.MAX_INPUT_BYTES // 10_000)
        return big_text(copies)

    makers: dict[str, Callable[[int], Callable[[], object]]] = {
        "parse": lambda k: (lambda t: lambda: gongwen.parse(t))(text(k)),
        "parse_many": lambda k: (lambda t: lambda: gongwen.parse_many([t, t], threads=1))(text(k)),
        "from_json": lambda k: (lambda j: lambda: gongwen.Document.from_json(j))(doc(k).to_json()),
        "to_json": lambda k: doc(k).to_json,
        "to_xml": lambda k: doc(k).to_xml,
        "to_akn": lambda k: doc(k).to_akn,
    }
    call, single = scaled(makers[what])
    assert single >= 0.05, f"{what}: one call takes {single:.3f}s, too quick to tell"
    # A call that held the GIL would stall the ticker for the whole call, in every attempt. One
    # that releases it still holds it to copy its input out of Python and to make the resulting
    # `str` or `bytes` (up to a third of the call for `to_json`; more for `to_xml` when the
    # machine is slow to fault in the pages of a large `bytes`). A thread can also go unscheduled
    # for a moment on a shared machine, so up to three attempts are made: the shortest stall
    # counts, and a call that holds the GIL still fails every one.
    stalls: list[float] = []
    for _ in range(3):
        # the results live until the window closes: freeing Python objects holds the GIL, and
        # that is the interpreter's doing, not the call's
        results: list[object] = []
        duration, stall = longest_stall(lambda: results.extend(call() for _ in range(3)))
        del results
        stalls.append(stall)
        if stall < 0.7 * single:
            break
    assert min(stalls) < 0.7 * single, f"{what}: ticker stalled {stalls} s; one call takes {single:.3f}s"


def test_path_inputs_read_the_same(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(SAMPLE.read_bytes())
    assert gongwen.parse_many([p.read_text(encoding="utf-8")]) == [gongwen.load(p)]
