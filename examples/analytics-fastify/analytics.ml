// Event analytics: summaries of client-side events, and samples of the stored event log.
// Served over HTTP by server.js (Fastify); every function below receives plain values.

import datetime;
import regex;
import json;
import collections;
import functional;
import file;
import random;

MAX_EVENTS = 10000;
MAX_SAMPLE = 50;
UTC = datetime.utc();

// A client error: the integration answers it with this status instead of 500.
function invalid(message) {
  throw {"type": "ValueError", "message": message, "status": 400};
}

// {name, type, timestamp} → {name, type, at} with `at` a DateTime in UTC. A timestamp without an
// offset is read as UTC.
function parseEvent(e) {
  if (!json.isObject(e) ||
    !json.isString(e.name) ||
    !json.isString(e.type) ||
    !json.isString(e.timestamp)) {
    invalid("each event needs string name, type and timestamp fields");
  }
  at = null;
  try {
    at = datetime.parseISO(e.timestamp);
  } except (err) {
    invalid("event " + repr(e.name) + ": " + err.message);
  }
  return {"name": e.name, "type": e.type, "at": at.inZone(UTC)};
}

// Events sorted by time, with first and last seen.
function timeline(events) {
  sortedEvents = collections.sortBy(events, fn(e) => e.at.timestamp());
  first = collections.first(sortedEvents);
  last = collections.last(sortedEvents);
  return {
    "events": sortedEvents,
    "firstSeen": first == null ? null : first.at,
    "lastSeen": last == null ? null : last.at,
  };
}

function countsByType(events) {
  groups = collections.groupBy(events, fn(e) => e.type);
  out = {};
  for (type in sorted(keys(groups))) {
    t = timeline(groups[type]);
    out[type] = {"count": len(groups[type]), "firstSeen": t.firstSeen, "lastSeen": t.lastSeen};
  }
  return out;
}

function countsByDay(events) {
  groups = collections.groupBy(events, fn(e) => e.at.date().toISOString());
  return functional.map(fn(day) => {"day": day, "count": len(groups[day])}, sorted(keys(groups)));
}

// POST /events/summary: {events: [{name, type, timestamp}], namePattern?, sinceDays?}
// → counts by type and by day, first and last seen. `namePattern` (Python re syntax) keeps the
// events whose name it matches; `sinceDays` keeps the last N days and needs the clock.
function summary(request) {
  body = request.body;
  if (!json.isObject(body) || !json.isArray(body.events)) {
    invalid("the body must be an object with an events array");
  }
  if (len(body.events) > MAX_EVENTS) {
    invalid("at most " + str(MAX_EVENTS) + " events per summary");
  }
  events = functional.map(parseEvent, body.events);

  pattern = body.namePattern;
  if (pattern != null) {
    if (!json.isString(pattern) || !regex.isValid(pattern)) {
      invalid("namePattern is not a valid regular expression: " + repr(pattern));
    }
    compiled = regex.compile(pattern);
    events = collections.filter(events, fn(e) => compiled.search(e.name) != null);
  }
  if (body.sinceDays != null) {
    if (!json.isNumber(body.sinceDays) || body.sinceDays <= 0) {
      invalid("sinceDays must be a positive number");
    }
    since = datetime.now(UTC).addDays(-body.sinceDays);
    events = collections.filter(events, fn(e) => e.at.isAfter(since));
  }

  t = timeline(events);
  return {
    "received": len(body.events),
    "matched": len(events),
    "byType": countsByType(events),
    "byDay": countsByDay(events),
    "firstSeen": t.firstSeen,
    "lastSeen": t.lastSeen,
  };
}

// GET /events/sample?n=5&random=true: events from the stored log (needs file.read); a random
// sample needs random.sample as well.
function sample(request) {
  stored = json.parse(file.read("data/events.json"));
  n = request.query.n == null ? "5" : request.query.n;
  if (!json.isString(n) || !regex.fullmatch('\d{1,3}', n) || int(n) < 1 || int(n) > MAX_SAMPLE) {
    invalid("n must be a whole number from 1 to " + str(MAX_SAMPLE));
  }
  n = int(n);
  n = min(n, len(stored));
  chosen = request.query.random == "true" ? random.sample(stored, n) : collections.take(stored, n);
  t = timeline(functional.map(parseEvent, chosen));
  return {
    "events": chosen,
    "count": len(chosen),
    "stored": len(stored),
    "firstSeen": t.firstSeen,
    "lastSeen": t.lastSeen,
  };
}

// GET /whoami: the capabilities this request was granted, with the caller's request id.
function whoami(requestId) {
  return {"requestId": requestId, "capabilities": getCapabilities()};
}
