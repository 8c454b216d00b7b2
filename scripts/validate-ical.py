#!/usr/bin/env python3
"""Parses an iCalendar file with Python's `icalendar` (a real RFC 5545 parser) and prints what
a calendar program would import, as JSON: one entry per VTODO with its uid, due day, summary,
description and categories. Exits non-zero, naming the cause, when the file does not parse or
a to-do lacks a property RFC 5545 requires."""
import datetime
import json
import sys

import icalendar


def main(path):
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as error:
        sys.exit(f"{path}: does not parse: {error}")
    for required in ("VERSION", "PRODID"):
        if required not in calendar:
            sys.exit(f"{path}: the calendar lacks {required}")
    todos = []
    for todo in calendar.walk("VTODO"):
        for required in ("UID", "DTSTAMP"):
            if required not in todo:
                sys.exit(f"{path}: a VTODO lacks {required}")
        due = todo.decoded("DUE")
        if type(due) is not datetime.date:
            sys.exit(f"{path}: DUE of {todo['UID']} is not a date: {due!r}")
        categories = todo.get("CATEGORIES")
        todos.append({
            "uid": str(todo["UID"]),
            "due": due.isoformat(),
            "summary": str(todo["SUMMARY"]),
            "description": str(todo["DESCRIPTION"]),
            "categories": [str(c) for c in categories.cats] if categories is not None else [],
            "url": str(todo["URL"]) if "URL" in todo else None,
        })
    if any(len(line) > 75 for line in data.split(b"\r\n")):
        sys.exit(f"{path}: a line is longer than 75 octets")
    json.dump({"todos": todos}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
