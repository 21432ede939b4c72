"""Near-duplicate pairs with datasketch, the peer users of Python reach for (issue 4).

Reads JSONL (one article per line, body in `text`/`body`/`content`), builds a 128-permutation
MinHash of each body's word 5-shingles (lower-cased, letters and digits only — the same words
storyline uses), inserts it into a MinHashLSH index at threshold 0.5, and prints every pair the
index proposes whose estimated Jaccard is at least 0.5, as `ID_A<TAB>ID_B<TAB>ESTIMATE`.
It is the whole job, timed as one process next to `storyline near-duplicates --raw`.
"""

import json
import re
import sys

from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text, k=5):
    words = ["".join(ch for ch in w if ch.isalnum()) for w in WORD.findall(text.lower())]
    words = [w for w in words if w]
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def main(path, threshold=0.5, perms=128):
    lsh = MinHashLSH(threshold=threshold, num_perm=perms)
    out = sys.stdout
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            doc = json.loads(line)
            text = doc.get("text") or doc.get("body") or doc.get("content") or ""
            key = f"{path}#{doc.get('id', n)}"
            sh = shingles(text)
            if not sh:
                continue
            m = MinHash(num_perm=perms)
            for s in sh:
                m.update(s.encode("utf-8"))
            for other in lsh.query(m):
                est = m.jaccard(lsh_keys[other])
                if est >= threshold:
                    out.write(f"{other}\t{key}\t{est:.3f}\n")
            lsh.insert(key, m)
            lsh_keys[key] = m


lsh_keys = {}

if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 0.5)
