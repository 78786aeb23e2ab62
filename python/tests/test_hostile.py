"""Hostile inputs: each call either returns a document or raises a `GongwenError` subclass.
Anything else, above all pyo3's `PanicException` (a `BaseException` that `except Exception`
misses), fails the test."""

from __future__ import annotations

import json
import random
from collections.abc import Callable

import pytest
from conftest import FIXTURES, READABLE, SAMPLE

import gongwen
from gongwen import Document, GongwenError


def attempt(read: Callable[[], Document]) -> Document | GongwenError:
    """The document, or the GongwenError; any other exception (or a panic) propagates."""
    try:
        doc = read()
    except GongwenError as e:
        for attr in (e.line, e.column, e.offset):
            assert attr is None or (isinstance(attr, int) and attr >= 0)
        return e
    # what was read can be navigated and written without trouble
    for _, node in doc.walk():
        node.heading, node.span, node.paragraphs  # noqa: B018
    assert Document.from_json(doc.to_json()) == doc
    doc.to_text()
    doc.outline()
    return doc


def test_empty_and_blank() -> None:
    for text in ("", b"", " ", "\n\n\n", "\r\n\t \u3000\ufeff", "\ufeff"):
        assert isinstance(attempt(lambda: gongwen.parse(text)), gongwen.ParseError)


def test_random_bytes_never_panic() -> None:
    rng = random.Random(1)
    errors = 0
    for _ in range(300):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
        if isinstance(attempt(lambda: gongwen.parse(data)), GongwenError):
            errors += 1
        attempt(lambda: gongwen.loads(data))
    assert errors > 250  # random bytes are almost never UTF-8


def test_random_cuts_of_the_sample() -> None:
    data = SAMPLE.read_bytes()
    text = data.decode()
    rng = random.Random(2)
    outcomes = {"doc": 0, "error": 0}
    for _ in range(200):
        a, b = sorted(rng.randrange(len(data) + 1) for _ in range(2))
        for piece in (data[a:b], data[:b], data[a:]):
            r = attempt(lambda: gongwen.parse(piece))
            outcomes["doc" if isinstance(r, Document) else "error"] += 1
        i, j = sorted(rng.randrange(len(text) + 1) for _ in range(2))
        attempt(lambda: gongwen.parse(text[i:j]))
        attempt(lambda: gongwen.parse(text[:i] + text[j:]))
    assert outcomes["doc"] > 0 and outcomes["error"] > 0


def test_shuffled_and_mutated_lines() -> None:
    rng = random.Random(3)
    for name in READABLE:
        lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
        for _ in range(5):
            mixed = lines[:]
            rng.shuffle(mixed)
            attempt(lambda: gongwen.parse("\n".join(mixed)))
            # duplicate, drop and glue lines
            k = rng.randrange(len(lines))
            glued = lines[:k] + [lines[k] * 3] + lines[k + 1 :] + lines[:k]
            attempt(lambda: gongwen.parse("".join(glued)))
            attempt(lambda: gongwen.parse("\n".join(glued)))


def test_control_characters() -> None:
    controls = "".join(chr(c) for c in list(range(0, 32)) + list(range(127, 160)))
    specials = "\u200b\u200e\u202e\u2028\u2029\ufeff\ufffe\uffff\U0010ffff\u0300"
    sample = SAMPLE.read_text(encoding="utf-8")
    for junk in (controls, specials, controls * 100):
        attempt(lambda: gongwen.parse(junk))
        attempt(lambda: gongwen.parse(junk + sample))
        attempt(lambda: gongwen.parse(sample.replace("。", "。" + junk)))
        attempt(lambda: gongwen.parse(sample.replace("\n", junk + "\n")))
    doc = gongwen.parse("关于\x00测试的通知\n一、总\x07体\n（一）内容。正文\x1b[31m。\n")
    assert isinstance(doc, Document)
    assert Document.from_json(doc.to_json()) == doc


def test_huge_lines() -> None:
    for text in (
        "字" * 2_000_000,
        "一、" + "标题" * 500_000,
        "（一）" * 200_000,
        "关于" + "的" * 1_000_000 + "的通知\n一、正文\n",
        "\n" * 1_000_000 + "x",
        "\r" * 1_000_000 + "x",
    ):
        attempt(lambda: gongwen.parse(text))


def test_many_markers() -> None:
    for text in (
        "".join(f"{i}.条目{i}。\n" for i in range(1, 20_000)),
        "一、\n" * 50_000,
        "附件\n" * 20_000,
        "（一）（二）（三）\n" * 20_000,
    ):
        attempt(lambda: gongwen.parse(text))


def test_truncated_and_mutated_json() -> None:
    doc = gongwen.load(SAMPLE)
    src = doc.to_json(indent=1)
    rng = random.Random(5)
    for _ in range(300):
        cut = rng.randrange(len(src))
        r = attempt(lambda: Document.from_json(src[:cut]))
        assert isinstance(r, GongwenError)
        flipped = list(src)
        k = rng.randrange(len(flipped))
        flipped[k] = rng.choice('{}[]",:0a\\\u0000字')
        attempt(lambda: Document.from_json("".join(flipped)))


def test_mutated_dicts() -> None:
    base = gongwen.load(FIXTURES / "notice-attachments.txt").to_dict()
    rng = random.Random(6)
    replacements: list[object] = [None, 0, -1, 2**40, 1.5, "", "x", [], {}, [None], {"x": 1}, True]

    def paths(value: object, here: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        out = [here]
        if isinstance(value, dict):
            for k, v in value.items():
                out += paths(v, here + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                out += paths(v, here + (i,))
        return out

    all_paths = [p for p in paths(base) if p]
    for _ in range(300):
        data = json.loads(json.dumps(base))
        path = rng.choice(all_paths)
        holder = data
        for step in path[:-1]:
            holder = holder[step]
        value = rng.choice(replacements)
        holder[path[-1]] = value
        r = attempt(lambda: Document.from_dict(data))
        if isinstance(r, GongwenError):
            assert isinstance(r, gongwen.SchemaError)


def test_span_line_zero_round_trips() -> None:
    # regression: Span::is_empty() once looked at the line only, and the writer dropped the span
    src = '{"meta": {}, "preamble": [{"text": "x", "span": {"offset": 5, "len": 1, "line": 0, "column": 1}}]}'
    doc = Document.from_json(src)
    assert Document.from_json(doc.to_json()) == doc


@pytest.mark.parametrize("name", ["empty.txt", "whitespace-only.txt", "not-utf8.txt"])
def test_malformed_fixtures_raise(name: str) -> None:
    r = attempt(lambda: gongwen.load(FIXTURES / name))
    assert isinstance(r, gongwen.ParseError)


def test_parse_many_on_hostile_inputs() -> None:
    rng = random.Random(7)
    data = SAMPLE.read_bytes()
    pieces = [data[: rng.randrange(len(data))] for _ in range(50)]
    pieces = [p for p in pieces if p.strip()]
    expected = [attempt(lambda: gongwen.parse(p)) for p in pieces]
    good = [p for p, r in zip(pieces, expected) if isinstance(r, Document)]
    assert gongwen.parse_many(good) == [r for r in expected if isinstance(r, Document)]
