import { describe, expect, it } from "vitest";
import { runCapabilityStage, runResourceStage, type DraftResource } from "../../src/engine/index.js";
import { resourceFacts, subjectFacts } from "../../src/engine/facts.js";
import { STAGE_FACTS } from "../../src/load/rule-vocabulary.js";
import { formatLocation } from "../../src/util/source-range.js";
import { annotationSubject, range, unitSubject } from "../helpers/plan-inputs.js";
import { ALWAYS, rule } from "./helpers.js";

const addUnit = rule({ id: "acme/add", priority: 10, conditions: ALWAYS, event: { type: "add-resource", params: { kind: "exec_unit" } } });
const setParams = (id: string, priority: number, params: Record<string, unknown>) =>
  rule({ id, priority, conditions: ALWAYS, event: { type: "set-params", params: { params } } });

function draft(id: string, extra: Partial<DraftResource> = {}): DraftResource {
  const [kind = "", name = ""] = id.split(":");
  return { id, kind, name, type: "", params: {}, directives: {}, routes: [], source: [range("app.js", 3)], provenance: [], ...extra };
}

describe("event order", () => {
  it("applies events by priority (highest first), then rule id, whatever the order of the rules", async () => {
    const rules = [setParams("acme/b", 0, { size: "b", b: true }), setParams("acme/a", 0, { size: "a", a: true }), setParams("acme/high", 9, { size: "high" }), addUnit];
    for (const order of [rules, [...rules].reverse()]) {
      const result = await runCapabilityStage([unitSubject("main")], order, "aws");
      const resource = result.resources[0];
      expect(resource?.provenance.map((d) => d.ruleId)).toEqual(["acme/add", "acme/high", "acme/a", "acme/b"]);
      expect(resource?.params).toEqual({ size: "b", a: true, b: true });
    }
  });

  it("lets a low-priority rule see what the others produced through the `produced` fact", async () => {
    const warnIfNothing = rule({
      id: "acme/nothing",
      priority: -10,
      conditions: { all: [{ fact: "produced", operator: "equal", value: 0 }] },
      event: { type: "warn", params: { message: "nothing" } },
    });
    const onlyUnits = rule({ ...addUnit, conditions: { all: [{ fact: "subject", operator: "equal", value: "unit" }] } });
    const result = await runCapabilityStage([unitSubject("main"), annotationSubject({ capability: "persist", id: "x" })], [warnIfNothing, onlyUnits], "aws");
    expect(result.resources.map((r) => r.id)).toEqual(["exec_unit:main"]);
    expect(result.diagnostics.map((d) => [d.range && formatLocation(d.range), d.message, d.ruleId])).toEqual([["index.js:10:4", "nothing", "acme/nothing"]]);
  });
});

describe("facts", () => {
  it("exposes the subject's properties, null where it has none, and fills event params from facts", async () => {
    const fromFacts = rule({
      id: "acme/from-facts",
      conditions: {
        all: [
          { fact: "subject", operator: "equal", value: "annotation" },
          { fact: "use", operator: "equal", value: null },
          { fact: "annotation", path: "$.directives.kind", operator: "in", value: ["queue", "topic"] },
        ],
      },
      event: { type: "add-resource", params: { kind: { fact: "annotation", path: "$.directives.kind" }, name: { fact: "annotation", path: "$.directives.name" } } },
    });
    const subject = annotationSubject({ capability: "queue", directives: { kind: "queue", name: "jobs" } });
    const result = await runCapabilityStage([subject, unitSubject("main")], [fromFacts], "aws");
    expect(result.resources.map((r) => [r.id, r.directives])).toEqual([["queue:jobs", { kind: "queue", name: "jobs" }]]);
    expect(result.resources[0]?.provenance[0]?.event).toEqual({ type: "add-resource", params: { kind: "queue", name: "jobs" } });
  });

  it("gives resource rules `resource` with a null type until one is chosen", async () => {
    const untyped = rule({
      id: "acme/untyped",
      stage: "provider",
      conditions: { all: [{ fact: "resource", path: "$.type", operator: "equal", value: null }, { fact: "resource", path: "$.params.size", operator: "greaterThan", value: 2 }] },
      event: { type: "set-type", params: { type: "big" } },
    });
    const result = await runResourceStage("provider", [draft("exec_unit:a", { params: { size: 3 } }), draft("exec_unit:b", { type: "lambda", params: { size: 3 } })], [untyped], "aws");
    expect(result.resources.map((r) => r.type)).toEqual(["big", "lambda"]);
  });
});

