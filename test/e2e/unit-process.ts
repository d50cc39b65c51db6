// A compiled Lambda unit's dispatcher in a process of its own, as the Lambda image runs it: the
// unit's folder is the working folder and the environment is the image's, so frameworks that read
// files relative to the working folder (Next.js reads .next/) and patch globals stay out of the
// test runner. Events go in on stdin and answers come back on file descriptor 3, one JSON line each.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import type { Answer } from "./support.js";

const DRIVER = `
const fs = require("node:fs");
const path = require("node:path");
const { handler } = require(path.join(process.cwd(), "klotho_runtime", "dispatcher.js"));
const answer = (message) => fs.writeSync(3, JSON.stringify(message) + "\\n");
require("node:readline").createInterface({ input: process.stdin }).on("line", (line) => {
  const { id, event } = JSON.parse(line);
  handler(event, {}).then(
    (result) => answer({ id, result }),
    (error) => answer({ id, error: String((error && error.stack) || error) }),
  );
});
`;

/** The running unit: send it events, read what it printed, stop it. */
export interface UnitProcess {
  invoke(event: unknown): Promise<Answer>;
  /** What the unit's code printed on stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

interface Reply {
  readonly id: number;
  readonly result?: Answer;
  readonly error?: string;
}

/** Starts `node` in `unitDir` with exactly `env` (plus PATH), loading the unit's dispatcher. */
export function startUnitProcess(unitDir: string, env: Readonly<Record<string, string>>): UnitProcess {
  const child = spawn(process.execPath, ["-e", DRIVER], { cwd: unitDir, env: { PATH: process.env["PATH"] ?? "", ...env }, stdio: ["pipe", "pipe", "pipe", "pipe"] });
  let printed = "";
  const collect = (chunk: Buffer): void => {
    printed += chunk.toString();
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const pending = new Map<number, { resolve: (answer: Answer) => void; reject: (error: Error) => void }>();
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => {
      resolve();
    });
  });
  void exited.then(() => {
    for (const waiter of pending.values()) waiter.reject(new Error(`the unit process exited:\n${printed}`));
    pending.clear();
  });
  createInterface({ input: child.stdio[3] as Readable }).on("line", (line) => {
    const reply = JSON.parse(line) as Reply;
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.result !== undefined) waiter?.resolve(reply.result);
    else waiter?.reject(new Error(`${reply.error ?? "no answer"}\n--- unit output:\n${printed}`));
  });
  let nextId = 0;
  return {
    invoke(event) {
      const id = nextId++;
      return new Promise<Answer>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.stdin.write(`${JSON.stringify({ id, event })}\n`);
      });
    },
    output: () => printed,
    async stop() {
      if (child.exitCode === null) child.kill();
      await exited;
    },
  };
}
