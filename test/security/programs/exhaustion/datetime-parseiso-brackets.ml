// technique: datetime.parseISO of a long run of '[' (a zone-annotation pattern that is quadratic in the text: minutes for this one)
// within-ms: 2000
// expect error: ValueError: Invalid isoformat string
import datetime;
datetime.parseISO("2024-03-15T10:00" + "[" * 900000);
