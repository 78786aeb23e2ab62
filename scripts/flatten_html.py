#!/usr/bin/env python3
"""Flattens an HTML page to text the way ../shared/corpus/SOURCES.md route C describes.

A minimal innerText-style converter: block tags and <br> break lines, <td>/<th> end with a tab,
<script>/<style> are dropped, entities are decoded, runs of ASCII white space collapse to one
space (U+3000 and NBSP are kept), lines are trimmed of ASCII spaces, and three or more blank
lines are squeezed to two.

Usage: flatten_html.py PAGE.html [OUT.txt]   (prints to stdout without OUT)

It exists so that tests can hold an outline written for a gov.cn page against the page's text
without a copy of that text in this repository (the pages stay in ../shared/wide/govcn).
"""
import html.parser
import re
import sys

BLOCK = {
    "p", "div", "br", "tr", "table", "tbody", "thead", "tfoot", "li", "ul", "ol", "h1", "h2", "h3",
    "h4", "h5", "h6", "section", "article", "header", "footer", "blockquote", "pre", "hr", "center",
    "dl", "dt", "dd", "form", "nav", "aside", "caption",
}


class Flatten(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in BLOCK:
            self.out.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th"):
            self.out.append("\t")
        elif tag in BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(re.sub(r"[ \t\r\n\f\v]+", " ", data))


def flatten(src: str) -> str:
    p = Flatten()
    p.feed(src)
    p.close()
    text = "".join(p.out)
    lines = [l.strip(" ") for l in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{4,}", "\n\n\n", text)
    return text.strip("\n") + "\n"


def main():
    src = open(sys.argv[1], encoding="utf-8").read()
    text = flatten(src)
    if len(sys.argv) > 2:
        open(sys.argv[2], "w", encoding="utf-8").write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
