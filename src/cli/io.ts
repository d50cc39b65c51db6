/** The process around the CLI, passed in so tests can run it in memory. */
export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stdout/stderr are terminals (colour and progress only then). */
  readonly isTTY: boolean;
}

/** The real process. */
export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY && process.stderr.isTTY,
  };
}

/** Exit codes: 0 success, 1 errors in the input, 2 invalid invocation or unreadable config. */
export const ExitCode = { ok: 0, inputErrors: 1, usage: 2 } as const;
