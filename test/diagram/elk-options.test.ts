import { describe, expect, it } from "vitest";
import { elkGraph, pausesOptimizer, type ElkBox, type ElkLink } from "../../src/diagram/elk-layout.js";
import { LONGEST_PATH_FROM_ALL_CONSTRAINT_EDGES, LONGEST_PATH_FROM_CONSTRAINT_EDGES, GATES_FROM_ALL_CONSTRAINT_EDGES, columnGates, layeringStrategy } from "../../src/diagram/elk-options.js";

interface Graph {
  readonly boxes: { readonly id: string; readonly column: number }[];
  readonly arrows: { readonly source: string; readonly target: string }[];
}

/** A gateway in column 1 with an arrow to each of `units` units in column 2, the first `using` of them each with an arrow to a store of `stores` in column 3. */
function gatewayApp(units: number, stores: number, using: number): Graph {
  const unit = (i: number) => `exec_unit:u${String(i)}`;
  const store = (i: number) => `persist_kv:s${String(i)}`;
  return {
    boxes: [{ id: "gateway:api", column: 1 }, ...Array.from({ length: units }, (_, i) => ({ id: unit(i), column: 2 })), ...Array.from({ length: stores }, (_, i) => ({ id: store(i), column: 3 }))],
    arrows: [...Array.from({ length: units }, (_, i) => ({ source: "gateway:api", target: unit(i) })), ...Array.from({ length: using }, (_, i) => ({ source: unit(i), target: store(i % stores) }))],
  };
}

const strategy = ({ boxes, arrows }: Graph) => layeringStrategy(boxes, arrows);

describe("ELK's layering", () => {
  it("is network simplex while few constraint edges come from boxes with no arrow into a later column", () => {
    // 6 units, 2 of them using 15 stores between them: 4 × 15 = 60.
    expect(strategy(gatewayApp(6, 15, 2))).toBe("NETWORK_SIMPLEX");
    // 100 units each using one of 40 stores: 4,100 constraint edges, but every unit points onwards.
    expect(strategy(gatewayApp(100, 40, 100))).toBe("NETWORK_SIMPLEX");
    expect(strategy({ boxes: [], arrows: [] })).toBe("NETWORK_SIMPLEX");
    // One column: nothing to join.
    expect(strategy({ boxes: Array.from({ length: 500 }, (_, i) => ({ id: `b${String(i)}`, column: 2 })), arrows: [] })).toBe("NETWORK_SIMPLEX");
  });

  it("is longest path once those constraint edges pass the limit", () => {
    // 100 units of which 85 use no store, 15 stores: 85 × 15 = 1,275 (the gateway points onwards).
    expect(strategy(gatewayApp(100, 15, 15))).toBe("LONGEST_PATH");
    expect(LONGEST_PATH_FROM_CONSTRAINT_EDGES).toBe(1000);
    // 100 units, 60 of them using none of 25 stores: 1,500; with 60 using one, 40 × 25 = 1,000.
    expect(strategy(gatewayApp(100, 25, 40))).toBe("LONGEST_PATH");
    expect(strategy(gatewayApp(100, 25, 60))).toBe("NETWORK_SIMPLEX");
  });

  it("is longest path past the limit of constraint edges in all, even when every box points onwards", () => {
    expect(LONGEST_PATH_FROM_ALL_CONSTRAINT_EDGES).toBe(5000);
    // 1 × 100 + 100 × 49 = 5,000; with 50 stores, 5,100.
    expect(strategy(gatewayApp(100, 49, 100))).toBe("NETWORK_SIMPLEX");
    expect(strategy(gatewayApp(100, 50, 100))).toBe("LONGEST_PATH");
  });

  it("puts gates between the columns past the limit of constraint edges in all", () => {
    expect(GATES_FROM_ALL_CONSTRAINT_EDGES).toBe(50_000);
    // 250 + 250 × 199 = 50,000; with 200 stores, 50,250.
    expect(columnGates(gatewayApp(250, 199, 250).boxes)).toBe(false);
    expect(columnGates(gatewayApp(250, 200, 250).boxes)).toBe(true);
    expect(strategy(gatewayApp(250, 200, 250))).toBe("LONGEST_PATH");
  });

  it("counts the columns next to each other in column order, and an arrow to any later column", () => {
    const boxes = [...Array.from({ length: 40 }, (_, i) => ({ id: `a${String(i)}`, column: 3 })), ...Array.from({ length: 26 }, (_, i) => ({ id: `b${String(i)}`, column: 1 }))];
    // Columns 1 and 3 are neighbours when no box is in column 2: 26 × 40 = 1,040.
    expect(layeringStrategy(boxes, [])).toBe("LONGEST_PATH");
    // An arrow from b0 to column 3 leaves 25 × 40 = 1,000; an arrow the other way (laid out right to left) holds nothing.
    expect(layeringStrategy(boxes, [{ source: "b0", target: "a0" }])).toBe("NETWORK_SIMPLEX");
    expect(layeringStrategy(boxes, [{ source: "a0", target: "b0" }])).toBe("LONGEST_PATH");
    // A box of column 1 pointing past column 2 into column 3 points onwards (0 × 30), the 30 units do not (30 × 40 = 1,200).
    const three = [{ id: "g", column: 1 }, ...Array.from({ length: 30 }, (_, i) => ({ id: `u${String(i)}`, column: 2 })), ...Array.from({ length: 40 }, (_, i) => ({ id: `s${String(i)}`, column: 3 }))];
    expect(layeringStrategy(three, [{ source: "g", target: "s0" }])).toBe("LONGEST_PATH");
    expect(layeringStrategy(three, [{ source: "g", target: "s0" }, ...Array.from({ length: 30 }, (_, i) => ({ source: `u${String(i)}`, target: "s1" }))])).toBe("NETWORK_SIMPLEX");
  });
});

