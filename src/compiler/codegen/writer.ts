/**
 * The output buffer of the code generator: an array of chunks joined once at the end (no
 * quadratic concatenation; measured faster than building line strings), with the generated line
 * and column tracked incrementally, and the source-map segments recorded as flat numbers in a
 * typed array while writing.
 *
 * Rules that keep the column tracking exact: written text never contains a line break (line
 * breaks are written by {@link Writer.newline} only), and text reserved with
 * {@link Writer.reserve} is appended at the very end of its line, so its final length cannot
 * shift any recorded column.
 */
import { createRequire } from "node:module";
import type * as GenMappingLib from "@jridgewell/gen-mapping";
import type { Position } from "../ast.js";

let genMapping: typeof GenMappingLib | null = null;

/**
 * The source-map library, loaded on first use: most compilations (every `mljs run` without an
 * error) write no map, and loading it with its dependencies costs several milliseconds of start-up.
 */
function mappingLib(): typeof GenMappingLib {
  genMapping ??= createRequire(import.meta.url)("@jridgewell/gen-mapping") as typeof GenMappingLib;
  return genMapping;
}

/** A Source Map v3 object, as `JSON.stringify` writes it. */
export interface SourceMapV3 {
  version: 3;
  file: string;
  sources: string[];
  sourcesContent: (string | null)[];
  names: string[];
  mappings: string;
}

/** Fields per recorded segment: generated line, generated column, source line, source column, name index. */
const SEGMENT = 5;

const INDENTS: string[] = [""];

/** The indentation string for `level` (two spaces per level), cached. */
function indentation(level: number): string {
  for (let i = INDENTS.length; i <= level; i++) INDENTS.push("  ".repeat(i));
  return INDENTS[level]!;
}

export class Writer {
  /** Output chunks, joined once at the end. */
  private readonly chunks: string[] = [];
  /** 0-based generated line. */
  private line = 0;
  /** 0-based generated column (UTF-16 code units). */
  private col = 0;
  /** Current indentation level. */
  level = 0;
  /** Recorded segments, {@link SEGMENT} numbers each; null when no map is wanted. */
  private segments: Int32Array | null;
  private used = 0;
  private readonly names: string[] = [];
  private readonly nameIndex = new Map<string, number>();

  constructor(sourceMap: boolean) {
    this.segments = sourceMap ? new Int32Array(SEGMENT * 1024) : null;
  }

  /** Appends text that contains no line break. */
  write(text: string): void {
    this.chunks.push(text);
    this.col += text.length;
  }

  /** Ends the current line. */
  newline(): void {
    this.chunks.push("\n");
    this.line++;
    this.col = 0;
  }

  /** Writes the indentation of the current level (at the start of a line). */
  indent(): void {
    if (this.level > 0) this.write(indentation(this.level));
  }

  /**
   * Reserves the end of the current line for text given later with {@link fill}. Nothing else
   * may be written on this line afterwards.
   */
  reserve(): number {
    this.chunks.push("");
    return this.chunks.length - 1;
  }

  fill(reserved: number, text: string): void {
    this.chunks[reserved] = text;
  }

  /**
   * Maps the current generated position to the ML position `at` (1-based line and column), with
   * an optional identifier name. A later mark at the same generated position replaces an
   * earlier one (the innermost construct wins); a mark repeating the previous source position
   * on the same line is dropped.
   */
  mark(at: Position, name?: string): void {
    let segs = this.segments;
    if (segs === null) return;
    const srcLine = at.line - 1;
    const srcCol = at.column - 1;
    const nameIdx = name === undefined ? -1 : this.nameOf(name);
    const n = this.used;
    if (n > 0 && segs[n - SEGMENT] === this.line) {
      if (segs[n - SEGMENT + 1] === this.col) {
        segs[n - 3] = srcLine;
        segs[n - 2] = srcCol;
        segs[n - 1] = nameIdx;
        return;
      }
      if (segs[n - 3] === srcLine && segs[n - 2] === srcCol && segs[n - 1] === nameIdx) return;
    }
    if (n + SEGMENT > segs.length) {
      const grown = new Int32Array(segs.length * 2);
      grown.set(segs);
      this.segments = segs = grown;
    }
    segs[n] = this.line;
    segs[n + 1] = this.col;
    segs[n + 2] = srcLine;
    segs[n + 3] = srcCol;
    segs[n + 4] = nameIdx;
    this.used = n + SEGMENT;
  }