describe("decisions", () => {
  it("records stage, rule, file, description, rationale, the filled-in event, the subject's facts and the condition results", async () => {
    const subject = annotationSubject({ capability: "persist", id: "dogs", bound: { kv_map: 1 } });
    const kv = rule({
      id: "acme/kv",
      conditions: { any: [{ fact: "bound", path: "$.kv_map", operator: "greaterThanInclusive", value: 1 }, { fact: "subject", operator: "equal", value: "use" }] },
      event: { type: "add-resource", params: { kind: "persist_kv" } },
    });
    const result = await runCapabilityStage([subject], [kv], "aws");
    expect(result.resources[0]?.provenance).toEqual([
      {
        stage: "capability",
        ruleId: "acme/kv",
        ruleFile: "acme/kv.yaml",
        description: "acme/kv description",
        rationale: "acme/kv rationale",
        event: { type: "add-resource", params: { kind: "persist_kv" } },
        facts: subject.facts,
        conditions: {
          result: true,
          any: [
            { fact: "bound", path: "$.kv_map", operator: "greaterThanInclusive", value: 1, factResult: 1, result: true },
            { fact: "subject", operator: "equal", value: "use", factResult: "annotation", result: false },
          ],
        },
      },
    ]);
  });
});

describe("events", () => {
  it("merges resources two subjects add under the same id", async () => {
    const gateway = rule({ id: "acme/gw", conditions: ALWAYS, event: { type: "add-resource", params: { kind: "gateway", name: "api" } } });
    const subjects = [annotationSubject({ capability: "expose", line: 3 }), annotationSubject({ capability: "expose", line: 9 })];
    const result = await runCapabilityStage(subjects, [gateway], "aws");
    expect(result.resources.map((r) => [r.id, r.source.map(formatLocation), r.provenance.length])).toEqual([["gateway:api", ["index.js:3:4", "index.js:9:4"], 2]]);
    expect(result.progress).toEqual(["Adding resource gateway:api"]);
  });

  it("adds routes to the subject's resource, giving routes without a unit the subject's unit", async () => {
    const routes = rule({ id: "acme/routes", conditions: ALWAYS, event: { type: "add-routes", params: { routes: [{ method: "GET", path: "/a" }, { method: "ANY", path: "/b", unit: "other" }] } } });
    const result = await runCapabilityStage([unitSubject("web")], [addUnit, routes], "aws");
    expect(result.resources[0]?.routes).toEqual([
      { method: "GET", path: "/a", unit: "web" },
      { method: "ANY", path: "/b", unit: "other" },
    ]);
  });

  it("shallow-merges set-params and reports deny with the rule's id, file and description at the resource", async () => {
    const deny = rule({ id: "acme/no-big", stage: "policy", conditions: { all: [{ fact: "resource", path: "$.params.memorySize", operator: "greaterThan", value: 1024 }] }, event: { type: "deny", params: { message: "Too much memory." } } });
    const grow = (priority: number) => rule({ id: "acme/grow", stage: "policy", priority, conditions: ALWAYS, event: { type: "set-params", params: { params: { memorySize: 2048 } } } });
    const input = draft("exec_unit:main", { type: "lambda", params: { memorySize: 512, timeout: 180 } });
    const result = await runResourceStage("policy", [input], [deny, grow(1)], "aws");
    expect(result.resources[0]?.params).toEqual({ memorySize: 2048, timeout: 180 });
    expect(input.params).toEqual({ memorySize: 512, timeout: 180 });
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.ruleId, d.range && formatLocation(d.range), d.message, d.annotation])).toEqual([
      ["rule/deny", "error", "acme/no-big", "app.js:3:1", "exec_unit:main: Too much memory. (denied by rule acme/no-big in acme/no-big.yaml: acme/no-big description)", undefined],
    ]);
    expect(result.resources[0]?.provenance.map((d) => d.event.type)).toEqual(["set-params", "deny"]);
  });

  it("shows a rule the resource as higher-priority rules left it, never what rules of its own priority do", async () => {
    const seesLambda = rule({ id: "acme/sees", stage: "provider", conditions: { all: [{ fact: "resource", path: "$.type", operator: "equal", value: "lambda" }] }, event: { type: "set-params", params: { params: { seen: true } } } });
    const setLambda = (priority: number) => rule({ id: "acme/type", stage: "provider", priority, conditions: ALWAYS, event: { type: "set-type", params: { type: "lambda" } } });
    const higher = await runResourceStage("provider", [draft("exec_unit:a")], [seesLambda, setLambda(1)], "aws");
    const same = await runResourceStage("provider", [draft("exec_unit:a")], [seesLambda, setLambda(0)], "aws");
    expect([higher.resources[0]?.params, same.resources[0]?.params]).toEqual([{ seen: true }, {}]);
    expect(higher.resources[0]?.provenance[1]?.conditions?.all?.[0]?.factResult).toBe("lambda");
  });

  it.each([
    ["add-routes with no resource", { type: "add-routes", params: { routes: [{ method: "GET", path: "/" }] } }, "add-routes needs a resource, and the subject has added none (give the adding rule a higher priority)"],
    ["add-routes with a list of strings", { type: "add-routes", params: { routes: { fact: "unit" } } }, 'add-routes needs a list of routes, got {"id":"main","origin":"annotation","entrypoint":"main.js"}'],
    ["add-edge to a bare name", { type: "add-edge", params: { source: "exec_unit:main", target: "dogs" } }, 'the edge target must be a resource id <kind>:<name>, got "dogs"'],
    ["add-resource without a kind", { type: "add-resource", params: { kind: { fact: "annotation", path: "$.kind" } } }, "add-resource needs a kind like exec_unit, got null"],
    ["set-type with no resource", { type: "set-type", params: { type: "lambda" } }, "set-type needs a resource, and the subject has added none"],
  ] as const)("reports %s as an invalid event", async (_, event, problem) => {
    const result = await runCapabilityStage([unitSubject("main")], [rule({ id: "acme/bad", conditions: ALWAYS, event })], "aws");
    expect(result.diagnostics.map((d) => [d.code, d.ruleId, d.message])).toEqual([["rule/invalid-event", "acme/bad", `Rule acme/bad (acme/bad.yaml) cannot be applied: ${problem}`]]);
  });

  it("reports set-params with no resource as an invalid event only when it has params to set", async () => {
    const options = (id: string) =>
      rule({ id, conditions: ALWAYS, event: { type: "set-params", params: { params: { ttl: { fact: "annotation", path: "$.directives.ttl" } } } } });
    const withoutTtl = await runCapabilityStage([annotationSubject({ capability: "persist", id: "plain" })], [options("acme/options")], "aws");
    const withTtl = await runCapabilityStage([annotationSubject({ capability: "persist", id: "timed", directives: { id: "timed", ttl: 60 } })], [options("acme/options")], "aws");
    expect(withoutTtl.diagnostics).toEqual([]);
    expect(withoutTtl.resources).toEqual([]);
    expect(withTtl.diagnostics.map((d) => [d.code, d.message])).toEqual([["rule/invalid-event", "Rule acme/options (acme/options.yaml) cannot be applied: set-params needs a resource, and the subject has added none"]]);
  });

  it("refuses add-resource in a resource stage", async () => {
    const result = await runResourceStage("policy", [draft("exec_unit:a")], [rule({ ...addUnit, stage: "policy" })], "aws");
    expect(result.diagnostics.map((d) => d.message)).toEqual(["Rule acme/add (acme/add.yaml) cannot be applied: only capability rules can add resources"]);
  });

  it("turns an engine failure into one error at the rule that threw, naming the subject it was evaluated for", async () => {
    const broken = rule({ id: "acme/broken", conditions: { all: [{ fact: "unit", path: "$..[?(@.x", operator: "equal", value: 1 }] }, event: { type: "warn", params: { message: "x" } } });
    const fine = rule({ id: "acme/fine", conditions: ALWAYS, event: { type: "warn", params: { message: "y" } } });
    const result = await runCapabilityStage([unitSubject("main"), unitSubject("other")], [fine, broken], "aws");
    expect(result.diagnostics.map((d) => [d.code, d.ruleId, d.range && formatLocation(d.range), d.related?.map((r) => `${r.message} ${formatLocation(r.range)}`)])).toEqual([
      ["rule/rule-error", "acme/broken", "acme/broken.yaml:12:9", ["evaluated for this main.js:1:1"]],
    ]);
    expect(result.diagnostics[0]?.message).toMatch(/^Rule acme\/broken could not be evaluated: .+\. Check its conditions' operators, values and paths, and the fact references in its event's params\.$/);
  });
});

describe("fact vocabulary", () => {
  it("gives each stage exactly the facts rule files are checked against", () => {
    for (const subject of [unitSubject("main"), annotationSubject({ capability: "expose" })]) {
      expect(Object.keys(subjectFacts(subject, "aws", [])).sort()).toEqual(STAGE_FACTS.capability);
    }
    expect(Object.keys(resourceFacts(draft("exec_unit:a"), "aws", [])).sort()).toEqual(STAGE_FACTS.provider);
    expect(STAGE_FACTS.policy).toEqual(STAGE_FACTS.provider);
  });
});
