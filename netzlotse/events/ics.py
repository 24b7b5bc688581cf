"""iCalendar (RFC 5545) for the calendar feeds and each event's `.ics`: written here, a few dozen lines, and
checked in the tests with the `icalendar` package. Times are written in UTC, lines folded at 75 octets."""

from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class Entry:
    uid: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\n")
            .replace("\n", "\\n"))


def _fold(line: str) -> list[str]:
    """A content line cut into parts of at most 75 octets, never inside a UTF-8 character."""
    parts, current = [], ""
    for char in line:
        limit = 75 if not parts else 74  # continuation lines start with a space
        if len((current + char).encode()) > limit:
            parts.append(current)
            current = char
        else:
            current += char
    parts.append(current)
    return [parts[0]] + [" " + part for part in parts[1:]]


def _time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(entries, *, name: str, now: datetime) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//netzlotse//Veranstaltungen//DE", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_escape(name)}"]
    for entry in entries:
        lines += ["BEGIN:VEVENT", f"UID:{entry.uid}", f"DTSTAMP:{_time(now)}", f"DTSTART:{_time(entry.starts_at)}",
                  f"DTEND:{_time(entry.ends_at)}", f"SUMMARY:{_escape(entry.summary)}"]
        if entry.description:
            lines.append(f"DESCRIPTION:{_escape(entry.description)}")
        if entry.location:
            lines.append(f"LOCATION:{_escape(entry.location)}")
        if entry.url:
            lines.append(f"URL:{entry.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n").encode()
