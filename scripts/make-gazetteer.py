#!/usr/bin/env python3
"""Builds the starter unit gazetteer (samples/gazetteer.yaml) from gongwen outputs.

    scripts/make-gazetteer.py OUTPUT_DIR > samples/gazetteer.yaml

Every printed unit name in the outputs is reduced to a key: a trailing bracketed qualifier
dropped (区发改局(物价局) → 区发改局), common abbreviations written out (发改委 / 发改局 / 发展改革委 →
发展和改革委员会, 人社局 → 人力资源和社会保障局 …) and a leading 国家 dropped before a ministry or
commission. Names with the same key become one unit: the written-out key is its canonical
name, the printed forms its aliases. Collective phrases (各设区市, 有关部门) are not units and
are left out; `gongwen units --unknown-units` lists them with everything else the gazetteer
does not know. Ids are `u-` and 8 hex digits of the canonical name's SHA-256, so they do not
move when units are added. Parents are not known from the pages and are left for people to
fill in."""
import glob
import hashlib
import json
import re
import sys

ABBREVIATIONS = [
    # Longest first: each printed short form and what it stands for.
    ("发展改革委", "发展和改革委员会"),
    ("发改委", "发展和改革委员会"),
    ("发改局", "发展和改革局"),
    ("人力资源社会保障", "人力资源和社会保障"),
    ("人社局", "人力资源和社会保障局"),
    ("人社厅", "人力资源和社会保障厅"),
    ("住房城乡建设", "住房和城乡建设"),
    ("住建局", "住房和城乡建设局"),
    ("住建厅", "住房和城乡建设厅"),
    ("市场监管", "市场监督管理"),
    ("工信部", "工业和信息化部"),
    ("工信局", "工业和信息化局"),
]
COLLECTIVE = re.compile(r"^各|有关|相关|各部门|各单位|^单位$|^其他")
QUALIFIER = re.compile(r"[（(][^（）()]*[）)]$")


def key(name):
    bare = QUALIFIER.sub("", name.replace(" ", "").replace("\u3000", ""))
    for short, full in ABBREVIATIONS:
        if short in bare and full not in bare:
            bare = bare.replace(short, full)
    if bare.startswith("国家") and re.search(r"(委员会|部|总局|委)$", bare):
        bare = bare[2:]
    return bare


def main(folder):
    names = {}
    for path in sorted(glob.glob(folder + "/**/*.json", recursive=True)):
        try:
            with open(path, encoding="utf-8") as handle:
                document = json.load(handle)
        except (OSError, ValueError):
            continue
        for task in document.get("tasks", []) if isinstance(document, dict) else []:
            for unit in task.get("units", []):
                name = unit["name"]
                if not COLLECTIVE.search(name) and len(name) >= 2:
                    names[name] = names.get(name, 0) + 1
    groups = {}
    for name in names:
        groups.setdefault(key(name), set()).add(name)
    print("# Starter unit gazetteer, made by scripts/make-gazetteer.py from gongwen outputs of")
    print("# ../shared/corpus. Edit freely: merge units, add parents (an id of another unit).")
    print("units:")
    for canonical in sorted(groups):
        identifier = "u-" + hashlib.sha256(canonical.encode()).hexdigest()[:8]
        aliases = sorted(name for name in groups[canonical] if name != canonical)
        print(f"  - id: {identifier}")
        print(f"    name: {json.dumps(canonical, ensure_ascii=False)}")
        if aliases:
            print("    aliases: [" + ", ".join(json.dumps(a, ensure_ascii=False) for a in aliases) + "]")


if __name__ == "__main__":
    main(sys.argv[1])
