/**
 * `probe`: an extension module for the capability tests, declared like any stdlib module. Its
 * functions do nothing but pass the capability check, so the tests exercise the check alone.
 */
import { defineModule, StdlibObject } from "../../src/stdlib/define.js";
import { authorizeEnv, authorizePath, authorizeUrl } from "../../src/capabilities/check.js";
import { registry } from "../../src/stdlib/registry.js";

const m = defineModule("probe", "Capability probes for tests.");

export const clock = m.function(
  { name: "clock", aliases: ["tick_tock"], params: "", returns: "number", description: "Needs datetime.now.", requires: ["datetime.now"] },
  () => 1,
);
export const read = m.function(
  { name: "read", params: "path", returns: "string", description: "Needs file.read for the path; returns the canonical path.", requires: ["file.read"] },
  (p: unknown) => authorizePath("probe.read", "file.read", String(p), "read"),
);
export const stat = m.function(
  { name: "stat", params: "path", returns: "string", description: "Needs file.read for the path (operation 'stat').", requires: ["file.read"] },
  (p: unknown) => authorizePath("probe.stat", "file.read", String(p), "stat"),
);
export const env = m.function(
  { name: "env", params: "name", returns: "boolean", description: "Needs env.read for the variable.", requires: ["env.read"] },
  (n: unknown) => {
    authorizeEnv("probe.env", "env.read", String(n), "env");
    return true;
  },
);
export const fetch = m.function(
  { name: "fetch", params: "url, method=GET", returns: "string", description: "Needs network.http for the URL.", requires: ["network.http"], async: true },
  async (u: unknown, method?: unknown) => (await authorizeUrl("probe.fetch", String(u), typeof method === "string" ? method : "GET")).url.href,
);

/** An object with a capability-requiring method. */
export class Stamp extends StdlibObject {
  constructor() {
    super();
    Object.freeze(this);
  }
  toJSON(): string {
    return "stamp";
  }
}
m.class(Stamp, {
  name: "Stamp",
  description: "A probe object.",
  members: [
    m.method({ name: "now", params: "", returns: "number", description: "Needs datetime.now.", requires: ["datetime.now"] }, () => 2),
    m.method({ name: "label", params: "", returns: "string", description: "Needs nothing." }, () => "stamp"),
  ],
});
export const stamp = m.function({ name: "stamp", params: "", returns: "Stamp", description: "A new Stamp." }, () => new Stamp());

export const definition = m.done();

if (!registry.has("probe")) registry.register("probe", { definition });
