import type { Subject } from "../../src/engine/index.js";
import type { PlanInput } from "../../src/plan/index.js";
import type { Unit } from "../../src/units/unit.js";
import { annotationSubject, awsTypes, route, rules, unit, unitSubject, useSubject } from "../helpers/plan-inputs.js";

/** The seed's pugs app: units pugs and adopt behind one gateway, a kv store and a redis node. */
export function pugsSubjects(): Subject[] {
  const routes = [
    route("GET", "/pugs/:id", "pugs", "pugs.js", 14),
    route("POST", "/pugs", "pugs", "pugs.js", 20),
    route("GET", "/adopt/:id", "adopt", "adopt.js", 30),
    route("POST", "/adopt/:id/approve", "adopt", "adopt.js", 36),
    route("POST", "/adopt/:id/refuse", "adopt", "adopt.js", 42),
    route("POST", "/adopt", "adopt", "adopt.js", 48),
  ];
  return [
    unitSubject("pugs"),
    unitSubject("adopt"),
    annotationSubject({ capability: "expose", id: "api-gateway", file: "index.js", line: 21, unit: "pugs", bound: { listen: 1, routes: 6 }, routes }),
    annotationSubject({ capability: "persist", id: "dogs", file: "pugs.js", line: 8, unit: "pugs", bound: { kv_map: 1 } }),
    annotationSubject({ capability: "persist", id: "cache", file: "adopt.js", line: 9, unit: "adopt", bound: { redis_node: 1 } }),
    useSubject("pugs", "persist_kv:dogs", "pugs.js", 16, "get"),
    useSubject("pugs", "persist_kv:dogs", "pugs.js", 22, "set"),
    useSubject("adopt", "persist_redis_node:cache", "adopt.js", 32, "get"),
  ];
}

/** The units of the pugs app. */
export function pugsUnits(): Unit[] {
  return [unit("pugs", ["pugs.js", "index.js"]), unit("adopt", ["adopt.js", "index.js"])];
}

/** A planApp input for the pugs app, with the built-in rules and the AWS types. */
export function pugsInput(extra: Partial<PlanInput> = {}): PlanInput {
  return {
    subjects: pugsSubjects(),
    units: pugsUnits(),
    settings: { app: "pugs", provider: "aws" },
    ruleSet: rules(),
    typeTable: awsTypes(),
    ...extra,
  };
}
