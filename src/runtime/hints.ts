/**
 * Hints for the member errors a newcomer from JavaScript or Python meets first: a method name
 * ML spells differently (`a.push(x)` → `append`), a method plain objects do not have
 * (`o.keys()` → `keys(o)`), or a near miss (`s.uper()` → `upper`).
 *
 * Only error paths call into this module: the member fast paths never touch it.
 */
import { didYouMean } from "../compiler/suggest.js";

/** What to write instead of a JavaScript or Python array method ML does not have. */
const ARRAY_ALIASES: ReadonlyMap<string, string> = new Map([
  ["push", "did you mean 'append'? (a.append(x))"],
  ["add", "did you mean 'append'? (a.append(x))"],
  ["unshift", "use a.insert(0, x)"],
  ["shift", "use a.pop(0)"],
  ["splice", "use a.insert(i, x) / a.pop(i), or slicing a[i:j]"],
  ["indexOf", "did you mean 'index'? (a.index(x) raises ValueError when x is absent)"],
  ["lastIndexOf", "use a.index(x) on reversed(a), or a for loop"],
  ["includes", "use a.count(x) > 0"],
  ["contains", "use a.count(x) > 0"],
  ["has", "use a.count(x) > 0"],
  ["concat", "use a + b (a new array) or a.extend(b)"],
  ["slice", "use slicing: a[start:end]"],
  ["join", "use sep.join(a), e.g. \", \".join(a)"],
  ["map", "use a for loop, or collections.map(a, fn) (import collections;)"],
  ["filter", "use a for loop, or collections.filter(a, fn) (import collections;)"],
  ["reduce", "use a for loop, or collections.reduce(a, fn, initial) (import collections;)"],
  ["forEach", "use for (x in a) { … }"],
  ["find", "use a for loop, or collections.find(a, fn) (import collections;)"],
  ["some", "use any(…) or collections.some(a, fn) (import collections;)"],
  ["every", "use all(…) or collections.every(a, fn) (import collections;)"],
  ["flat", "use collections.flatten(a) (import collections;)"],
  ["size", "use len(a)"],
  ["len", "use len(a)"],
  ["toString", "use str(a)"],
  ["at", "use indexing: a[i] (negative i counts from the end)"],
  ["entries", "use enumerate(a)"],
  ["toSorted", "use sorted(a)"],
  ["toReversed", "use reversed(a)"],
  ["sorted", "use sorted(a)"],
]);

/** What to write instead of a JavaScript or Python string method ML does not have. */
const STRING_ALIASES: ReadonlyMap<string, string> = new Map([
  ["toUpperCase", "did you mean 'upper'? (s.upper())"],
  ["toLowerCase", "did you mean 'lower'? (s.lower())"],
  ["toLocaleUpperCase", "did you mean 'upper'? (s.upper())"],
  ["toLocaleLowerCase", "did you mean 'lower'? (s.lower())"],
  ["casefold", "did you mean 'lower'? (s.lower())"],
  ["trim", "did you mean 'strip'? (s.strip())"],
  ["trimStart", "did you mean 'lstrip'? (s.lstrip())"],
  ["trimLeft", "did you mean 'lstrip'? (s.lstrip())"],
  ["trimEnd", "did you mean 'rstrip'? (s.rstrip())"],
  ["trimRight", "did you mean 'rstrip'? (s.rstrip())"],
  ["startsWith", "did you mean 'startswith'? (s.startswith(prefix))"],
  ["endsWith", "did you mean 'endswith'? (s.endswith(suffix))"],
  ["indexOf", "did you mean 'find'? (s.find(sub) returns -1 when absent)"],
  ["lastIndexOf", "did you mean 'rfind'? (s.rfind(sub) returns -1 when absent)"],
  ["includes", "use s.find(sub) >= 0"],
  ["contains", "use s.find(sub) >= 0"],
  ["replaceAll", "did you mean 'replace'? (s.replace(old, new) replaces every occurrence)"],
  ["padStart", "did you mean 'rjust'? (s.rjust(width, fill))"],
  ["padEnd", "did you mean 'ljust'? (s.ljust(width, fill))"],
  ["zfill", "use s.rjust(width, \"0\")"],
  ["charAt", "use indexing: s[i]"],
  ["at", "use indexing: s[i] (negative i counts from the end)"],
  ["charCodeAt", "use ord(s[i])"],
  ["codePointAt", "use ord(s[i])"],
  ["substring", "use slicing: s[start:end]"],
  ["substr", "use slicing: s[start:start + n]"],
  ["slice", "use slicing: s[start:end]"],
  ["concat", "use s + t"],
  ["repeat", "use s * n"],
  ["splitlines", "use s.split(\"\\n\")"],
  ["isnumeric", "did you mean 'isdigit'?"],
  ["isdecimal", "did you mean 'isdigit'?"],
  ["format", "use format(v, spec) or the % operator: \"%s: %d\" % [name, n]"],
  ["match", "use the regex module (import regex;)"],
  ["search", "use the regex module (import regex;)"],
  ["size", "use len(s)"],
  ["len", "use len(s)"],
  ["toString", "use str(s)"],
]);

