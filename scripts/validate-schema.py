#!/usr/bin/env python3
"""Validates Gongwen JSON output against Schemas/gongwen-notice.schema.json.

usage: validate-schema.py FILE.json [FILE.json ...]

Each file holds one document, or JSON Lines (one document per line). Exit status 0 when all
validate, 1 when any does not (each error printed with its JSON path), 2 on bad usage or when
the `jsonschema` package is missing (`pip install jsonschema`).
"""
import json
import sys
from pathlib import Path

SCHEMA = Path(__file__).resolve().parent.parent / "Schemas" / "gongwen-notice.schema.json"


def main(argv):
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        import jsonschema
    except ImportError:
        print("validate-schema: the Python package jsonschema is missing (pip install jsonschema)", file=sys.stderr)
        return 2
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failed = False
    for name in argv:
        text = Path(name).read_text(encoding="utf-8")
        stripped = text.strip()
        documents = [json.loads(stripped)] if stripped.startswith("{") and "\n{" not in stripped else [
            json.loads(line) for line in text.splitlines() if line.strip()]
        for index, document in enumerate(documents):
            for error in validator.iter_errors(document):
                failed = True
                path = "/".join(str(p) for p in error.absolute_path)
                print(f"{name}[{index}] /{path}: {error.message}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
