import { describe, expect, it } from "vitest";
import { syntheticPlan } from "../../bench/synthetic-plan.mjs";
import { drawPlan, type Drawing } from "../../src/diagram/index.js";
import type { Plan } from "../../src/plan/index.js";
import { drawingProblems } from "./check-drawing.js";
import { fixturePlan, fixturesWithPlans } from "./plans.js";

type PlanEdge = Plan["edges"][number];

const uses = (unit: string, store: string): PlanEdge => ({ source: unit, target: store, reason: "uses" });

/** A gateway routing to each of `unitCount` units, `storeCount` stores, and `arrows` between units and stores (by id). */
function gatewayPlan(unitCount: number, storeCount: number, arrows: (units: readonly string[], stores: readonly string[]) => PlanEdge[]): { plan: Plan; units: string[] } {
  const names = Array.from({ length: unitCount }, (_, i) => `unit${String(i).padStart(3, "0")}`);
  const storeNames = Array.from({ length: storeCount }, (_, i) => `store${String(i).padStart(3, "0")}`);
  const units = names.map((name) => `exec_unit:${name}`);
  const routes = names.map((unit) => ({ method: "GET" as const, path: `/${unit}`, unit }));
  const plan: Plan = {
    app: "many-units",
    provider: "aws",
    resources: [
      { id: "gateway:api", kind: "gateway", name: "api", type: "apigateway", params: {}, routes, source: [], provenance: [] },
      ...names.map((name) => ({ id: `exec_unit:${name}`, kind: "exec_unit", name, type: "lambda", params: {}, source: [], provenance: [] })),
      ...storeNames.map((name) => ({ id: `persist_kv:${name}`, kind: "persist_kv", name, type: "dynamodb", params: {}, source: [], provenance: [] })),
    ],
    edges: [...units.map((unit) => ({ source: "gateway:api", target: unit, reason: "routes" })), ...arrows(units, storeNames.map((name) => `persist_kv:${name}`))],
  };
  return { plan, units };
}

/** The gateway, every unit and every store in three columns, left to right. */
function expectColumns(drawing: Drawing, units: number, stores: number): void {
  const boxesOf = (kind: string) => drawing.layout.nodes.filter((n) => n.node.id.startsWith(`${kind}:`)).map((n) => n.box);
  const [gateway] = boxesOf("gateway");
  const unitBoxes = boxesOf("exec_unit");
  const storeBoxes = boxesOf("persist_kv");
  expect([unitBoxes.length, storeBoxes.length]).toEqual([units, stores]);
  expect(unitBoxes.every((box) => (gateway?.x ?? Infinity) + (gateway?.width ?? 0) < box.x)).toBe(true);
  const unitsEnd = Math.max(...unitBoxes.map((box) => box.x + box.width));
  expect(storeBoxes.every((box) => unitsEnd < box.x)).toBe(true);
}

