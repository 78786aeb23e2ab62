#!/usr/bin/env bash
# Seeds the fuzz corpora from the fixtures (and the shared corpus when it is there).
# The corpora are not committed: ../shared documents stay outside the repository.
# The html and read targets also take the dictionary html.dict (-- -dict=fuzz/html.dict).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/text_read corpus/text_roundtrip corpus/json_read corpus/xml_read corpus/akn_read corpus/model_roundtrip \
    corpus/html corpus/read
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
# html: the page fixture, the smaller gov.cn pages of the shared corpus, and a few small pages
# (tables with spans, a declared charset, scripts, entities); read: a bit of every format
for f in ../tests/fixtures/*.html; do
    [ -f "$f" ] || continue
    cp "$f" corpus/html/
    cp "$f" corpus/read/
done
for f in ../../shared/wide/govcn/*.html; do
    [ -f "$f" ] && [ "$(wc -c < "$f")" -le 16384 ] || continue
    cp "$f" "corpus/html/govcn-$(basename "$f")"
done
printf '%s' '<table><tr><th>项目</th><th colspan="2">金额</th></tr><tr><td rowspan="2">一</td><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>' > corpus/html/table.html
printf '%s' '<html><head><meta charset="gbk"><title>通知</title></head><body><p>关于加强某项工作的通知</p><p>各单位：</p><p>一、总体要求</p></body></html>' > corpus/html/charset.html
printf '%s' '<div><p>一、总体要求<span>正文</b></p><p>二、具体要求&nbsp;正文&#x4e00;&amp;<div><script>var a="<p>三</p>";</script><!-- c --><br>附件1' > corpus/html/soup.html
printf '%s' '<table class="box"><tr><td>索引号：</td><td>000014349/2023-00001</td><td>主题分类：</td><td>综合政务</td></tr><tr><td>发文机关：</td><td>国务院办公厅</td><td>成文日期：</td><td>2023年06月30日</td></tr><tr><td>标题：</td><td colspan="3">国务院办公厅关于加强某项工作的通知</td></tr><tr><td>发文字号：</td><td>国办发〔2023〕17号</td></tr></table><p>各省、自治区、直辖市人民政府：</p><p>一、总体要求</p><p>（一）明确目标。</p><p style="text-align:right">国务院办公厅<br>2023年6月30日</p>' > corpus/html/box.html
cp corpus/html/table.html corpus/html/soup.html corpus/html/box.html corpus/read/
for f in ../tests/fixtures/sample-decision.txt ../tests/fixtures/notice-attachments.txt \
         ../tests/fixtures/not-utf8.txt ../tests/fixtures/crlf-bom.txt ../tests/fixtures/law-regulation.txt \
         ../tests/fixtures/akn/valid-decision.akn.xml ../tests/fixtures/xml/*.xml; do
    [ -f "$f" ] || continue
    cp "$f" corpus/read/
done
for b in sample-decision notice-attachments; do
    for f in "corpus/json_read/$b.json" "corpus/xml_read/$b.xml" "corpus/akn_read/$b.akn.xml"; do
        [ -f "$f" ] || continue
        cp "$f" corpus/read/
    done
done
echo "seeded: $(ls corpus/text_read | wc -l) text, $(ls corpus/json_read | wc -l) json, $(ls corpus/html | wc -l) html, $(ls corpus/read | wc -l) read"
