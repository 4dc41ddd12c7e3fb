// mlpy's regex and datetime call forms run unchanged (issue 13, docs/mlpy-compat.md): the
// methods mlpy's Pattern and Match have, an unknown group giving null, mlpy's createTimeZone,
// utc() and format() defaults. The runner grants no capabilities, so the clock is not read here.

// --- Pattern.getPattern, getFlags and toString (both spellings); flags are as given
import regex;
p = regex.compile("a+", regex.IGNORECASE());
print(p.getPattern(), p.get_pattern(), p.getFlags(), p.get_flags(), p.flags); // expect: a+ a+ 2 2 2
print(p.toString()); // expect: Pattern('a+', flags=IGNORECASE)
print(regex.compile("x").to_string()); // expect: Pattern('x')
print(regex.compile("(?i)x").flags); // expect: 0

// --- Match.toString is mlpy's text; str() keeps mljs's display
import regex;
m = regex.search("\\d+", "The answer is 42!");
print(m.toString()); // expect: Match(value='42', span=[14, 16])
print(m.to_string() == m.toString(), str(m)); // expect: true <Match span=[14, 16] match="42">

// --- a group that does not exist gives null, and -1 for its positions
import regex;
m = regex.search("(?P<n>\\d+)", "ab12");
print(m.group(5), m.group("missing"), m.group(1), m.group("n")); // expect: null null 12 12
print(m.start(5), m.end("missing"), m.span(7)); // expect: -1 -1 [-1, -1]

// --- a group of the wrong type is still a TypeError
import regex;
m = regex.search("a", "a");
m.group([0]); // expect error: TypeError: group() group must be an integer or a string, not array

// --- DateTime.format() without a format uses mlpy's default
import datetime;
dt = datetime.create(2024, 3, 15, 14, 30, 45);
print(dt.format()); // expect: 2024-03-15 14:30:45
print(dt.format("%d.%m.%Y"), dt.strftime()); // expect: 15.03.2024 2024-03-15 14:30:45

// --- utc() is the name "UTC", accepted wherever a time zone is
import datetime;
u = datetime.utc();
print(u, u == "UTC", "zone=" + u); // expect: UTC true zone=UTC
print(datetime.fromTimestamp(86400, u)); // expect: 1970-01-02T00:00:00+00:00

// --- createTimeZone gives mlpy's {hours, minutes, name}, usable as a fixed offset
import datetime;
ist = datetime.createTimeZone(5, 30, "IST");
print(ist.hours, ist.minutes, ist.name, datetime.create_time_zone(-8)); // expect: 5 30 IST {"hours": -8, "minutes": 0, "name": ""}
print(datetime.fromTimestamp(0, ist)); // expect: 1970-01-01T05:30:00+05:30

// --- businessDaysBetween counts in either order
import datetime;
a = datetime.createDate(2024, 3, 4);
b = datetime.createDate(2024, 3, 15);
print(datetime.businessDaysBetween(a, b), datetime.business_days_between(b, a)); // expect: 10 10

// --- now(tz) needs the datetime.now capability in every form mlpy writes
import datetime;
datetime.now(datetime.utc()); // expect error: CapabilityError: datetime.now() requires capability 'datetime.now': this run was not granted it
