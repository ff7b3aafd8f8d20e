#!/usr/bin/env python3
"""Main-text extraction: Briefsmith's HTML reader against trafilatura, same pages, same scoring.

The pages are trafilatura's public evaluation set (its repository's tests/evaldata.json with
tests/eval/*.html and tests/cache/*.html). They are third-party pages, so they are not in this
repository: pass the folder that holds evaldata.json.

    cargo build --release -p briefsmith-import --example extract
    pip install trafilatura
    python3 crates/import/benches/extraction_eval.py PATH/TO/trafilatura/tests \
        --extractor target/release/examples/extract

Scoring, for each page: every "with" snippet found in the extracted text is a true positive,
every one missing a false negative; every "without" snippet found is a false positive.
Snippets and text are compared with whitespace collapsed. Precision, recall and F1 are over
all pages pooled. Time per page is wall time over the whole set divided by the pages.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time


def squash(text):
    return re.sub(r"\s+", " ", text).strip()


def load(eval_dir):
    with open(os.path.join(eval_dir, "evaldata.json"), encoding="utf-8") as f:
        data = json.load(f)
    pages = []
    for url, item in sorted(data.items()):
        for sub in ("eval", "cache"):
            path = os.path.join(eval_dir, sub, item["file"])
            if os.path.isfile(path):
                pages.append((path, item))
                break
        else:
            print(f"missing page for {url}: {item['file']}", file=sys.stderr)
    return pages


def score(pages, texts):
    tp = fp = fn = 0
    for (path, item), text in zip(pages, texts):
        text = squash(text or "")
        found = sum(1 for s in item["with"] if squash(s) in text)
        tp += found
        fn += len(item["with"]) - found
        fp += sum(1 for s in item["without"] if squash(s) in text)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def run_briefsmith(pages, extractor, batch=200):
    texts = {}
    start = time.perf_counter()
    paths = [p for p, _ in pages]
    for i in range(0, len(paths), batch):
        chunk = paths[i : i + batch]
        out = subprocess.run([extractor, "--text", *chunk], capture_output=True, text=True)
        for line in out.stdout.splitlines():
            record = json.loads(line)
            texts[record["file"]] = record["text"]
    elapsed = time.perf_counter() - start
    return [texts.get(p, "") for p in paths], elapsed


def run_trafilatura(pages, fast):
    from trafilatura import extract

    texts = []
    start = time.perf_counter()
    for path, _ in pages:
        with open(path, "rb") as f:
            html = f.read()
        try:
            texts.append(
                extract(html, fast=fast, include_comments=False, include_tables=True, include_formatting=False) or ""
            )
        except Exception:  # a crash costs recall, as an empty result
            texts.append("")
    return texts, time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("eval_dir", help="folder with evaldata.json and eval/ (trafilatura's tests/)")
    ap.add_argument("--extractor", default="target/release/examples/extract")
    ap.add_argument("--skip-trafilatura", action="store_true")
    args = ap.parse_args()
    pages = load(args.eval_dir)
    n = len(pages)
    print(f"{n} pages")
    print(f"{'extractor':32} {'precision':>9} {'recall':>7} {'F1':>6} {'ms/page':>8}", flush=True)

    def row(name, texts, secs):
        p, r, f1 = score(pages, texts)
        print(f"{name:32} {p:9.3f} {r:7.3f} {f1:6.3f} {1000 * secs / n:8.2f}", flush=True)

    row("briefsmith (dom_smoothie)", *run_briefsmith(pages, args.extractor))
    if not args.skip_trafilatura:
        import trafilatura

        for fast in (False, True):
            label = f"trafilatura {trafilatura.__version__}" + (" fast" if fast else "")
            row(label, *run_trafilatura(pages, fast))

if __name__ == "__main__":
    main()
