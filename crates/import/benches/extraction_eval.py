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
all pages pooled. Time per page is wall time over the whole set divided by the pages, and CPU
time (user + system, of the extractor's processes or of this Python process) divided by the
pages: on a shared machine the wall time swings with the load, the CPU time much less.
"""

import argparse
import json
import os
import re
import resource
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


def score(pages, texts, half=None):
    """Pooled precision, recall and F1; `half` 0 or 1 scores only the even- or odd-numbered
    pages (in sorted URL order), so thresholds tuned on one half can be checked on the other."""
    tp = fp = fn = 0
    for i, ((path, item), text) in enumerate(zip(pages, texts)):
        if half is not None and i % 2 != half:
            continue
        text = squash(text or "")
        found = sum(1 for s in item["with"] if squash(s) in text)
        tp += found
        fn += len(item["with"]) - found
        fp += sum(1 for s in item["without"] if squash(s) in text)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def report_misses(pages, texts, out):
    """Writes, page by page, the "with" snippets missed and the "without" snippets leaked."""
    with open(out, "w", encoding="utf-8") as f:
        for (path, item), text in zip(pages, texts):
            text = squash(text or "")
            missed = [s for s in item["with"] if squash(s) not in text]
            leaked = [s for s in item["without"] if squash(s) in text]
            if missed or leaked:
                f.write(f"== {os.path.basename(path)} ({len(text)} chars)\n")
                f.writelines(f"  - missed: {s}\n" for s in missed)
                f.writelines(f"  + leaked: {s}\n" for s in leaked)


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_briefsmith(pages, extractor, batch=200):
    texts = {}
    cpu = children_cpu()
    start = time.perf_counter()
    paths = [p for p, _ in pages]
    for i in range(0, len(paths), batch):
        chunk = paths[i : i + batch]
        out = subprocess.run([extractor, "--text", *chunk], capture_output=True, text=True)
        for line in out.stdout.splitlines():
            record = json.loads(line)
            texts[record["file"]] = record["text"]
    elapsed = time.perf_counter() - start
    return [texts.get(p, "") for p in paths], elapsed, children_cpu() - cpu


def run_trafilatura(pages, fast):
    from trafilatura import extract

    texts = []
    cpu = time.process_time()
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
    return texts, time.perf_counter() - start, time.process_time() - cpu


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("eval_dir", help="folder with evaldata.json and eval/ (trafilatura's tests/)")
    ap.add_argument(
        "--extractor",
        action="append",
        help="Briefsmith's extract example (default target/release/examples/extract); give it "
        "twice or more to compare builds in one run, each row named by its path",
    )
    ap.add_argument("--skip-trafilatura", action="store_true")
    ap.add_argument("--halves", action="store_true", help="also score even and odd pages apart")
    ap.add_argument("--misses", metavar="FILE", help="write the (first) extractor's missed and leaked snippets")
    args = ap.parse_args()
    pages = load(args.eval_dir)
    n = len(pages)
    print(f"{n} pages")
    print(f"{'extractor':32} {'precision':>9} {'recall':>7} {'F1':>6} {'ms/page':>8} {'CPU ms':>7}", flush=True)

    def row(name, texts, secs, cpu):
        p, r, f1 = score(pages, texts)
        print(f"{name:32} {p:9.3f} {r:7.3f} {f1:6.3f} {1000 * secs / n:8.2f} {1000 * cpu / n:7.2f}", flush=True)
        if args.halves:
            for half, label in ((0, "even"), (1, "odd")):
                p, r, f1 = score(pages, texts, half)
                print(f"{'  ' + label + ' pages':32} {p:9.3f} {r:7.3f} {f1:6.3f}", flush=True)

    extractors = args.extractor or ["target/release/examples/extract"]
    for extractor in extractors:
        texts, secs, cpu = run_briefsmith(pages, extractor)
        row("briefsmith" if len(extractors) == 1 else extractor[-32:], texts, secs, cpu)
        if args.misses and extractor == extractors[0]:
            report_misses(pages, texts, args.misses)
    if not args.skip_trafilatura:
        import trafilatura

        for fast in (False, True):
            label = f"trafilatura {trafilatura.__version__}" + (" fast" if fast else "")
            row(label, *run_trafilatura(pages, fast))

if __name__ == "__main__":
    main()
