import { describe, expect, it } from "vitest";
import { runCapabilityStage, runResourceStage, type DraftResource, type Subject } from "../../src/engine/index.js";
import { formatLocation } from "../../src/util/source-range.js";
import { annotationSubject, route, rules, unitSubject, useSubject } from "../helpers/plan-inputs.js";

const builtIns = rules().rules;

async function capability(...subjects: Subject[]) {
  return runCapabilityStage(subjects, builtIns, "aws");
}

/** `<id> by <rule ids>` for each resource. */
function summary(resources: readonly DraftResource[]): string[] {
  return resources.map((r) => `${r.id} by ${r.provenance.map((d) => d.ruleId).join(", ")}`);
}

describe("capability rules", () => {
  it("capability/exec-unit: every unit becomes an exec_unit", async () => {
    const result = await capability(unitSubject("pugs"), unitSubject("main", "implicit"));
    expect(summary(result.resources)).toEqual(["exec_unit:pugs by capability/exec-unit", "exec_unit:main by capability/exec-unit"]);
    expect(result.progress).toEqual(["Adding resource exec_unit:pugs", "Adding resource exec_unit:main"]);
    expect(result.diagnostics).toEqual([]);
  });

  it("capability/expose-gateway and capability/expose-routes: a listen with routes becomes a gateway with those routes", async () => {
    const routes = [route("GET", "/pugs/:id", "pugs", "pugs.js", 14), route("POST", "/pugs", "pugs", "pugs.js", 20)];
    const subject = annotationSubject({ capability: "expose", id: "api-gateway", bound: { listen: 1, routes: 2 }, routes });
    const result = await capability(subject);
    expect(summary(result.resources)).toEqual(["gateway:api-gateway by capability/expose-gateway, capability/expose-routes"]);
    expect(result.resources[0]?.routes).toEqual([
      { method: "GET", path: "/pugs/:id", unit: "pugs", file: "pugs.js", line: 14 },
      { method: "POST", path: "/pugs", unit: "pugs", file: "pugs.js", line: 20 },
    ]);
    expect(result.resources[0]?.directives).toEqual({ id: "api-gateway" });
    expect(result.resources[0]?.source.map(formatLocation)).toEqual(["index.js:10:4"]);
    expect(result.progress).toEqual(["Adding resource gateway:api-gateway"]);
  });

  it("capability/expose-catchall: a listen without routes forwards everything to the annotation's unit", async () => {
    const subject = annotationSubject({ capability: "expose", id: "api-gateway", unit: "main", bound: { listen: 1 } });
    const result = await capability(subject);
    expect(summary(result.resources)).toEqual(["gateway:api-gateway by capability/expose-gateway, capability/expose-catchall"]);
    expect(result.resources[0]?.routes).toEqual([
      { method: "ANY", path: "/", unit: "main" },
      { method: "ANY", path: "/:proxy*", unit: "main" },
    ]);
    expect(result.progress).toEqual([
      "Adding resource gateway:api-gateway",
      "Adding catchall route for gateway api-gateway with no detected routes",
    ]);
  });

  it("names a gateway without an id after its unit", async () => {
    const result = await capability(annotationSubject({ capability: "expose", unit: "web", bound: { listen: 1 } }));
    expect(result.resources.map((r) => r.id)).toEqual(["gateway:web"]);
  });

  it.each([
    ["kv_map", "persist_kv:dogs", "capability/persist-kv"],
    ["redis_node", "persist_redis_node:dogs", "capability/persist-redis-node"],
    ["redis_cluster", "persist_redis_cluster:dogs", "capability/persist-redis-cluster"],
  ] as const)("%s: a persist annotation becomes %s", async (bound, id, ruleId) => {
    const result = await capability(annotationSubject({ capability: "persist", id: "dogs", bound: { [bound]: 1 } }));
    expect(summary(result.resources)).toEqual([`${id} by ${ruleId}`]);
    expect(result.diagnostics).toEqual([]);
  });

  it("capability/use-edge: a unit using a store gets an edge to it", async () => {
    const result = await capability(useSubject("pugs", "persist_kv:dogs", "pugs.js", 31, "set"));
    expect(result.edges.map((e) => [e.source, e.target, e.reason])).toEqual([
      [
        "exec_unit:pugs",
        "persist_kv:dogs",
        "`set` at pugs.js:31:3 uses persist_kv:dogs (rule capability/use-edge)",
      ],
    ]);
    expect(result.edges[0]?.decision?.event).toEqual({
      type: "add-edge",
      params: { sourceKind: "exec_unit", source: "pugs", target: "persist_kv:dogs" },
    });
  });

  it.each([
    ["an expose on something that does not listen", annotationSubject({ capability: "expose", id: "api-gateway" })],
    ["a persist on something klotho does not recognise", annotationSubject({ capability: "persist", id: "dogs" })],
    ["a pubsub on something that is not an EventEmitter", annotationSubject({ capability: "pubsub", id: "events" })],
    ["a static_unit whose globs match no file", annotationSubject({ capability: "static_unit", id: "site" })],
  ])("capability/no-resource-warning: warns about %s", async (_, subject) => {
    const result = await capability(subject);
    expect(result.resources).toEqual([]);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.ruleId, d.range && formatLocation(d.range), d.message])).toEqual([
      [
        "rule/warn",
        "warning",
        "capability/no-resource-warning",
        "index.js:10:4",
        "No resource was generated for the annotation.",
      ],
    ]);
    expect(result.diagnostics[0]?.annotation?.text).toMatch(/^@klotho::(expose|persist|pubsub|static_unit) \{ id = /);
  });

  it("does not warn about annotations of other capabilities", async () => {
    const result = await capability(annotationSubject({ capability: "embed_assets" }));
    expect(result).toEqual({ resources: [], edges: [], diagnostics: [], progress: [] });
  });
});

