/** One measured process: wall time, peak RSS and minor page faults, its output. */
export interface Measured {
  readonly ms: number;
  readonly rss: number;
  readonly faults: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node <argv>` with the bench's RSS reporter preloaded; throws when it fails. */
export function measure(argv: readonly string[], options: { readonly cwd: string; readonly env?: NodeJS.ProcessEnv; readonly home: string }): Measured;

/** `env` without the variable `name`. */
export function withoutVariable(env: NodeJS.ProcessEnv, name: string): NodeJS.ProcessEnv;
