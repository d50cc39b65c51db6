import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateApp, generateNestApp } from "../../bench/generate-app.mjs";
import { runCli } from "../helpers/run-cli.js";
import { tempProject } from "../helpers/temp-project.js";

/** Compiles a generated app; the ids of the resources it planned. */
async function planned(dir: string): Promise<string[]> {
  const out = path.join(dir, "compiled");
  const run = await runCli([dir, "--app", "bench", "--provider", "aws", "-o", out], { cwd: dir });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const resources = JSON.parse(readFileSync(path.join(out, "resources.json"), "utf8")) as { resources: { id: string }[] };
  return resources.resources.map((resource) => resource.id);
}

// The bench's extra shapes (`npm run bench -- --shapes units,nest`) must stay the apps they are meant to be.
describe("the bench's generated apps", () => {
  it("`units`: every router its own execution unit (the server's file goes with each)", async () => {
    const app = generateApp(tempProject().path("app"), 100, "units");
    expect(app).toMatchObject({ files: 100, routers: 10, units: 10, stores: 2 });
    const ids = await planned(app.dir);
    expect(ids.filter((id) => id.startsWith("exec_unit:")).sort()).toEqual(Array.from({ length: 10 }, (_, r) => `exec_unit:unit${String(r)}`).sort());
    expect(ids.filter((id) => id.startsWith("persist_kv:")).sort()).toEqual(["persist_kv:store0", "persist_kv:store7"]);
  });

  it("`nest`: a NestJS app whose features each persist a Map, eight of them units of their own", async () => {
    const app = generateNestApp(tempProject().path("app"), 16);
    expect(app).toMatchObject({ files: 50, units: 8, stores: 16 });
    const ids = await planned(app.dir);
    expect(ids.filter((id) => id.startsWith("exec_unit:")).sort()).toEqual(["exec_unit:main", ...[1, 3, 5, 7, 9, 11, 13, 15].map((i) => `exec_unit:unit${String(i)}`)].sort());
    expect(ids.filter((id) => id.startsWith("persist_kv:"))).toHaveLength(16);
    expect(ids).toContain("gateway:api");
  });
});