describe("aws provider rules", () => {
  const kinds: [string, string, string][] = [
    ["exec_unit", "lambda", "aws/exec-unit-lambda"],
    ["gateway", "apigateway", "aws/gateway-apigateway"],
    ["persist_kv", "dynamodb", "aws/kv-dynamodb"],
    ["persist_redis_node", "elasticache", "aws/redis-node-elasticache"],
    ["persist_redis_cluster", "memorydb", "aws/redis-cluster-memorydb"],
    ["static_unit", "s3", "aws/static-unit-s3"],
    ["persist_fs", "s3", "aws/fs-s3"],
    ["persist_secret", "secrets_manager", "aws/secret-secrets-manager"],
    ["persist_orm", "rds_postgres", "aws/orm-rds-postgres"],
    ["pubsub", "sns", "aws/pubsub-sns"],
  ];

  it.each(kinds)("%s becomes %s (%s)", async (kind, type, ruleId) => {
    const draft: DraftResource = { id: `${kind}:x`, kind, name: "x", type: "", params: {}, directives: {}, routes: [], source: [], provenance: [] };
    const result = await runResourceStage("provider", [draft], builtIns, "aws");
    expect(result.resources.map((r) => [r.type, r.provenance.map((d) => `${d.stage} ${d.ruleId} ${d.ruleFile}`)])).toEqual([
      [type, [`provider ${ruleId} providers/${ruleId}.yaml`]],
    ]);
    expect(draft.type).toBe("");
  });

  it("makes a gateway with api_type = HTTP an HTTP API (aws/gateway-http-api), and leaves REST gateways alone", async () => {
    const gateway = (directives: Record<string, unknown>): DraftResource => ({ id: "gateway:api", kind: "gateway", name: "api", type: "", params: {}, directives, routes: [], source: [], provenance: [] });
    const result = await runResourceStage("provider", [gateway({ api_type: "HTTP" }), { ...gateway({ api_type: "REST" }), id: "gateway:rest", name: "rest" }], builtIns, "aws");
    expect(result.resources.map((r) => [r.id, r.type, r.params, r.provenance.map((d) => d.ruleId)])).toEqual([
      ["gateway:api", "apigateway", { apiType: "HTTP" }, ["aws/gateway-apigateway", "aws/gateway-http-api"]],
      ["gateway:rest", "apigateway", {}, ["aws/gateway-apigateway"]],
    ]);
  });

  it("leaves other providers' resources and unknown kinds alone", async () => {
    const draft: DraftResource = { id: "queue:x", kind: "queue", name: "x", type: "", params: {}, directives: {}, routes: [], source: [], provenance: [] };
    const gcp = await runResourceStage("provider", [{ ...draft, id: "exec_unit:x", kind: "exec_unit" }], builtIns, "gcp");
    const unknown = await runResourceStage("provider", [draft], builtIns, "aws");
    expect([gcp.resources[0]?.type, unknown.resources[0]?.type]).toEqual(["", ""]);
  });
});
