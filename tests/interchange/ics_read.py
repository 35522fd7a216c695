"""Parses an iCalendar file with the `icalendar` package (a real RFC 5545
parser) and prints one tab-separated line per event:
UID, DTSTART, DTEND, SEQUENCE, SUMMARY (newlines as \\n)."""
import sys

import icalendar

with open(sys.argv[1], "rb") as f:
    calendar = icalendar.Calendar.from_ical(f.read())
for event in calendar.walk("VEVENT"):
    summary = str(event.get("SUMMARY")).replace("\n", "\\n")
    print("\t".join([
        str(event.get("UID")),
        event.decoded("DTSTART").isoformat(),
        event.decoded("DTEND").isoformat(),
        str(event.get("SEQUENCE")),
        summary,
    ]))
