import type { CompileOptions } from "../load/inputs.js";

/** Options common to `compile` and `explain`, as parsed from argv. */
export interface CommandOptions extends CompileOptions {
  readonly strict: boolean;
  readonly json: boolean;
  readonly verbose: boolean;
  readonly color: boolean;
  readonly timings: boolean;
}

/** The raw option bag commander produces for the shared options. */
export interface RawOptions {
  app?: string;
  provider?: string;
  outDir?: string;
  outdir?: string;
  config?: string;
  rules?: string[];
  strict?: boolean;
  json?: boolean;
  verbose?: boolean;
  color?: boolean;
  timings?: boolean;
}

/** Normalises commander's option bag (e.g. `--outDir` is an alias of `--out-dir`). */
export function toCommandOptions(path: string | undefined, raw: RawOptions): CommandOptions {
  const outDir = raw.outDir ?? raw.outdir;
  return {
    ...(path !== undefined ? { path } : {}),
    ...(raw.app !== undefined ? { app: raw.app } : {}),
    ...(raw.provider !== undefined ? { provider: raw.provider } : {}),
    ...(outDir !== undefined ? { outDir } : {}),
    ...(raw.config !== undefined ? { config: raw.config } : {}),
    rules: raw.rules ?? [],
    strict: raw.strict ?? false,
    json: raw.json ?? false,
    verbose: raw.verbose ?? false,
    color: raw.color ?? true,
    timings: raw.timings ?? false,
  };
}
