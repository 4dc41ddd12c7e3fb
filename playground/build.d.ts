/** Builds the playground site into `outdir` (default playground/dist) and resolves to that directory. */
export function buildPlayground(outdir?: string): Promise<string>;
