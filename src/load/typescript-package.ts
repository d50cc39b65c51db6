import { createRequire } from "node:module";

let version: string | null | undefined;

/** The version of the TypeScript compiler klotho emits with, read from its package.json once (without loading the compiler); undefined when it cannot be read. */
export function typescriptVersion(): string | undefined {
  if (version === undefined) {
    try {
      const manifest = createRequire(import.meta.url)("typescript/package.json") as { version?: unknown };
      version = typeof manifest.version === "string" ? manifest.version : null;
    } catch {
      version = null;
    }
  }
  return version ?? undefined;
}
