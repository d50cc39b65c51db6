import { describe, expect, it } from "vitest";
import { shapeBounds, type Shape } from "../../src/diagram/scene.js";
import { writeSvg } from "../../src/diagram/svg.js";

const rect = (x: number, y: number): Shape => ({ type: "rect", box: { x, y, width: 10, height: 4 }, radius: 0, fill: "#fff" });

describe("a shape's bounds", () => {
  it("hold every shape of a group, lines with room for their stroke, however many the group has", () => {
    const line: Shape = { type: "line", points: [{ x: 5, y: 50 }, { x: 40, y: 8 }, { x: 20, y: 90 }], stroke: "#000", width: 1 };
    expect(shapeBounds(line)).toEqual({ x: 2, y: 5, width: 41, height: 88 });
    expect(shapeBounds({ type: "group", data: { name: "edge", value: "a" }, shapes: [rect(100, 20), line] })).toEqual({ x: 2, y: 5, width: 110, height: 88 });
    // More members than a function takes arguments: a spread into Math.min would throw.
    const members = Array.from({ length: 200_000 }, (_, index) => rect(index % 500, Math.floor(index / 500) * 5));
    expect(shapeBounds({ type: "group", data: { name: "node", value: "big" }, shapes: members })).toEqual({ x: -2, y: -2, width: 513, height: 2003 });
  });

  it("decide which shapes a band of a tall drawing holds", () => {
    const scene = { width: 100, height: 2000, shapes: [rect(0, 10), rect(0, 990), rect(0, 1500)] };
    const band = (y: number): string => writeSvg(scene, "t", { x: 0, y, width: 100, height: 600 });
    expect(band(0).match(/<rect /g)).toHaveLength(1);
    expect(band(600).match(/<rect /g)).toHaveLength(1);
    expect(band(1200).match(/<rect /g)).toHaveLength(1);
    expect(band(1200)).toContain('y="1500"');
  });
});
