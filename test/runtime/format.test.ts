import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { formatSpec, percentFormat, roundHalfEven } from "../../src/runtime/format.js";

const fcases = JSON.parse(readFileSync("/tmp/rtcore/format-cases.json", "utf8")) as [number, string, string | null][];
const pcases = JSON.parse(readFileSync("/tmp/rtcore/percent-cases.json", "utf8")) as [string, number, string | null][];
const rcases = JSON.parse(readFileSync("/tmp/rtcore/round-cases.json", "utf8")) as [number, number, number | null][];
describe("scratch", () => {
  it("format", () => {
    const bad: string[] = [];
    for (const [v, s, r] of fcases) {
      let got: string | null;
      try { got = formatSpec(v, s); } catch (e) { got = null; }
      if (got !== r) bad.push(`${v} ${JSON.stringify(s)} want ${JSON.stringify(r)} got ${JSON.stringify(got)}`);
    }
    expect(bad.join("\n")).toBe("");
  });
  it("percent", () => {
    const bad: string[] = [];
    for (const [f, v, r] of pcases) {
      let got: string | null;
      try { got = percentFormat(f, v); } catch (e) { got = null; }
      if (got !== r) bad.push(`${f} ${v} want ${JSON.stringify(r)} got ${JSON.stringify(got)}`);
    }
    expect(bad.join("\n")).toBe("");
  });
  it("round", () => {
    const bad: string[] = [];
    for (const [v, d, r] of rcases) {
      let got: number | null;
      try { got = roundHalfEven(v, d); } catch (e) { got = null; }
      if (got !== r) bad.push(`${v} ${d} want ${r} got ${got}`);
    }
    expect(bad.join("\n")).toBe("");
  });
});
