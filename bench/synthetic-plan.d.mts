import type { Plan } from "../src/plan/index.js";

/** A deterministic synthetic plan of `size` resources: gateways, units, stores, topics and static sites. */
export function syntheticPlan(size: number): Plan;