/** What to write instead of calling a method on a plain object (objects have no methods). */
const OBJECT_ALTERNATIVES: ReadonlyMap<string, string> = new Map([
  ["keys", "keys(o)"],
  ["values", "values(o)"],
  ["items", "zip(keys(o), values(o))"],
  ["entries", "zip(keys(o), values(o))"],
  ["get", "getattr(o, k, default), or o[k] (raises KeyError when missing)"],
  ["hasOwnProperty", "hasattr(o, k)"],
  ["has", "hasattr(o, k)"],
  ["contains", "hasattr(o, k)"],
  ["includes", "hasattr(o, k)"],
  ["forEach", "for (k in o) { … } (loops over the keys)"],
  ["map", "a for loop over keys(o)"],
  ["filter", "a for loop over keys(o)"],
  ["toString", "str(o)"],
  ["toJSON", "json.stringify(o) (import json;)"],
  ["copy", "a new object filled in a for loop over keys(o)"],
  ["update", "o[k] = v for each key, in a for loop"],
  ["pop", "getattr(o, k, default), then assign the key"],
  ["setdefault", "o[k] = getattr(o, k, default)"],
  ["size", "len(o)"],
  ["len", "len(o)"],
  ["length", "len(o)"],
  ["clear", "a new empty object {}"],
  ["set", "o[k] = v"],
  ["add", "o[k] = v, or an array (a = []; a.append(x)) for a list"],
  ["append", "o[k] = v, or an array (a = []; a.append(x)) for a list"],
  ["push", "o[k] = v, or an array (a = []; a.append(x)) for a list"],
]);

/**
 * The hint after `'array' object has no attribute 'name'` (and the same for strings), or null:
 * an alias from the tables above, else the closest ML method name.
 */
export function memberHint(kind: "array" | "string", name: string, methods: Iterable<string>): string | null {
  const table = kind === "array" ? ARRAY_ALIASES : STRING_ALIASES;
  const alias = table.get(name);
  if (alias !== undefined) return alias;
  return closestHint(name, methods);
}

/** `did you mean 'now'?` for the closest of `names`, or null when none is close. */
export function closestHint(name: string, names: Iterable<string>): string | null {
  const close = didYouMean(name, names);
  return close === undefined ? null : `did you mean '${close}'?`;
}

/** The hint after calling `o.name()` on a plain object without such a key. */
export function objectMethodHint(name: string): string {
  const alternative = OBJECT_ALTERNATIVES.get(name);
  return alternative === undefined
    ? `objects have no methods: o.${name}() calls a function stored under the key '${name}'`
    : `objects have no methods: use ${alternative}`;
}

