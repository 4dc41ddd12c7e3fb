/**
 * The expanded size of a value: what it costs the host to walk, copy or serialise it.
 *
 * ML can build a small structure that is huge once expanded (`a = [a, a]` forty times is 45 steps
 * and 2^40 leaves): anything in the host that walks it naively — `JSON.stringify`, structured
 * clone, a logger — would run for ever. Every value that crosses to the host is measured here
 * first, against the `maxResultSize` limit (docs/limits.md).
 *
 * Units: every value counts 1, a string also counts its length, an object key also counts its
 * length; shared sub-structures count once per reference (expanded), a cycle is infinitely large.
 * The walk remembers the size of each container it finished, so it does work linear in the
 * distinct containers and references, and it stops as soon as the total passes the limit: it
 * never does more than about `limit` units of work.
 */

import { types } from "node:util";

const isArray = Array.isArray;
const isProxy = types.isProxy;
const getPrototypeOf = Object.getPrototypeOf;
const ObjectPrototype = Object.prototype;
const objectKeys = Object.keys;

/** Containers walked before the walk starts remembering sizes (small values allocate nothing). */
const SMALL = 64;

/**
 * Whether `v` is a container a walk of ML data enters (this measure, and the host boundary's
 * walks): an array or a plain (or null-prototype) object. A Proxy (a host value) is not entered:
 * walking it would run the host's traps, which may throw; it counts, and crosses, as one value.
 */
export function isContainer(v: unknown): v is unknown[] | Record<string, unknown> {
  if (typeof v !== "object" || v === null || isProxy(v)) return false;
  if (isArray(v)) return true;
  const proto = getPrototypeOf(v);
  return proto === ObjectPrototype || proto === null;
}

/** The size of a value that is not a container: 1, plus its length for a string. */
export function leafSize(v: unknown): number {
  return typeof v === "string" ? 1 + v.length : 1;
}

/**
 * The expanded size of `v` if it is at most `limit`, else a number greater than `limit`
 * (`Infinity` for a cyclic value). Proxies and class instances count as one unit each: the walk
 * enters arrays and plain objects only, and reads only own enumerable string keys.
 */
export function expandedSize(v: unknown, limit: number): number {
  if (!isContainer(v)) return leafSize(v);
  const small = smallSize(v, limit);
  return small >= 0 ? small : largeSize(v, limit);
}

/**
 * A plain recursive-free walk for values of at most {@link SMALL} containers; -1 when the value
 * is bigger than that (or cyclic), so the remembering walk takes over.
 */
function smallSize(root: object, limit: number): number {
  const pending: object[] = [root];
  let containers = 0;
  let total = 0;
  while (pending.length > 0) {
    const c = pending.pop()!;
    if (++containers > SMALL) return -1;
    total += 1;
    if (isArray(c)) {
      for (let i = 0; i < c.length; i++) {
        const x = c[i];
        if (isContainer(x)) pending.push(x);
        else total += leafSize(x);
      }
    } else {
      for (const key of objectKeys(c)) {
        const x = (c as Record<string, unknown>)[key];
        total += key.length;
        if (isContainer(x)) pending.push(x);
        else total += leafSize(x);
      }
    }
    if (total > limit) return total;
  }
  return total;
}

/** Marks a container whose walk has started but not finished (meeting it again is a cycle). */
const OPEN = -1;

interface Pending {
  readonly node: object;
  readonly children: unknown[];
  /** Index of the next child to add. */
  next: number;
  /** Size so far: 1 for the container, its key lengths, its finished children. */
  total: number;
}

/** Post-order walk remembering each finished container's expanded size. */
function largeSize(root: object, limit: number): number {
  const sizes = new Map<object, number>();
  const open = (node: object): Pending => {
    sizes.set(node, OPEN);
    if (isArray(node)) return { node, children: node, next: 0, total: 1 };
    const keys = objectKeys(node);
    const children = new Array<unknown>(keys.length);
    let total = 1;
    for (let i = 0; i < keys.length; i++) {
      total += keys[i]!.length;
      children[i] = (node as Record<string, unknown>)[keys[i]!];
    }
    return { node, children, next: 0, total };
  };
  const stack: Pending[] = [open(root)];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.total > limit) return top.total;
    if (top.next < top.children.length) {
      const x = top.children[top.next++];
      if (!isContainer(x)) {
        top.total += leafSize(x);
        continue;
      }
      const known = sizes.get(x);
      if (known === OPEN) return Infinity;
      if (known !== undefined) {
        top.total += known;
        continue;
      }
      stack.push(open(x));
      continue;
    }
    stack.pop();
    sizes.set(top.node, top.total);
    if (stack.length === 0) return top.total;
    const parent = stack[stack.length - 1]!;
    parent.total += top.total;
  }
  return 0;
}
