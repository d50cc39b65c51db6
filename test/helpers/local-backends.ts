// Real local stand-ins for the cloud back ends the runtime talks to: dynalite (DynamoDB), s3rver (S3)
// and Debian's redis-server. Each binds to 127.0.0.1 on a free port; the caller stops it in afterAll.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** A running local back end. */
export interface LocalBackend {
  /** `http://127.0.0.1:<port>` for HTTP services, `redis://127.0.0.1:<port>` for redis. */
  readonly endpoint: string;
  readonly port: number;
  /** Stops the server and removes what it stored on disk. */
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);
const REDIS_SERVER = "/usr/bin/redis-server";

/** A TCP port that was free a moment ago (for servers that need the number before they start). */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", resolve);
  });
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => { resolve(); }));
  if (address === null || typeof address === "string") throw new Error("net.Server#address() returned no port");
  return address.port;
}

/** Starts dynalite in memory; tables become ACTIVE at once. */
export async function startDynalite(): Promise<LocalBackend> {
  const dynalite: unknown = require("dynalite");
  if (typeof dynalite !== "function") throw new Error("the dynalite package does not export a function");
  const server: unknown = Reflect.apply(dynalite, undefined, [{ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }]);
  if (!(server instanceof net.Server)) throw new Error("dynalite() did not return a server");
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const port = portOf(server);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stop: () => new Promise<void>((resolve, reject) => server.close((error) => { if (error) reject(error); else resolve(); })),
  };
}

interface S3rverInstance {
  run(): Promise<unknown>;
  close(): Promise<unknown>;
}

/** Starts s3rver with the given buckets, storing objects in a fresh temp folder, without logging. */
export async function startS3rver(buckets: readonly string[]): Promise<LocalBackend> {
  const S3rver: unknown = require("s3rver");
  if (typeof S3rver !== "function") throw new Error("the s3rver package does not export a class");
  const directory = mkdtempSync(path.join(os.tmpdir(), "klotho-s3rver-"));
  const instance: unknown = Reflect.construct(S3rver, [
    { address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: buckets.map((name) => ({ name, configs: [] })) },
  ]);
  if (!isS3rver(instance)) throw new Error("new S3rver() has no run()/close()");
  const address = await instance.run();
  if (typeof address !== "object" || address === null || !("port" in address) || typeof address.port !== "number") {
    throw new Error("s3rver.run() resolved without a port");
  }
  const port = address.port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stop: async () => {
      await instance.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * Starts Debian's redis-server without persistence; `cluster` makes it a one-node cluster owning every
 * slot. The port was free a moment before: another test file running beside this one may take it
 * first, and then a fresh port is tried.
 */
export async function startRedisServer(options: { cluster?: boolean } = {}): Promise<LocalBackend> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startRedisOn(await freePort(), options);
    } catch (error) {
      if (!(error instanceof PortTaken) || attempt === 3) throw error;
    }
  }
}

class PortTaken extends Error {}

async function startRedisOn(port: number, options: { cluster?: boolean }): Promise<LocalBackend> {
  const directory = mkdtempSync(path.join(os.tmpdir(), "klotho-redis-"));
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory];
  // The announced IP makes CLUSTER SLOTS name the node (ioredis ignores nodes with an empty address).
  if (options.cluster) args.push("--cluster-enabled", "yes", "--cluster-config-file", path.join(directory, "nodes.conf"), "--cluster-announce-ip", "127.0.0.1");
  const child = spawn(REDIS_SERVER, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => { resolve(); }));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString("utf8");
      if (output.includes("Ready to accept connections")) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("error", reject);
    child.once("exit", (code) => {
      rmSync(directory, { recursive: true, force: true });
      const message = `redis-server exited with code ${String(code)}:\n${output}`;
      reject(output.includes("Address already in use") ? new PortTaken(message) : new Error(message));
    });
  });
  return {
    endpoint: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

function portOf(server: net.Server): number {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the server is not listening on a TCP port");
  return address.port;
}

function isS3rver(value: unknown): value is S3rverInstance {
  return typeof value === "object" && value !== null && "run" in value && typeof value.run === "function" && "close" in value && typeof value.close === "function";
}
