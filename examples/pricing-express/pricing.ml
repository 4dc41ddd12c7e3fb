// Pricing rules of the example shop: quotes with bulk, tier and coupon discounts.
// Served over HTTP by server.js (Express); every function below receives plain values.

import datetime;
import regex;
import json;
import collections;
import functional;
import csv;
import file;

// How long a quote stays valid, and how far ahead delivery is promised (business days).
QUOTE_VALID_DAYS = 7;
DELIVERY_BUSINESS_DAYS = 3;

// A line of at least BULK_QUANTITY items of one SKU gets BULK_RATE off.
BULK_QUANTITY = 10;
BULK_RATE = 0.05;

TIER_RATES = {"standard": 0, "silver": 0.03, "gold": 0.08};

// Coupon codes: four to ten capital letters then one or two digits, e.g. SAVE10.
COUPON_PATTERN = regex.compile('^(?P<word>[A-Z]{4,10})(?P<percent>\d{1,2})$');
KNOWN_COUPONS = ["SAVE10", "WELCOME5", "TEATIME15"];

SKU_PATTERN = regex.compile('^[A-Z]{3}-\d{3}$');

RULES = [
  {
    "id": "bulk",
    "description": "Lines of " +
      str(BULK_QUANTITY) +
      " or more items of one SKU get " +
      format(BULK_RATE, ".0%") +
      " off.",
    "rate": BULK_RATE,
  },
  {
    "id": "tier",
    "description": "Customer tiers get a discount on the subtotal after bulk discounts.",
    "rates": TIER_RATES,
  },
  {
    "id": "coupon",
    "description": "A coupon CODEnn gives nn% off the total after tier discounts.",
    "pattern": COUPON_PATTERN.pattern,
    "known": KNOWN_COUPONS,
  },
  {
    "id": "validity",
    "description": "A quote is valid for " +
      str(QUOTE_VALID_DAYS) +
      " days; delivery is promised " +
      str(DELIVERY_BUSINESS_DAYS) +
      " business days from today.",
    "days": QUOTE_VALID_DAYS,
  },
];
RULES_BY_ID = {};
for (rule in RULES) {
  RULES_BY_ID[rule.id] = rule;
}

// A client error: the integration answers it with this status instead of 500.
function invalid(message) {
  throw {"type": "ValueError", "message": message, "status": 400};
}

function money(x) {
  return round(x, 2);
}

function checkItem(item) {
  if (!json.isObject(item)) {
    invalid("each item must be an object with sku, qty and price");
  }
  if (!json.isString(item.sku) || !SKU_PATTERN.fullmatch(item.sku)) {
    invalid(
      "invalid sku " +
        repr(item.sku) +
        ": expected three capital letters, a dash and three digits (TEA-001)",
    );
  }
  if (!json.isNumber(item.qty) || item.qty < 1 || int(item.qty) != item.qty) {
    invalid("qty of " + item.sku + " must be a positive integer");
  }
  if (!json.isNumber(item.price) || item.price < 0) {
    invalid("price of " + item.sku + " must be a non-negative number");
  }
  return item;
}

function priceLine(item) {
  gross = item.qty * item.price;
  bulk = item.qty >= BULK_QUANTITY ? gross * BULK_RATE : 0;
  return {
    "sku": item.sku,
    "qty": item.qty,
    "unitPrice": item.price,
    "gross": money(gross),
    "bulkDiscount": money(bulk),
    "net": money(gross - bulk),
  };
}

// The coupon's rate, or an error naming what is wrong with it.
function couponRate(code) {
  m = COUPON_PATTERN.fullmatch(code);
  if (m == null) {
    invalid("malformed coupon " + repr(code) + ": expected letters then a number, e.g. SAVE10");
  }
  if (!collections.contains(KNOWN_COUPONS, code)) {
    invalid("unknown coupon " + code);
  }
  return int(m.group("percent")) / 100;
}

// POST /quote: {items: [{sku, qty, price}], tier?, coupon?} → totals, discounts and validity.
function quote(request) {
  body = request.body;
  if (!json.isObject(body) || !json.isArray(body.items) || len(body.items) == 0) {
    invalid("the body must be an object with a non-empty items array");
  }
  tier = body.tier || "standard";
  if (!json.hasKey(TIER_RATES, tier)) {
    invalid("unknown tier " + repr(tier) + "; tiers: " + ", ".join(keys(TIER_RATES)));
  }

  lines = functional.map(functional.compose(priceLine, checkItem), body.items);
  afterBulk = sum(collections.map(lines, fn(l) => l.net));
  discounts = [];
  bulkTotal = sum(collections.map(lines, fn(l) => l.bulkDiscount));
  if (bulkTotal > 0) {
    discounts.append({"rule": "bulk", "amount": money(bulkTotal)});
  }

  tierAmount = afterBulk * TIER_RATES[tier];
  if (tierAmount > 0) {
    discounts.append({"rule": "tier", "tier": tier, "amount": money(tierAmount)});
  }
  afterTier = afterBulk - tierAmount;

  couponAmount = 0;
  if (body.coupon != null) {
    couponAmount = afterTier * couponRate(body.coupon);
    discounts.append({"rule": "coupon", "code": body.coupon, "amount": money(couponAmount)});
  }

  quotedAt = datetime.now("UTC");
  return {
    "currency": "EUR",
    "lines": lines,
    "subtotal": money(sum(collections.map(lines, fn(l) => l.gross))),
    "discounts": discounts,
    "total": money(afterTier - couponAmount),
    "quotedAt": quotedAt,
    "validUntil": quotedAt.addDays(QUOTE_VALID_DAYS),
    "deliveryBy": datetime.addBusinessDays(quotedAt.date(), DELIVERY_BUSINESS_DAYS),
  };
}

// GET /rules: every pricing rule.
function rules(request) {
  return {"rules": RULES, "count": len(RULES)};
}

// GET /rules/:id: one rule. An unknown id is a bug left in on purpose: RULES_BY_ID[id] raises
// KeyError, which the service answers with 500 (and, outside production, the ML stack).
function rule(request) {
  return RULES_BY_ID[request.params.id];
}

// GET /price-list?category=tea: the price list file; needs file.read, which only admins get.
function priceList(request) {
  rows = csv.parse(file.read("data/price-list.csv"));
  items = collections.map(
    rows,
    fn(r) => {"sku": r.sku, "name": r.name, "category": r.category, "price": float(r.price)},
  );
  category = request.query.category;
  if (category != null) {
    items = collections.filter(items, fn(i) => i.category == category);
  }
  return {"items": collections.sortBy(items, fn(i) => i.sku), "count": len(items)};
}

// GET /whoami: the capabilities this request was granted, with the caller's request id.
function whoami(requestId) {
  return {"requestId": requestId, "capabilities": getCapabilities()};
}
