import { describe, expect, it } from "vitest";
import { topologyJson, topologyOf } from "../../src/diagram/topology.js";
import type { TopologyDocument } from "../../src/generated/topology.js";
import { schemaValidator } from "../../src/load/schemas.js";
import type { Plan, Resource } from "../../src/plan/index.js";
import { fixturePlan, fixturesWithPlans } from "./plans.js";

function isTopologyDocument(value: unknown): value is TopologyDocument {
  return schemaValidator("topology")(value).length === 0;
}

function resource(id: string, extra: Partial<Resource> = {}): Resource {
  const [kind = "", name = ""] = id.split(":");
  return { id, kind, name, type: "lambda", params: {}, source: [], provenance: [], ...extra };
}

function plan(resources: Resource[], edges: [string, string][]): Plan {
  return { app: "shop", provider: "aws", resources, edges: edges.map(([source, target]) => ({ source, target, reason: "test" })) };
}

function labels(p: Plan): Record<string, string> {
  return Object.fromEntries(topologyOf(p).edges.filter((e) => !e.synthetic).map((e) => [`${e.source} -> ${e.target}`, e.label]));
}

describe("<app>.json", () => {
  it.each(fixturesWithPlans())("has every resource and edge of %s, in a stable order, and matches its schema", (name) => {
    const p = fixturePlan(name);
    const document: unknown = JSON.parse(topologyJson(topologyOf(p)));
    expect(schemaValidator("topology")(document)).toEqual([]);
    if (!isTopologyDocument(document)) return;
    expect([document.app, document.provider]).toEqual([p.app, p.provider]);
    expect(document.nodes.map((n) => n.id)).toEqual(p.resources.map((r) => r.id).sort());
    expect(document.nodes.map((n) => n.title)).toEqual([...p.resources].sort((a, b) => (a.id < b.id ? -1 : 1)).map((r) => r.name));
    expect(document.edges.map((e) => `${e.source} -> ${e.target}`)).toEqual(p.edges.map((e) => `${e.source} -> ${e.target}`).sort());
    expect(document.edges.every((e) => e.label !== "")).toBe(true);
  });

  it("writes nodes as id, title, kind, type and edges as source, target, label", () => {
    const text = topologyJson(topologyOf(plan([resource("exec_unit:api"), resource("persist_kv:carts", { type: "dynamodb" })], [["exec_unit:api", "persist_kv:carts"]])));
    expect(text).toBe(
      `${JSON.stringify(
        {
          app: "shop",
          provider: "aws",
          nodes: [
            { id: "exec_unit:api", title: "api", kind: "exec_unit", type: "lambda" },
            { id: "persist_kv:carts", title: "carts", kind: "persist_kv", type: "dynamodb" },
          ],
          edges: [{ source: "exec_unit:api", target: "persist_kv:carts", label: "uses" }],
        },
        null,
        2,
      )}\n`,
    );
  });

  it("does not depend on the order of the plan's arrays", () => {
    const p = fixturePlan("storage/esm-two-units");
    const shuffled: Plan = { ...p, resources: [...p.resources].reverse(), edges: [...p.edges].reverse() };
    expect(topologyJson(topologyOf(shuffled))).toBe(topologyJson(topologyOf(p)));
  });
});

describe("edge labels", () => {
  const gateway = resource("gateway:api", {
    type: "apigateway",
    routes: [
      { method: "POST", path: "/pugs", unit: "pugs" },
      { method: "GET", path: "/pugs/:name", unit: "pugs" },
      { method: "GET", path: "/adopt", unit: "adopt" },
    ],
  });

  it("name a gateway's single route to a unit, or its first route and how many more", () => {
    const p = plan([gateway, resource("exec_unit:pugs"), resource("exec_unit:adopt")], [["gateway:api", "exec_unit:pugs"], ["gateway:api", "exec_unit:adopt"]]);
    expect(labels(p)).toEqual({ "gateway:api -> exec_unit:adopt": "GET /adopt", "gateway:api -> exec_unit:pugs": "POST /pugs +1" });
  });

  it("name the topics a unit publishes and subscribes to", () => {
    const topics = [
      { name: "note-created", publishers: ["api"], subscribers: ["worker"] },
      { name: "note-deleted", publishers: ["api"], subscribers: [] },
    ];
    const p = plan(
      [resource("exec_unit:api"), resource("exec_unit:worker"), resource("pubsub:bus", { type: "sns", topics })],
      [["exec_unit:api", "pubsub:bus"], ["pubsub:bus", "exec_unit:worker"]],
    );
    expect(labels(p)).toEqual({ "exec_unit:api -> pubsub:bus": "publish note-created +1", "pubsub:bus -> exec_unit:worker": "subscribe note-created" });
    expect(topologyOf(p).edges.every((e) => e.async)).toBe(true);
  });

  it("put clients in front of gateways and static sites only, outside the JSON", () => {
    const p = plan([gateway, resource("static_unit:www", { type: "s3" }), resource("exec_unit:pugs")], [["gateway:api", "exec_unit:pugs"]]);
    const topology = topologyOf(p);
    expect(topology.edges.filter((e) => e.synthetic).map((e) => e.target)).toEqual(["gateway:api", "static_unit:www"]);
    expect(topologyJson(topology)).not.toContain("clients");
    expect(topologyOf(plan([resource("exec_unit:pugs")], [])).nodes.some((n) => n.synthetic)).toBe(false);
  });
});
