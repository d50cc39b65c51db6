import { describe, expect, it } from "vitest";
import type { DraftResource, Subject } from "../../src/engine/index.js";
import { planApp, renderResourcesJson } from "../../src/plan/index.js";
import { attachEnvironment } from "../../src/plan/environment.js";
import { schemaValidator } from "../../src/load/schemas.js";
import { formatLocation } from "../../src/util/source-range.js";
import { annotationSubject, awsTypes, range, rules, unit, unitSubject, useSubject } from "../helpers/plan-inputs.js";

function draft(id: string, directives: Record<string, unknown> = {}): DraftResource {
  const [kind = "", name = ""] = id.split(":");
  return { id, kind, name, type: "", params: {}, directives, routes: [], source: [range(`${name}.js`, 3)], provenance: [] };
}

function edge(source: string, target: string) {
  return { source, target, reason: "test" };
}

describe("attachEnvironment", () => {
  it("gives every unit with an edge to a resource the variables its directive names, sorted", () => {
    const resources = new Map(
      [
        draft("exec_unit:a"),
        draft("exec_unit:b"),
        draft("persist_orm:db", { environment_variables: { DB_URL: "orm.connection_string" } }),
        draft("persist_redis_node:cache", { environment_variables: { REDIS_PORT: "redis_node.port", REDIS_HOST: "redis_node.host" } }),
      ].map((r) => [r.id, r]),
    );
    const diagnostics = attachEnvironment(resources, [edge("exec_unit:a", "persist_orm:db"), edge("exec_unit:a", "persist_redis_node:cache"), edge("exec_unit:b", "persist_orm:db")]);
    expect(diagnostics).toEqual([]);
    expect(Object.entries(resources.get("exec_unit:a")?.environment_variables ?? {})).toEqual([
      ["DB_URL", "persist_orm:db#connection_string"],
      ["REDIS_HOST", "persist_redis_node:cache#host"],
      ["REDIS_PORT", "persist_redis_node:cache#port"],
    ]);
    expect(resources.get("exec_unit:b")?.environment_variables).toEqual({ DB_URL: "persist_orm:db#connection_string" });
  });

  it("ignores values of another kind (reported by the engine), non-unit sources and resources without variables", () => {
    const resources = new Map(
      [draft("exec_unit:a"), draft("gateway:api"), draft("persist_orm:db", { environment_variables: { HOST: "redis_node.host" } }), draft("persist_kv:dogs")].map((r) => [r.id, r]),
    );
    const diagnostics = attachEnvironment(resources, [edge("exec_unit:a", "persist_orm:db"), edge("exec_unit:a", "persist_kv:dogs"), edge("gateway:api", "persist_orm:db")]);
    expect(diagnostics).toEqual([]);
    expect([...resources.values()].map((r) => r.environment_variables)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("rejects one name from two resources for the same unit, at the second resource", () => {
    const resources = new Map(
      [
        draft("exec_unit:a"),
        draft("persist_redis_cluster:left", { environment_variables: { HOST: "redis_cluster.host" } }),
        draft("persist_redis_node:right", { environment_variables: { HOST: "redis_node.host" } }),
      ].map((r) => [r.id, r]),
    );
    const diagnostics = attachEnvironment(resources, [edge("exec_unit:a", "persist_redis_cluster:left"), edge("exec_unit:a", "persist_redis_node:right")]);
    expect(diagnostics.map((d) => `${d.code} ${d.range ? formatLocation(d.range) : "-"} ${d.message}`)).toEqual([
      "plan/environment-conflict right.js:3:1 Execution unit 'a' would receive environment variable 'HOST' from both persist_redis_cluster:left and persist_redis_node:right; give the variables different names.",
    ]);
  });
});

describe("a plan with files, secrets and an ORM", () => {
  function subjects(): Subject[] {
    const persist = (id: string, bound: Record<string, number>, directives: Record<string, unknown> = {}) =>
      annotationSubject({ capability: "persist", id, file: "store.js", bound, directives: { id, ...directives } });
    const secret = persist("keys", { fs: 1 }, { secret: true });
    return [
      unitSubject("api"),
      persist("uploads", { fs: 1 }),
      secret.type === "annotation" ? { ...secret, secrets: ["certs/ca.pem", "token"] } : secret,
      persist("db", { orm: 1 }, { environment_variables: { DATABASE_URL: "orm.connection_string" } }),
      useSubject("api", "persist_fs:uploads", "api.js", 4, "writeFile"),
      useSubject("api", "persist_secret:keys", "api.js", 5, "readFile"),
      useSubject("api", "persist_orm:db", "store.js", 10, "environment_variables"),
    ];
  }

  it("writes secrets on the secret store and environment variables on the unit, and validates", async () => {
    const result = await planApp({ subjects: subjects(), units: [unit("api", ["api.js", "store.js"], "api.js")], settings: { app: "files", provider: "aws" }, ruleSet: rules(), typeTable: awsTypes() });
    expect(result.diagnostics).toEqual([]);
    const document: unknown = JSON.parse(renderResourcesJson(result.plan!));
    const resources = document !== null && typeof document === "object" && "resources" in document && Array.isArray(document.resources) ? document.resources : [];
    expect(resources).toEqual([
      {
        id: "exec_unit:api",
        kind: "exec_unit",
        name: "api",
        type: "lambda",
        params: { memorySize: 512, timeout: 180 },
        entrypoint: "api.js",
        files: ["api.js", "store.js"],
        environment_variables: { DATABASE_URL: "persist_orm:db#connection_string" },
      },
      { id: "persist_fs:uploads", kind: "persist_fs", name: "uploads", type: "s3", params: {} },
      { id: "persist_orm:db", kind: "persist_orm", name: "db", type: "rds_postgres", params: { allocatedStorage: 20, engineVersion: "16", instanceClass: "db.t4g.micro", skipFinalSnapshot: true } },
      { id: "persist_secret:keys", kind: "persist_secret", name: "keys", type: "secrets_manager", params: {}, secrets: ["certs/ca.pem", "token"] },
    ]);
    expect(schemaValidator("plan")(JSON.parse(JSON.stringify(result.plan)))).toEqual([]);
  });

  it("the plan schema rejects an environment variable that names no resource attribute", () => {
    const plan = { app: "x", provider: "aws", edges: [], resources: [{ id: "exec_unit:a", kind: "exec_unit", name: "a", type: "lambda", params: {}, source: [], provenance: [], environment_variables: { X: "orm.connection_string" } }] };
    expect(schemaValidator("plan")(plan).length).toBeGreaterThan(0);
  });
});
