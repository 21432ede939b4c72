"""trafilatura on the pages of an extraction set, the peer of `storyline eval extraction` (issue 3).

Usage: extraction_trafilatura.py MODE LIST [ROUNDS]

LIST has one `ID<TAB>PATH` line per page. MODE says how each benchmark's own runner hands pages
to trafilatura: `gzip-text` (Zyte: gunzip, decode as UTF-8 text) or `bytes` (trafilatura's
evaluation: the raw bytes, trafilatura sniffs the charset). Every page is read into memory first;
only the `extract` calls are timed, on one core, as storyline's side is. With ROUNDS (default 1)
every page is extracted that many times over and the best round's time counts, as on
storyline's side; the texts are the first round's.

Prints one JSON object: {"version", "seconds", "texts": {ID: text or null}}.
"""

import gzip
import json
import sys
import time
from importlib.metadata import version

import trafilatura


def load(mode, path):
    if mode == "gzip-text":
        with gzip.open(path, "rt", encoding="utf8") as f:
            return f.read()
    with open(path, "rb") as f:
        return f.read()


def main(mode, list_path, rounds=1):
    pages = []
    with open(list_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                page_id, path = line.rstrip("\n").split("\t", 1)
                pages.append((page_id, load(mode, path)))
    texts = {}
    best = float("inf")
    for _ in range(max(1, rounds)):
        seconds = 0.0
        for page_id, html in pages:
            started = time.perf_counter()
            # The settings of both benchmarks' runners: no comments, tables kept (the default).
            text = trafilatura.extract(html, include_comments=False)
            seconds += time.perf_counter() - started
            texts.setdefault(page_id, text)
        best = min(best, seconds)
    json.dump({"version": version("trafilatura"), "seconds": best, "texts": texts}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1)
