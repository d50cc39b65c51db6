import { describe, expect, it } from "vitest";
import { syntheticPlan } from "../../bench/synthetic-plan.mjs";
import { GROUPING_THRESHOLD, MAX_MEMBERS } from "../../src/diagram/groups.js";
import { drawPlan, renderTopology } from "../../src/diagram/index.js";
import { topologyOf } from "../../src/diagram/topology.js";
import type { Plan, Resource } from "../../src/plan/index.js";

function resource(id: string, type: string): Resource {
  const [kind = "", name = ""] = id.split(":");
  return { id, kind, name, type, params: {}, source: [], provenance: [] };
}

/** A plan with `filler` units besides unit `api`, which owns kv stores a and b, shares c with `other`, and publishes to a topic. */
function planWith(filler: number): Plan {
  const resources = [
    resource("exec_unit:api", "lambda"),
    resource("exec_unit:other", "lambda"),
    resource("persist_kv:a", "dynamodb"),
    resource("persist_kv:b", "dynamodb"),
    resource("persist_kv:c", "dynamodb"),
    resource("pubsub:bus", "sns"),
    ...Array.from({ length: filler }, (_, i) => resource(`exec_unit:filler-${i}`, "lambda")),
  ];
  const edges = [
    ["exec_unit:api", "persist_kv:a"],
    ["exec_unit:api", "persist_kv:b"],
    ["exec_unit:api", "persist_kv:c"],
    ["exec_unit:other", "persist_kv:c"],
    ["exec_unit:api", "pubsub:bus"],
  ].map(([source = "", target = ""]) => ({ source, target, reason: "test" }));
  return { app: "groups", provider: "aws", resources, edges };
}

describe("a unit's own stores", () => {
  it("are grouped in a large plan: the stores only that unit uses, not shared ones nor topics", () => {
    const groups = topologyOf(planWith(GROUPING_THRESHOLD)).groups;
    expect(groups.map((g) => ({ owner: g.owner, members: g.members, edges: g.edges.map((e) => e.target) }))).toEqual([
      { owner: "exec_unit:api", members: ["persist_kv:a", "persist_kv:b"], edges: ["persist_kv:a", "persist_kv:b"] },
    ]);
  });

  it("are not grouped in a small plan", () => {
    expect(topologyOf(planWith(GROUPING_THRESHOLD - 6)).groups).toEqual([]);
  });

  it("sit inside their group's box, reached by one arrow that names every edge it stands for", async () => {
    const drawing = await drawPlan(planWith(GROUPING_THRESHOLD));
    const [group] = drawing.layout.groups;
    expect(group?.group.members).toEqual(["persist_kv:a", "persist_kv:b"]);
    const arrows = drawing.layout.edges.filter((e) => e.edge.target === group?.group.id);
    expect(arrows.map((e) => e.edge.standsFor?.map((s) => s.target))).toEqual([["persist_kv:a", "persist_kv:b"]]);
    expect(drawing.svg).toMatch(/<g data-edge="exec_unit:api -> persist_kv:a">\n<g data-edge="exec_unit:api -> persist_kv:b">/);
  });

  it("of a unit owning more stores than a group holds are shared among groups of about equal size, each arrow naming its own", async () => {
    const stores = Array.from({ length: 2 * MAX_MEMBERS + 1 }, (_, i) => resource(`persist_kv:s${String(i).padStart(3, "0")}`, "dynamodb"));
    const plan: Plan = { app: "hoard", provider: "aws", resources: [resource("exec_unit:main", "lambda"), ...stores], edges: stores.map((store) => ({ source: "exec_unit:main", target: store.id, reason: "test" })) };
    const groups = topologyOf(plan).groups;
    // 401 stores, at most 200 a group: 134 + 134 + 133.
    expect(MAX_MEMBERS).toBe(200);
    expect(groups.map((g) => [g.id, g.title, g.members.length])).toEqual([
      ["group:main", "main data (1/3)", 134],
      ["group:main#2", "main data (2/3)", 134],
      ["group:main#3", "main data (3/3)", 133],
    ]);
    expect(groups.flatMap((g) => g.members)).toEqual(stores.map((store) => store.id));
    // Each arrow names its stores' edges in nested groups: no deeper than a group holds, which an XML parser reads.
    const { files } = await renderTopology(plan);
    const svg = String(files.find((file) => file.path.endsWith(".svg"))?.contents);
    for (const store of stores) expect(svg).toContain(`data-edge="exec_unit:main -> ${store.id}"`);
    let depth = 0;
    let deepest = 0;
    for (const tag of svg.matchAll(/<(\/?)g[ >]/g)) {
      depth += tag[1] === "/" ? -1 : 1;
      deepest = Math.max(deepest, depth);
    }
    expect(deepest).toBeLessThanOrEqual(MAX_MEMBERS + 2);
    expect(files.find((file) => file.path.endsWith(".png"))?.contents.length).toBeGreaterThan(1000);
  }, 60_000);

  it("keep a 200-resource diagram compact: no taller than it is wide times four", async () => {
    const { scene, layout } = await drawPlan(syntheticPlan(200));
    expect(layout.groups.length).toBeGreaterThan(20);
    expect(scene.height).toBeLessThan(scene.width * 4);
  }, 120_000);
});
