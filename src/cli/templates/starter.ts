/**
 * The project `mljs init` writes (file path → content). Self-contained: the project needs only
 * `mljs-lang` from npm.
 */

/** What the template is filled in with. */
export interface StarterOptions {
  /** The package name. */
  name: string;
  /** The mljs-lang version the project depends on (as `^version`). */
  version: string;
}

/** The starter project's files. */
export function starterFiles(options: StarterOptions): Record<string, string> {
  return {
    "package.json": `${JSON.stringify({
      name: options.name,
      version: "0.1.0",
      private: true,
      type: "module",
      scripts: { start: "node index.js", test: "node --test" },
      dependencies: { "mljs-lang": `^${options.version}` },
      engines: { node: ">=20.19" },
    }, null, 2)}\n`,
    "rules/pricing.ml": PRICING_ML,
    "rules/prices.json": PRICES_JSON,
    "index.js": INDEX_JS,
    "test/pricing.test.js": TEST_JS,
    "README.md": readme(options.name),
    ".gitignore": "node_modules/\n",
  };
}

const PRICING_ML = `// Pricing rules, written in ML and loaded by index.js (and test/pricing.test.js).
// Every top-level name is an export the host can read or call.

import file;
import json;

// What this module may do at most: read JSON files next to it. The host must grant it too
// (index.js); relative paths and patterns start at this file's directory.
capability Prices {
  allow file.read "*.json";
}

PRICE_LIST = "prices.json";

// Orders of at least BULK_QUANTITY items get BULK_RATE off.
BULK_QUANTITY = 10;
BULK_RATE = 0.1;

// The price of \`quantity\` items at \`unitPrice\`, rounded to cents.
function price(unitPrice, quantity) {
  if (quantity < 0) {
    throw {type: "ValueError", message: "quantity must not be negative, got " + str(quantity)};
  }
  total = unitPrice * quantity;
  if (quantity >= BULK_QUANTITY) {
    total = total * (1 - BULK_RATE);
  }
  return round(total, 2);
}

// The total of an order: a list of {"sku": …, "quantity": …}, priced from the price list file.
function orderTotal(lines) {
  prices = json.parse(file.read(PRICE_LIST));
  total = 0;
  for (line in lines) {
    if (!hasattr(prices, line.sku)) {
      throw {type: "KeyError", message: "unknown SKU: " + line.sku};
    }
    total = total + price(prices[line.sku], line.quantity);
  }
  return round(total, 2);
}
`;

const PRICES_JSON = `{
  "TEA-001": 4.5,
  "MUG-002": 12
}
`;

const INDEX_JS = `// Loads the ML rules and calls them, granting one capability: reading the price list.
import { capability, CapabilityContext, load } from "mljs-lang";

const rules = await load("rules/pricing.ml", { limits: { steps: 1_000_000, timeMs: 1000 } });

// Calls made inside this context may read JSON files next to the module, and nothing else:
// no network, no clock, no other file.
const pricing = new CapabilityContext({
  name: "pricing",
  capabilities: [capability("file.read", { resources: ["*.json"] })],
});

console.log("3 mugs:", rules.exports.price(12, 3));
const total = pricing.run(() => rules.exports.orderTotal([
  { sku: "TEA-001", quantity: 10 },
  { sku: "MUG-002", quantity: 1 },
]));
console.log("order total:", total);
`;

const TEST_JS = `// Tests of the ML rules with Node's test runner: npm test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { capability, CapabilityContext, load, MLRuntimeError } from "mljs-lang";

const rulesFile = fileURLToPath(new URL("../rules/pricing.ml", import.meta.url));
const rules = await load(rulesFile);
const { price, orderTotal } = rules.exports;
const pricing = new CapabilityContext({
  name: "pricing",
  capabilities: [capability("file.read", { resources: ["*.json"] })],
});

test("price multiplies and rounds to cents", () => {
  assert.equal(price(4.5, 2), 9);
  assert.equal(price(0.1, 3), 0.3);
});

test("bulk orders get the bulk rate off", () => {
  assert.equal(price(4.5, 10), 40.5);
});

test("a negative quantity is an error thrown by the ML code", () => {
  assert.throws(() => price(1, -1), (e) => e instanceof MLRuntimeError && /quantity must not be negative/.test(e.message));
});

test("orderTotal reads the price list when granted file.read", () => {
  const lines = [{ sku: "TEA-001", quantity: 10 }, { sku: "MUG-002", quantity: 1 }];
  assert.equal(pricing.run(() => orderTotal(lines)), 52.5);
});

test("without the capability, reading the price list is refused", () => {
  assert.throws(() => orderTotal([]), (e) => e instanceof MLRuntimeError && e.mlType === "CapabilityError");
});
`;

function readme(name: string): string {
  return `# ${name}

Business rules written in [ML](https://www.npmjs.com/package/mljs-lang), run from Node.js.

- \`rules/pricing.ml\` — the rules (an ML module; every top-level name is an export).
- \`rules/prices.json\` — the price list the rules read.
- \`index.js\` — loads the module with \`mljs-lang\` and calls it, granting \`file.read\` of
  \`rules/*.json\` and nothing else.
- \`test/pricing.test.js\` — tests with Node's test runner.

\`\`\`sh
npm install
npm test          # node --test
npm start         # node index.js
npx mljs check rules                                   # syntax and name errors
npx mljs repl                                          # try ML interactively
npx mljs -e 'import math; print(math.sqrt(2))'
\`\`\`

The program can only do what the host grants (\`capabilities\` in \`index.js\`) and what its own
\`capability\` declaration allows. See the mljs-lang documentation (\`node_modules/mljs-lang/docs/\`)
for the language, the standard library and the host API.
`;
}