  private nameOf(name: string): number {
    let i = this.nameIndex.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(name);
      this.nameIndex.set(name, i);
    }
    return i;
  }

  /** The generated code (the current line included). */
  code(): string {
    return this.chunks.join("");
  }

  /**
   * The source map of the generated code.
   *
   * @param file the generated file's name (the map's `file`)
   * @param source the ML file name (the map's only source)
   * @param content the ML source text (`sourcesContent`)
   */
  sourceMap(file: string, source: string, content: string): SourceMapV3 | null {
    const segs = this.segments;
    if (segs === null) return null;
    const direct = source === "" ? null : encodeMappings(segs, this.used, this.names);
    if (direct !== null) {
      return { version: 3, file, sources: [source], sourcesContent: [content], names: direct.names, mappings: direct.mappings };
    }
    const { GenMapping, addSegment, setSourceContent, toEncodedMap } = mappingLib();
    const map = new GenMapping({ file });
    setSourceContent(map, source, content);
    const names = this.names;
    for (let i = 0; i < this.used; i += SEGMENT) {
      const nameIdx = segs[i + 4]!;
      if (nameIdx >= 0) addSegment(map, segs[i]!, segs[i + 1]!, source, segs[i + 2]!, segs[i + 3]!, names[nameIdx]!);
      else addSegment(map, segs[i]!, segs[i + 1]!, source, segs[i + 2]!, segs[i + 3]!);
    }
    const encoded = toEncodedMap(map);
    return {
      version: 3,
      file,
      sources: [source],
      sourcesContent: [content],
      names: [...encoded.names],
      mappings: encoded.mappings,
    };
  }
}

const BASE64 = new Uint8Array(64);
for (let i = 0; i < 64; i++) BASE64[i] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charCodeAt(i);
const COMMA = 44;
const SEMICOLON = 59;
const ZERO = 65; // "A": the VLQ digit of 0
let decoder: { decode(bytes: Uint8Array): string } | null = null;

/**
 * The `mappings` and `names` of the recorded segments, encoded directly — the same text
 * `@jridgewell/gen-mapping` writes for them (one source; names in order of first use by a kept
 * segment; empty final lines dropped), without building its per-segment arrays. Null when the
 * segments are not in generated order or hold a value the library would treat specially, so the
 * caller falls back to the library.
 */
function encodeMappings(segs: Int32Array, used: number, recorded: readonly string[]): { mappings: string; names: string[] } | null {
  const names: string[] = [];
  const remap = new Int32Array(recorded.length).fill(-1);
  // At most 7 digits per value (32-bit values), 5 values and a separator per segment; line
  // separators are added on demand.
  let out = new Uint8Array(used / SEGMENT * 36 + 64);
  let at = 0;
  const vlq = (value: number): void => {
    let v = value < 0 ? (-value << 1) | 1 : value << 1;
    do {
      let digit = v & 31;
      v >>>= 5;
      if (v > 0) digit |= 32;
      out[at++] = BASE64[digit]!;
    } while (v > 0);
  };
  let genLine = 0;
  let prevCol = 0;
  let prevSrcLine = 0;
  let prevSrcCol = 0;
  let prevName = 0;
  let first = true;
  for (let i = 0; i < used; i += SEGMENT) {
    const gl = segs[i]!;
    const gc = segs[i + 1]!;
    const sl = segs[i + 2]!;
    const sc = segs[i + 3]!;
    const n = segs[i + 4]!;
    if (gl < genLine || gc < 0 || sl < 0 || sc < 0) return null;
    if (gl > genLine) {
      if (at + (gl - genLine) + 40 > out.length) {
        const grown = new Uint8Array(out.length * 2 + (gl - genLine));
        grown.set(out);
        out = grown;
      }
      for (let k = genLine; k < gl; k++) out[at++] = SEMICOLON;
      genLine = gl;
      prevCol = 0;
      first = true;
    } else if (!first && gc < prevCol) {
      return null;
    }
    if (at + 40 > out.length) {
      const grown = new Uint8Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    if (!first) out[at++] = COMMA;
    vlq(gc - prevCol);
    prevCol = gc;
    out[at++] = ZERO;
    vlq(sl - prevSrcLine);
    prevSrcLine = sl;
    vlq(sc - prevSrcCol);
    prevSrcCol = sc;
    if (n >= 0 && recorded[n] !== "") {
      let idx = remap[n]!;
      if (idx < 0) {
        idx = remap[n] = names.length;
        names.push(recorded[n]!);
      }
      vlq(idx - prevName);
      prevName = idx;
    }
    first = false;
  }
  decoder ??= new TextDecoder();
  return { mappings: decoder.decode(out.subarray(0, at)), names };
}
