import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCasesFile } from "../../src/engine/test-rule.js";
import { klothoHome, readOwnJson } from "../../src/load/package-assets.js";
import { parseCasesFile } from "../../src/load/rule-cases.js";
import { loadRuleSet } from "../../src/load/rules.js";
import { awsTypes } from "../helpers/plan-inputs.js";

const providers = readdirSync(path.join(klothoHome, "providers")).sort();

/** Every built-in rule, once: the provider-independent ones and each provider's. */
function builtInRules() {
  const byFile = new Map(
    providers.flatMap((provider) => (loadRuleSet({ provider, rulePaths: [], projectRoot: klothoHome }).ruleSet?.rules ?? []).map((rule) => [rule.file, rule] as const)),
  );
  return [...byFile.values()];
}

const rules = builtInRules();

describe("every built-in rule is documented and tested", () => {
  it("there are built-in rules for every provider folder", () => {
    expect(providers).toEqual(["aws"]);
    expect(rules.length).toBeGreaterThanOrEqual(32);
  });

  it.each(rules.map((rule) => [rule.file, rule] as const))("%s has a description, a rationale and cases that fire and do not fire", async (file, rule) => {
    expect(rule.description.trim()).not.toBe("");
    expect(rule.rationale.trim()).not.toBe("");
    const casesPath = file.replace(/\.ya?ml$/, ".cases.yaml");
    expect(existsSync(path.join(klothoHome, casesPath)), `${casesPath} is missing: every built-in rule needs cases (see rules/README.md)`).toBe(true);
    const parsed = parseCasesFile(casesPath, readFileSync(path.join(klothoHome, casesPath), "utf8"), rules);
    expect(parsed.diagnostics).toEqual([]);
    const casesFile = parsed.casesFile!;
    expect(casesFile.rule.id).toBe(rule.id);
    expect(casesFile.cases.some((c) => c.expect.length > 0), `${casesPath} needs a case where the rule fires`).toBe(true);
    expect(casesFile.cases.some((c) => c.expect.length === 0), `${casesPath} needs a near miss where the rule must not fire`).toBe(true);
    const outcome = await runCasesFile(casesFile, awsTypes());
    expect(outcome.cases.filter((c) => !c.passed).map((c) => c.name)).toEqual([]);
  });

  it("cases files expect the same event types rule files can fire", () => {
    const eventTypes = (schema: string, pointer: readonly string[]): unknown => pointer.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], readOwnJson(`schemas/${schema}.schema.json`));
    expect(eventTypes("rule-cases", ["definitions", "expectedEvent", "properties", "type", "enum"])).toEqual(eventTypes("rule-file", ["definitions", "event", "properties", "type", "enum"]));
  });
});
