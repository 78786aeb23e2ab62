#!/usr/bin/env bash
# Seeds the fuzz corpora from the fixtures (and the shared corpus when it is there).
# The corpora are not committed: ../shared documents stay outside the repository.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/text_read corpus/text_roundtrip corpus/json_read corpus/xml_read corpus/akn_read corpus/model_roundtrip
for f in ../tests/fixtures/*.txt ../../shared/corpus/*.txt; do
    [ -f "$f" ] || continue
    name=$(basename "$f" .txt)
    cp "$f" "corpus/text_read/$name"
    cp "$f" "corpus/text_roundtrip/$name"
    cp "$f" "corpus/model_roundtrip/$name"
done
cp ../tests/fixtures/akn/*.xml corpus/akn_read/ 2>/dev/null || true
cp ../tests/fixtures/xml/*.xml corpus/xml_read/ 2>/dev/null || true
if [ -x ../target/release/gongwen ]; then
    for f in ../tests/fixtures/*.txt; do
        b=$(basename "$f" .txt)
        ../target/release/gongwen convert "$f" --to json > "corpus/json_read/$b.json" 2>/dev/null || true
        ../target/release/gongwen convert "$f" --to xml > "corpus/xml_read/$b.xml" 2>/dev/null || true
        ../target/release/gongwen convert "$f" --to akn > "corpus/akn_read/$b.akn.xml" 2>/dev/null || true
    done
fi
echo "seeded: $(ls corpus/text_read | wc -l) text, $(ls corpus/json_read | wc -l) json"
