/**
 * The `process` global for the playground's worker, injected where the host and the stdlib name
 * it: working directory `/`, an empty environment (a program's `env` view is empty too), and
 * output streams that drop text (programs print through the sinks the worker gives `run`).
 */
const drop = { write: (_text: string): boolean => true };

export const process = {
  cwd: (): string => "/",
  env: {} as Record<string, string | undefined>,
  argv: [] as string[],
  platform: "browser",
  stdout: drop,
  stderr: drop,
};
