/** The process around the CLI, passed in so tests can run it in memory. */
export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stdout/stderr are terminals (colour and progress only then). */
  readonly isTTY: boolean;
}

/**
 * The real process. A reader that goes away (`klotho explain | head`) closes the pipe: the rest of
 * the output is dropped quietly, as other command-line tools do, instead of crashing on EPIPE.
 */
export function processIo(): CliIo {
  const closed = { stdout: false, stderr: false };
  const guard = (stream: NodeJS.WriteStream, name: keyof typeof closed): void => {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
      closed[name] = true;
    });
  };
  guard(process.stdout, "stdout");
  guard(process.stderr, "stderr");
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => {
      if (!closed.stdout) process.stdout.write(text);
    },
    stderr: (text) => {
      if (!closed.stderr) process.stderr.write(text);
    },
    isTTY: process.stdout.isTTY && process.stderr.isTTY,
  };
}

/** Exit codes: 0 success, 1 errors in the code or annotations, 2 invalid invocation, an unreadable config or an error located in it. */
export const ExitCode = { ok: 0, inputErrors: 1, usage: 2 } as const;
