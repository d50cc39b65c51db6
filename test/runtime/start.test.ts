// An ECS unit whose code is in several annotated files starts through `node klotho_runtime/start.js`
// (its Dockerfile's command): the entrypoint runs, then the unit's other files, each once, as the
// Lambda dispatcher loads them. Run as the container runs it, in a child process.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createUnitFolder, type UnitJson } from "./unit-folder.js";

/** Runs start.js in the unit folder; returns its exit code, stderr and the lines the unit's files logged to ran.txt. */
function start(unit: UnitJson, files: Record<string, string>): { status: number | null; stderr: string; ran: string[] } {
  const worker = createUnitFolder(unit, files);
  try {
    const child = spawnSync(process.execPath, ["klotho_runtime/start.js"], { cwd: worker.folder.dir, encoding: "utf8", timeout: 20_000 });
    let ran: string[] = [];
    try {
      ran = readFileSync(worker.folder.path("ran.txt"), "utf8").trim().split("\n");
    } catch {
      ran = [];
    }
    return { status: child.status, stderr: child.stderr, ran };
  } finally {
    worker.folder.remove();
  }
}

const LOG = `const { appendFileSync } = require("node:fs");\nconst path = require("node:path");\nexports.log = (line) => appendFileSync(path.join(__dirname, "ran.txt"), line + "\\n");\n`;

describe("an ECS unit's start.js", () => {
  it("runs the entrypoint, then the unit's other annotated files, each once", () => {
    const result = start({ unit: "worker", app: "shop", entrypoint: "server.js", load: ["listeners.mjs", "routes.js"], moduleKind: "cjs", gateway: true }, {
      "log.js": LOG,
      "server.js": `const { log } = require("./log.js");\nrequire("./routes.js");\nlog("server");\n`,
      "routes.js": `require("./log.js").log("routes");\n`,
      "listeners.mjs": `import { createRequire } from "node:module";\ncreateRequire(import.meta.url)("./log.js").log("listeners");\n`,
    });
    expect(result).toMatchObject({ status: 0, ran: ["routes", "server", "listeners"] });
  });

  it("imports an ES module entrypoint", () => {
    const result = start({ unit: "worker", app: "shop", entrypoint: "server.mjs", load: ["jobs.mjs"], moduleKind: "esm", gateway: false }, {
      "log.js": LOG,
      "server.mjs": `import { createRequire } from "node:module";\nawait Promise.resolve();\ncreateRequire(import.meta.url)("./log.js").log("server");\n`,
      "jobs.mjs": `import { createRequire } from "node:module";\ncreateRequire(import.meta.url)("./log.js").log("jobs");\n`,
    });
    expect(result).toMatchObject({ status: 0, ran: ["server", "jobs"] });
  });

  it("exits with 1 when another file fails after the entrypoint's server is listening", () => {
    const result = start({ unit: "worker", app: "shop", entrypoint: "server.js", load: ["jobs.js"], moduleKind: "cjs", gateway: false }, {
      "log.js": LOG,
      "server.js": `require("node:http").createServer((q, s) => s.end()).listen(0, "127.0.0.1");\nrequire("./log.js").log("server");\n`,
      "jobs.js": `throw new Error("QUEUE_URL is not set");\n`,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("QUEUE_URL is not set");
    expect(result.ran).toEqual(["server"]);
  });

  it("exits with 1 and the entrypoint's error when it throws, loading no other file", () => {
    const result = start({ unit: "worker", app: "shop", entrypoint: "server.js", load: ["jobs.js"], moduleKind: "cjs", gateway: false }, {
      "log.js": LOG,
      "server.js": `throw new Error("DATABASE_URL is not set");\n`,
      "jobs.js": `require("./log.js").log("jobs");\n`,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL is not set");
    expect(result.ran).toEqual([]);
  });
});
