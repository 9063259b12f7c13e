"""One regional event as an iCalendar file (RFC 5545), for staff to add to their calendars."""

from django.utils import timezone
from icalendar import Calendar, Event

from reintegra.regional.models import RegionalEvent


def event_ical(event: RegionalEvent, url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Reintegra//Regional events//EN")
    calendar.add("version", "2.0")
    entry = Event()
    entry.add("uid", f"{event.pk}@reintegra")
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", event.starts_at)
    entry.add("dtend", event.ends_at)
    entry.add("summary", event.title)
    entry.add("description", event.summary)
    if event.venue:
        entry.add("location", event.venue)
    entry.add("url", url)
    entry.add("last-modified", event.updated_at)
    calendar.add_component(entry)
    return calendar.to_ical()
