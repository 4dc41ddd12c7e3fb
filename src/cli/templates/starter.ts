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
    "data/prices.json": PRICES_JSON,
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

// What this module may do at most: read the price list. The host grants it too (index.js).
capability Prices { allow file.read "data/*.json"; }

// Orders of at least BULK_QUANTITY items get BULK_RATE off.
BULK_QUANTITY = 10;
BULK_RATE = 0.1;

// The price of \`quantity\` items at \`unitPrice\`, rounded to cents.
function price(unitPrice, quantity) {
  if (quantity < 0) {
    raise ValueError("quantity must not be negative, got " + str(quantity));
  }
  total = unitPrice * quantity;
  if (quantity >= BULK_QUANTITY) {
    total = total * (1 - BULK_RATE);
  }
  return round(total, 2);
}

// The total of an order: a list of {"sku": …, "quantity": …}, priced from the price list file.
function orderTotal(pricesPath, lines) {
  prices = json.parse(file.read(pricesPath));
  total = 0;
  for (line in lines) {
    if (!hasattr(prices, line.sku)) {
      raise KeyError("unknown SKU: " + line.sku);
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

const INDEX_JS = `// Loads the ML rules and calls them with a capability: reading the price list.
import { load } from "mljs-lang";

const rules = await load("rules/pricing.ml", {
  // The program may read data/*.json and nothing else (no network, no clock, no other files).
  capabilities: ["file.read"],
  limits: { steps: 1_000_000, timeMs: 1000 },
});

console.log("3 mugs:", rules.exports.price(12, 3));
const total = rules.exports.orderTotal("data/prices.json", [
  { sku: "TEA-001", quantity: 10 },
  { sku: "MUG-002", quantity: 1 },
]);
console.log("order total:", total);
`;

const TEST_JS = `// Tests of the ML rules with Node's test runner: npm test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { load, MLRuntimeError } from "mljs-lang";

const rulesFile = fileURLToPath(new URL("../rules/pricing.ml", import.meta.url));
const pricesFile = fileURLToPath(new URL("../data/prices.json", import.meta.url));
const rules = await load(rulesFile, { capabilities: ["file.read"] });
const { price, orderTotal } = rules.exports;

test("price multiplies and rounds to cents", () => {
  assert.equal(price(4.5, 2), 9);
  assert.equal(price(0.1, 3), 0.3);
});

test("bulk orders get the bulk rate off", () => {
  assert.equal(price(4.5, 10), 40.5);
});

test("a negative quantity is an ML ValueError", () => {
  assert.throws(() => price(1, -1), (e) => e instanceof MLRuntimeError && e.mlType === "ValueError");
});

test("orderTotal reads the price list (capability file.read)", () => {
  const total = orderTotal(pricesFile, [{ sku: "TEA-001", quantity: 10 }, { sku: "MUG-002", quantity: 1 }]);
  assert.equal(total, 52.5);
});

test("without the capability, reading the price list is refused", async () => {
  const bare = await load(rulesFile, { capabilities: [] });
  assert.throws(() => bare.exports.orderTotal(pricesFile, []), (e) => e instanceof MLRuntimeError && e.mlType === "CapabilityError");
});
`;

function readme(name: string): string {
  return `# ${name}

Business rules written in [ML](https://www.npmjs.com/package/mljs-lang), run from Node.js.

- \`rules/pricing.ml\` — the rules (an ML module; every top-level name is an export).
- \`index.js\` — loads the module with \`mljs-lang\`, grants it \`file.read\`, calls it.
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
