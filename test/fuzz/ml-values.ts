/**
 * Generators of ML values for the fuzz tests: numbers with every edge case (NaN, ±inf, -0,
 * 2^53), strings that are format specs or JavaScript internal names, booleans, null, nested
 * arrays and objects (with `__proto__`/`constructor` as own keys), plus values no literal can
 * write: containers that contain themselves, functions, a stdlib object and an iterator.
 */
import fc from "fast-check";

/** Keys that name JavaScript internals; on an ML object they are ordinary own keys. */
const INTERNAL_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "then", "toJSON", "length", "0"];

const STRINGS = [
  "", "a", "abc", "%s", "%d %r", "%5.2f", "%%", "%x", "%", "%(k)s", "%*d", "{}", "__proto__", "constructor",
  "😀", "\u0000", "a,b", " 42 ", "1e3", "nan", "-inf", "2024-01-01", "(a+)+b", "/etc/passwd", "../x", "http://127.0.0.1/",
];

export const mlScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -10, max: 10 }),
  fc.double(),
  fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 2 ** 53, 2 ** 53 + 2, 2 ** 31, -(2 ** 31), 1e21, 0.5, -1.5, 1e-300),
  fc.string({ maxLength: 6 }),
  fc.constantFrom(...STRINGS),
  fc.boolean(),
  fc.constant(null),
);

/** An object with the given entries as own data properties (also `__proto__`). */
function objectOf(entries: [string, unknown][]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

/** Nested ML data: what a program can build with literals. */
export const { mlData } = fc.letrec<{ mlData: unknown; array: unknown[]; object: Record<string, unknown> }>((tie) => ({
  mlData: fc.oneof({ depthSize: "small", maxDepth: 3 }, mlScalar, tie("array"), tie("object")),
  array: fc.array(tie("mlData"), { maxLength: 4 }),
  object: fc.array(fc.tuple(fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom(...INTERNAL_KEYS)), tie("mlData")), { maxLength: 4 }).map(objectOf),
}));

/**
 * Values only a running program (or the host) produces; made fresh for every use, since
 * operators such as `append` mutate them.
 */
export interface SpecialValues {
  /** A stdlib object, e.g. a `DateTime`. */
  stdlibObject: () => unknown;
  /** An ML iterator, from the runtime's `iter`. */
  iterator: () => unknown;
}

/** Any ML value: data, or one of the special values. */
export function mlValue(special: SpecialValues): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 8, arbitrary: mlData },
    {
      weight: 2,
      arbitrary: fc.constantFrom("cyclic-array", "cyclic-object", "function", "stdlib", "iterator").map((kind) => {
        switch (kind) {
          case "cyclic-array": {
            const a: unknown[] = [1];
            a.push(a);
            return a;
          }
          case "cyclic-object": {
            const o: Record<string, unknown> = { k: 1 };
            o.self = o;
            return o;
          }
          case "function":
            return function named(x: unknown) {
              return x;
            };
          case "stdlib":
            return special.stdlibObject();
          default:
            return special.iterator();
        }
      }),
    },
  );
}
