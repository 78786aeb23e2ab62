#!/usr/bin/env bash
# Seeds the fuzz corpora from the fixtures (and the shared corpus when it is there).
# The corpora are not committed: ../shared documents stay outside the repository.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/text_read corpus/text_roundtrip corpus/json_read
for f in ../tests/fixtures/*.txt ../../shared/corpus/*.txt; do
    [ -f "$f" ] || continue
    name=$(basename "$f" .txt)
    cp "$f" "corpus/text_read/$name"
    cp "$f" "corpus/text_roundtrip/$name"
done
if [ -x ../target/release/gongwen ]; then
    for f in ../tests/fixtures/*.txt; do
        ../target/release/gongwen convert "$f" --to json > "corpus/json_read/$(basename "$f" .txt).json" 2>/dev/null || true
    done
fi
echo "seeded: $(ls corpus/text_read | wc -l) text, $(ls corpus/json_read | wc -l) json"
