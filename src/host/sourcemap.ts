/**
 * Source-map reading for stack traces, loaded on first use: maps are only read when an error
 * escapes to the host, so `mljs run` does not pay for loading the library at start-up.
 */
import { createRequire } from "node:module";
import type * as TraceMapping from "@jridgewell/trace-mapping";
import type * as GenMapping from "@jridgewell/gen-mapping";

let lib: typeof TraceMapping | null = null;

function traceMapping(): typeof TraceMapping {
  lib ??= createRequire(import.meta.url)("@jridgewell/trace-mapping") as typeof TraceMapping;
  return lib;
}

/** A decoded source map ready for position lookups. */
export type SourceMapReader = TraceMapping.TraceMap;

/** Decodes a Source Map v3 object. */
export function readSourceMap(map: object): SourceMapReader {
  const { TraceMap } = traceMapping();
  return new TraceMap(map as ConstructorParameters<typeof TraceMapping.TraceMap>[0]);
}

/**
 * `map` (a Source Map v3 object) for its code evaluated after `lines` lines of wrapper, the
 * first of which opens a function at `start.column` (its `(`, where V8 says it starts): the map
 * names that function `start.name`, which a debugger's call stack shows. Loads the encoder.
 */
export function wrappedSourceMap(
  map: { names: readonly string[] } & Record<string, unknown>, lines: number, start: { column: number; name: string },
): object {
  const { decodedMappings } = traceMapping();
  const wrapper: number[][][] = Array.from({ length: lines }, () => []);
  wrapper[0]!.push([start.column, 0, 0, 0, map.names.length]);
  const { fromMap, toEncodedMap } = createRequire(import.meta.url)("@jridgewell/gen-mapping") as typeof GenMapping;
  const decoded = { ...map, names: [...map.names, start.name], mappings: [...wrapper, ...decodedMappings(readSourceMap(map))] };
  return toEncodedMap(fromMap(decoded as unknown as Parameters<typeof fromMap>[0]));
}

/** The original position (source as the map names it, 1-based line, 0-based column) of a generated position, or nulls. */
export function originalPosition(
  map: SourceMapReader, line: number, column: number,
): { source: string | null; line: number | null; column: number | null } {
  return traceMapping().originalPositionFor(map, { line, column });
}
