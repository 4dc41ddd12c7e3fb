import type { Server } from "node:http";

/** Starts a static file server for `root` on 127.0.0.1:`port` (0: any free port); resolves once listening. */
export function serveStatic(root: string, port?: number): Promise<Server>;
