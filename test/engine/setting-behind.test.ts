import { describe, expect, it } from "vitest";
import type { ConditionResult, Decision, DraftResource } from "../../src/engine/index.js";
import { configSettingBehind } from "../../src/engine/setting-behind.js";
import type { SourceRange } from "../../src/util/source-range.js";

const at = (file: string, line: number): SourceRange => ({ file, start: { line, column: 4, offset: 0 }, end: { line, column: 9, offset: 0 } });

const decision = (stage: Decision["stage"], type: string, params: Record<string, unknown>, extra: Partial<Decision> = {}): Decision => ({
  stage, ruleId: "r", ruleFile: "f", description: "d", event: { type, params }, facts: [at(stage === "config" ? "klotho.yaml" : "rule.yaml", 1)], ...extra,
});

const unit: DraftResource = {
  id: "exec_unit:api", kind: "exec_unit", name: "api", type: "ecs", params: { cpu: 1024, memory: 512 }, directives: {}, routes: [], source: [at("api.js", 1)],
  provenance: [
    decision("provider", "set-type", { type: "lambda" }),
    decision("config", "set-type", { type: "ecs" }, { facts: [at("klotho.yaml", 3)] }),
    decision("provider", "set-params", { params: { cpu: 256, memory: 512 } }),
    decision("config", "set-params", { params: { cpu: 1024 } }, { facts: [at("klotho.yaml", 5)], paramSources: { cpu: at("klotho.yaml", 6) } }),
  ],
};

const test = (path: string, result = true): ConditionResult => ({ fact: "resource", path, operator: "equal", value: 0, factResult: 0, result });
const all = (...conditions: ConditionResult[]): ConditionResult => ({ all: conditions, result: true });

describe("configSettingBehind: the klotho.yaml line behind a policy verdict", () => {
  it.each<[string, ConditionResult, number | undefined]>([
    ["a param klotho.yaml set, at its key", all(test("$.kind"), test("$.params.cpu")), 6],
    ["the type klotho.yaml set, at its setting", all(test("$.kind"), test("$.type")), 3],
    ["a param only a rule set: none", all(test("$.params.memory")), undefined],
    ["a test that did not hold: none", all(test("$.params.cpu", false)), undefined],
    ["a test under not (a value absent): none", { not: test("$.params.cpu"), result: true }, undefined],
  ])("%s", (_name, conditions, line) => {
    expect(configSettingBehind(unit, conditions)?.start.line).toBe(line);
  });
});
