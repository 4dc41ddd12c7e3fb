/**
 * How ML shows a number (docs/language/reference.md §10).
 */

const toStr = String;

/**
 * `str()` of a number: integers without a decimal point, other values in JavaScript's
 * shortest round-trip form (`String(n)`), and `inf`, `-inf`, `nan`.
 *
 * `-0` shows as `0`: ML has one number type, and a Python user expects `0` for what is, in
 * their mental model, the integer zero (`-0` only appears from arithmetic like `0 * -1`).
 * Integers of 1e21 or more keep JavaScript's exponent form (`1e+21`) rather than printing
 * hundreds of digits that the double does not hold anyway.
 */
export function formatNumber(n: number): string {
  if (n === 0) return "0";
  if (n - n === 0) return toStr(n); // finite
  return n !== n ? "nan" : n > 0 ? "inf" : "-inf";
}
