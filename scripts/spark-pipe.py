#!/usr/bin/env python3
"""Runs Gongwen across a Spark cluster with RDD.pipe, and proves it matches `gongwen batch`.

    python3 -m venv .build/spark-venv && .build/spark-venv/bin/pip install pyspark   # Java 17+
    swift build -c release --product gongwen
    .build/spark-venv/bin/python scripts/spark-pipe.py [INPUT_DIR ...] [--master local[2]]

A manual check: nothing in the test command installs PySpark (a few hundred megabytes) or
Java. Without INPUT_DIR it reads the samples and the notices of ../shared/corpus (html/,
text/ and unlabelled/: 160 inputs today).

Each input file becomes one JSON line {"id": path, "html_base64": ...}; Spark partitions the
lines and pipes each partition through `gongwen extract --stream`, which answers every line
with exactly one line, in order. The results are collected and compared, document by
document, with the JSON that `gongwen batch` writes for the same inputs (the source path
aside, which names the input as each tool was given it). Exits 0 when every document is
equal; prints `N passed, N failed`.

On a real cluster, ship the binary to the executors (`--files gongwen`, or an image with it
installed) and point --binary at the executors' path; nothing else changes.
"""
import argparse
import base64
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXTENSIONS = {".html", ".htm", ".shtml", ".txt"}


def inputs(folders):
    files = []
    for folder in folders:
        path = Path(folder)
        files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS) if path.is_dir() else [path]
    return files


def mirrored(path):
    """The output path `gongwen batch` writes for an input (BatchInput.safeOutputPath)."""
    parts = [p for p in path.split("/") if p not in ("", ".", "..")]
    return "/".join(parts) or "input"


def without_path(document):
    document = dict(document)
    document["source"] = {k: v for k, v in document["source"].items() if k != "path"}
    return document


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    corpus = ROOT.parent / "shared" / "corpus"
    default = [ROOT / "samples"] + [corpus / name for name in ("html", "text", "unlabelled") if (corpus / name).is_dir()]
    parser.add_argument("inputs", nargs="*", default=[str(path) for path in default])
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--binary", default=str(ROOT / ".build" / "release" / "gongwen"))
    parser.add_argument("--partitions", type=int, default=4)
    args = parser.parse_args()

    files = [f for f in inputs(args.inputs)]
    if not files:
        print("no inputs", file=sys.stderr)
        return 2

    from pyspark.sql import SparkSession

    spark = SparkSession.builder.master(args.master).appName("gongwen-pipe").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    records = [json.dumps({"id": str(f), "html_base64": base64.b64encode(f.read_bytes()).decode()}) for f in files]
    rdd = spark.sparkContext.parallelize(records, args.partitions)
    piped = rdd.pipe(f"{args.binary} extract --stream").collect()
    spark.stop()

    from_spark = {}
    for line in piped:
        answer = json.loads(line)
        from_spark[answer["id"]] = answer.get("result") or {"error": answer.get("error")}

    with tempfile.TemporaryDirectory() as out:
        subprocess.run([args.binary, "batch", *map(str, files), "--output", out, "--quiet"], check=False)
        passed = failed = 0
        for f in files:
            batch_json = Path(out) / (mirrored(str(f)) + ".json")
            spark_doc = from_spark.get(str(f))
            if not batch_json.exists() or spark_doc is None or "error" in spark_doc:
                same = not batch_json.exists() and spark_doc is not None and "error" in spark_doc
            else:
                same = without_path(json.loads(batch_json.read_text(encoding="utf-8"))) == without_path(spark_doc)
            if same:
                passed += 1
            else:
                failed += 1
                print(f"differs: {f}")
    print(f"{len(piped)} lines piped through Spark for {len(files)} inputs")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