describe("the graph runElk gives ELK", () => {
  const box = (id: string, column: number): ElkBox => ({ id, column, width: 100, height: 40 });
  const link = (source: string, target: string): ElkLink => ({ id: `${source}->${target}`, source, target, label: "" });
  const layering = (boxes: readonly ElkBox[], links: readonly ElkLink[]) => elkGraph(boxes, links).layoutOptions?.["elk.layered.layering.strategy"];
  const units = Array.from({ length: 40 }, (_, i) => box(`exec_unit:u${String(i)}`, 2));
  const stores = Array.from({ length: 26 }, (_, i) => box(`persist_kv:s${String(i)}`, 3));
  const topic = box("pubsub:events", 3);
  const gateway = box("gateway:api", 1);

  it("is layered by longest path when units using nothing face many stores", () => {
    // 40 units pointing nowhere × 27 boxes of column 3 = 1,080.
    expect(layering([gateway, ...units, ...stores, topic], units.map((unit) => link(gateway.id, unit.id)))).toBe("LONGEST_PATH");
  });

  it("counts a topic's subscribers as pointing onwards, as their arrows are laid out from them to the topic", () => {
    const subscribed = [...units.map((unit) => link(gateway.id, unit.id)), ...units.map((unit) => link(topic.id, unit.id))];
    const graph = elkGraph([gateway, ...units, ...stores, topic], subscribed);
    expect(graph.edges?.filter((edge) => edge.targets[0] === topic.id)).toHaveLength(40);
    expect(graph.layoutOptions?.["elk.layered.layering.strategy"]).toBe("NETWORK_SIMPLEX");
  });

  it("joins a huge graph's columns through a gate between each two, in partitions of their own", () => {
    // 1 × 260 + 260 × 200 = 52,260 constraint edges without gates; 1 + 260 + 260 + 200 with them.
    const many = Array.from({ length: 260 }, (_, i) => box(`exec_unit:m${String(i)}`, 2));
    const manyStores = Array.from({ length: 200 }, (_, i) => box(`persist_kv:t${String(i)}`, 3));
    const graph = elkGraph([gateway, ...many, ...manyStores], many.map((unit) => link(gateway.id, unit.id)));
    const partitionOf = (id: string) => graph.children?.find((child) => child.id === id)?.layoutOptions?.["elk.partitioning.partition"];
    expect([partitionOf(gateway.id), partitionOf("exec_unit:m0"), partitionOf("persist_kv:t0")]).toEqual(["2", "4", "6"]);
    const gates = (graph.children ?? []).filter((child) => child.id.startsWith("klotho-column-gate:"));
    expect(gates.map((gate) => [gate.id, gate.layoutOptions?.["elk.partitioning.partition"], gate.width, gate.height])).toEqual([
      ["klotho-column-gate:1", "3", 0, 0],
      ["klotho-column-gate:2", "5", 0, 0],
    ]);
    expect(graph.children).toHaveLength(1 + 260 + 200 + 2);
    expect(graph.layoutOptions?.["elk.layered.layering.strategy"]).toBe("LONGEST_PATH");
    // A graph below the limit has none, and its columns are its partitions.
    const small = elkGraph([gateway, ...units, ...stores], units.map((unit) => link(gateway.id, unit.id)));
    expect(small.children).toHaveLength(1 + 40 + 26);
    expect(small.children?.find((child) => child.id === "persist_kv:s0")?.layoutOptions?.["elk.partitioning.partition"]).toBe("3");
  });
});

describe("V8's optimiser during ELK's layout", () => {
  const asElk = ({ boxes, arrows }: Graph): [ElkBox[], ElkLink[]] => [
    boxes.map((box) => ({ ...box, width: 200, height: 60 })),
    arrows.map((arrow, i) => ({ ...arrow, id: `edge:${String(i)}`, label: "uses" })),
  ];

  it("is paused for the diagrams of most apps, whose layout is over before optimised code pays back, and not for large ones", () => {
    // The 1,000-file bench app's diagram: 22 boxes, 21 arrows.
    expect(pausesOptimizer(...asElk(gatewayApp(8, 13, 8)))).toBe(true);
    // An app of 100 units and 29 stores: 130 boxes, and 200 arrows when every unit uses a store.
    expect(pausesOptimizer(...asElk(gatewayApp(100, 29, 100)))).toBe(false);
    expect(pausesOptimizer(...asElk(gatewayApp(100, 29, 29)))).toBe(true);
    // Up to 300 boxes and arrows.
    expect(pausesOptimizer(...asElk(gatewayApp(149, 1, 0)))).toBe(true);
    expect(pausesOptimizer(...asElk(gatewayApp(150, 0, 0)))).toBe(false);
    expect(pausesOptimizer([], [])).toBe(true);
  });
});