describe("the layout", () => {
  it.each(fixturesWithPlans())("of %s has no overlapping cards, no label on a card, no line through a card, no text out of its box", async (name) => {
    expect(drawingProblems(await drawPlan(fixturePlan(name)))).toEqual([]);
  });

  it("holds for a plan of 200 resources", async () => {
    const plan = syntheticPlan(200);
    expect(plan.resources).toHaveLength(200);
    const drawing = await drawPlan(plan);
    expect(drawing.layout.nodes.filter((n) => !n.node.synthetic)).toHaveLength(200);
    expect(drawingProblems(drawing)).toEqual([]);
  }, 120_000);

  it("keeps its columns for an app of 150 units, 12 of them using a store (laid out by longest path)", async () => {
    // 138 units using no store × 12 stores = 1,656 constraint edges: network simplex took seconds on graphs of this shape.
    const { plan } = gatewayPlan(150, 12, (units, stores) => stores.map((store, i) => uses(units[i * 12] ?? "", store)));
    const drawing = await drawPlan(plan);
    expect(drawingProblems(drawing)).toEqual([]);
    expectColumns(drawing, 150, 12);
  }, 120_000);

  it("keeps its columns for an app of 260 units and 200 stores (joined through gates)", async () => {
    // 260 + 260 × 200 = 52,260 constraint edges: the columns are joined through gates.
    // Each store is used by one unit, and two units invoke others in their own column.
    const { plan, units } = gatewayPlan(260, 200, (units, stores) => [
      ...stores.map((store, i) => uses(units[i] ?? "", store)),
      { source: units[0] ?? "", target: units[250] ?? "", reason: "invokes" },
      { source: units[250] ?? "", target: units[251] ?? "", reason: "invokes" },
    ]);
    const drawing = await drawPlan(plan);
    expect(drawingProblems(drawing)).toEqual([]);
    expectColumns(drawing, 260, 200);
    // An invoked unit is right of the one invoking it.
    const unitBox = (i: number) => drawing.layout.nodes.find((n) => n.node.id === units[i])?.box;
    expect((unitBox(0)?.x ?? Infinity) < (unitBox(250)?.x ?? -Infinity)).toBe(true);
    expect((unitBox(250)?.x ?? Infinity) < (unitBox(251)?.x ?? -Infinity)).toBe(true);
  }, 120_000);

  it("lays out an arrow between two entry points (a rule's add-edge), keeping both left of the units", async () => {
    // ELK cannot pin a box it must place after another to its first layer: this threw inside ELK.
    const resource = (id: string, kind: string, type: string) => ({ id, kind, name: id.split(":")[1] ?? "", type, params: {}, source: [], provenance: [] });
    const plan: Plan = {
      app: "entry-arrow",
      provider: "aws",
      resources: [
        { ...resource("gateway:api", "gateway", "apigateway"), routes: [{ method: "GET" as const, path: "/", unit: "main" }] },
        resource("static_unit:site", "static_unit", "s3_static_site"),
        resource("exec_unit:main", "exec_unit", "lambda"),
      ],
      edges: [
        { source: "gateway:api", target: "exec_unit:main", reason: "routes" },
        { source: "gateway:api", target: "static_unit:site", reason: "serves" },
      ],
    };
    const drawing = await drawPlan(plan);
    // The clients' arrows run straight from their bus, so the one to the site, now right of the
    // gateway, may cross it (a known gap); nothing else is wrong with the drawing.
    expect(drawingProblems(drawing).filter((problem) => !problem.startsWith("clients -> "))).toEqual([]);
    const box = (id: string) => drawing.layout.nodes.find((n) => n.node.id === id)?.box;
    const unit = box("exec_unit:main");
    for (const id of ["gateway:api", "static_unit:site"]) expect((box(id)?.x ?? Infinity) + (box(id)?.width ?? 0) < (unit?.x ?? -Infinity)).toBe(true);
    expect((box("gateway:api")?.x ?? Infinity) < (box("static_unit:site")?.x ?? -Infinity)).toBe(true);
  });

  it("fits long names into their cards with an ellipsis", async () => {
    const long = "an-extraordinarily-long-execution-unit-name-for-testing-the-cards";
    const plan: Plan = {
      app: "long-names",
      provider: "aws",
      resources: [{ id: `exec_unit:${long}`, kind: "exec_unit", name: long, type: "lambda", params: {}, source: [], provenance: [] }],
      edges: [],
    };
    const drawing = await drawPlan(plan);
    expect(drawing.svg).toMatch(/>an-extraordinarily-l[a-z-]*\u2026<\/text>/);
    expect(drawingProblems(drawing)).toEqual([]);
  });

  it("folds a gateway's long route list into `+N more`", async () => {
    const routes = Array.from({ length: 12 }, (_, i) => ({ method: "GET" as const, path: `/items/${String(i).padStart(2, "0")}`, unit: "api" }));
    const plan: Plan = {
      app: "many-routes",
      provider: "aws",
      resources: [
        { id: "exec_unit:api", kind: "exec_unit", name: "api", type: "lambda", params: {}, source: [], provenance: [] },
        { id: "gateway:gw", kind: "gateway", name: "gw", type: "apigateway", params: {}, routes, source: [], provenance: [] },
      ],
      edges: [{ source: "gateway:gw", target: "exec_unit:api", reason: "routes" }],
    };
    const drawing = await drawPlan(plan);
    expect(drawing.svg).toContain(">/items/06<");
    expect(drawing.svg).not.toContain(">/items/07<");
    expect(drawing.svg).toContain(">+5 more<");
    expect(drawing.svg).toContain(">GET /items/00 +11<");
    expect(drawingProblems(drawing)).toEqual([]);
  });
});

describe("the layout checker", () => {
  it("reports overlapping cards, labels on cards, lines through cards and texts out of their boxes", async () => {
    const drawing = await drawPlan(fixturePlan("storage/esm-two-units"));
    const [first, second] = drawing.layout.nodes;
    const broken: Drawing = {
      ...drawing,
      layout: {
        ...drawing.layout,
        nodes: [first!, { ...second!, box: { ...second!.box, x: first!.box.x + 10, y: first!.box.y + 10 } }, ...drawing.layout.nodes.slice(2)],
        edges: drawing.layout.edges.map((e, i) => (i === 0 && e.label ? { ...e, label: { ...e.label, box: first!.box } } : e)),
      },
      scene: { ...drawing.scene, shapes: [...drawing.scene.shapes, { type: "text", x: 0, y: 10, text: "far too wide for this box", font: { size: 12 }, fill: "#000", anchor: "start", within: { x: 0, y: 0, width: 20, height: 20 } }] },
    };
    const problems = drawingProblems(broken);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^cards .* overlap$/), expect.stringMatching(/^label of .* lies on/), 'text "far too wide for this box" leaves its box']));
    expect(problems.some((p) => / crosses | does not (start|end) /.test(p))).toBe(true);
  });
});
