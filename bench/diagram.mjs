#!/usr/bin/env node
// Times the topology diagram for a synthetic plan (default 200 resources): layout + SVG, then PNG.
// Run after `npm run build`: node bench/diagram.mjs [size] [runs]. Not part of npm test.
import { drawPlan, renderTopology } from "../dist/diagram/index.js";
import { syntheticPlan } from "./synthetic-plan.mjs";

const size = Number(process.argv[2] ?? 200);
const runs = Number(process.argv[3] ?? 3);
const plan = syntheticPlan(size);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const layout = [];
const total = [];
let pixels = "";
for (let i = 0; i < runs; i++) {
  let started = performance.now();
  const drawing = await drawPlan(plan);
  layout.push(performance.now() - started);
  started = performance.now();
  await renderTopology(plan);
  total.push(performance.now() - started);
  pixels = `${drawing.scene.width}×${drawing.scene.height} SVG`;
}
console.log(`${plan.resources.length} resources, ${plan.edges.length} edges, ${pixels}`);
console.log(`layout + SVG: ${median(layout).toFixed(0)} ms (first run ${layout[0].toFixed(0)} ms)`);
console.log(`layout + SVG + PNG: ${median(total).toFixed(0)} ms (median of ${runs})`);
