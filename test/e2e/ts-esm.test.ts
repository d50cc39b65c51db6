// The TypeScript ES module fixture (top-level `await app.listen`, a tsconfig path alias, an HTTP API)
// compiled by the real CLI into two Lambda units, `notes` (the notes router, whose store is a
// persisted Map) and `main` (health and admin routes). Both dispatchers answer real v1 and v2 events
// through the emitted JavaScript, and share the notes in DynamoDB (dynalite).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDynalite, type LocalBackend } from "../helpers/local-backends.js";
import { v1Event, v2Event } from "../runtime/api-gateway-events.js";
import { compileProject, createKvTable, fixture, jsonOf, LOCAL_AWS, setEnv, v1Result, v2Result, type CompiledProject } from "./support.js";

let project: CompiledProject;
let dynalite: LocalBackend;
let restoreEnv: () => void;

beforeAll(async () => {
  [project, dynalite] = await Promise.all([compileProject(fixture("express", "ts-esm"), "notes"), startDynalite()]);
  restoreEnv = setEnv({ ...LOCAL_AWS, AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint, KLOTHO_APP_NAME: "notes", KLOTHO_KV_TABLE: "notes-kv" });
  await createKvTable(dynalite.endpoint, "notes-kv");
}, 60_000);

afterAll(async () => {
  restoreEnv();
  await dynalite.stop();
  project.remove();
});

const json = { "Content-Type": ["application/json"] };

describe("the compiled TypeScript ES module app", () => {
  it("creates, lists (filtered by a query parameter), reads and deletes notes through the notes unit", async () => {
    const notes = project.handler("notes");
    const first = { id: "n1", text: "buy a harness", tags: ["shopping"] };
    const second = { id: "n2", text: "walk the pug", tags: ["pug", "daily"] };
    expect(v2Result(await notes(v2Event({ method: "POST", path: "/api/notes", headers: json, body: JSON.stringify(first) }))).statusCode).toBe(201);
    expect(v1Result(await notes(v1Event({ method: "POST", path: "/api/notes", headers: json, body: JSON.stringify(second) }))).statusCode).toBe(201);

    const byPath = v2Result(await notes(v2Event({ path: "/api/notes/n2" })));
    expect(byPath.statusCode).toBe(200);
    expect(byPath.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(jsonOf(byPath)).toEqual(second);

    expect(jsonOf(v2Result(await notes(v2Event({ path: "/api/notes", query: [["tag", "pug"]] }))))).toEqual([["n2", second]]);
    expect(jsonOf(v1Result(await notes(v1Event({ path: "/api/notes" }))))).toEqual([["n1", first], ["n2", second]]);

    expect(v1Result(await notes(v1Event({ method: "DELETE", path: "/api/notes/n1" }))).statusCode).toBe(204);
    const gone = v2Result(await notes(v2Event({ path: "/api/notes/n1" })));
    expect(gone.statusCode).toBe(404);
    expect(jsonOf(gone)).toEqual({ error: "no note 'n1'" });
  });

  it("serves the health route from the main unit, counting the notes the notes unit stored", async () => {
    const main = project.handler("main");
    const health = v2Result(await main(v2Event({ path: "/health", stage: "prod" })));
    expect(health.statusCode).toBe(200);
    expect(jsonOf(health)).toEqual({ ok: true, notes: 1 });
    // The admin router's enum and parameter properties, stripped as tsc writes them, run in the unit.
    expect(jsonOf(v1Result(await main(v1Event({ path: "/admin/stats" }))))).toEqual({ scope: "internal", count: 0 });
    expect(v1Result(await main(v1Event({ path: "/admin/stats/anything/else" }))).statusCode).toBe(404);
  });

  it("answers 404 in each unit for the routes the other unit serves", async () => {
    const fromMain = v2Result(await project.handler("main")(v2Event({ path: "/api/notes/n2" })));
    expect(fromMain.statusCode).toBe(404);
    expect(fromMain.body).toContain("Cannot GET /api/notes/n2");
    // The notes unit holds the whole app file (its mounts of main's routers stay), so only truly unknown paths 404 there.
    expect(v1Result(await project.handler("notes")(v1Event({ path: "/nowhere" }))).statusCode).toBe(404);
  });
});
