import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type * as rulesModule from "../../src/load/rules.js";
import type * as yamlModule from "../../src/load/yaml-document.js";
import { loadRuleSet, type LoadedRule } from "../../src/load/rules.js";

const root = path.resolve(import.meta.dirname, "../..");
const compiledRules = path.join(root, "dist/load/rules.js");
const compiledYaml = path.join(root, "dist/load/yaml-document.js");
const built = existsSync(path.join(root, "dist/yaml-cache.json"));

/** A rule as plain data, with the ranges `locate` gives for a few of its paths. */
function plain(rule: LoadedRule) {
  const { locate, ...data } = rule;
  return { ...data, at: [["id"], ["event", "type"], ["conditions"], ["description"]].map((p) => locate(p)) };
}

describe("the YAML cache npm run build writes (dist/yaml-cache.json)", () => {
  // `npm test` builds dist/ first; the sources (these tests) always parse.
  it.runIf(built)("gives the built-in rules the same values and source positions as parsing them", async () => {
    const prebuilt = (await import(compiledRules)) as typeof rulesModule;
    const options = { provider: "aws", rulePaths: [], projectRoot: root };
    const fromCache = prebuilt.loadRuleSet(options).ruleSet?.rules ?? [];
    const parsed = loadRuleSet(options).ruleSet?.rules ?? [];
    expect(fromCache.length).toBeGreaterThan(30);
    expect(fromCache.map(plain)).toEqual(parsed.map(plain));
  });

  it.runIf(built)("serves only text it was built from: an edited copy of a rule file is parsed, with its own positions", async () => {
    const prebuilt = (await import(compiledYaml)) as typeof yamlModule;
    const text = readFileSync(path.join(root, "rules/capability/persist-kv.yaml"), "utf8");
    const edited = `# edited\n${text.replace(/^id: .*$/m, "id: acme/persist-kv")}`;
    const document = prebuilt.parseLocatedYaml("org/persist-kv.yaml", edited);
    expect((document.value as { id: string }).id).toBe("acme/persist-kv");
    expect(document.locate(["id"]).start.line).toBe(text.split("\n").findIndex((line) => line.startsWith("id:")) + 2);
  });

  it.runIf(built)("hands out a copy: changing one document's value leaves the next one of the same text as built", async () => {
    const prebuilt = (await import(compiledYaml)) as typeof yamlModule;
    const text = readFileSync(path.join(root, "rules/capability/persist-kv.yaml"), "utf8");
    const first = prebuilt.parseLocatedYaml("a.yaml", text).value as { id: string };
    first.id = "changed";
    expect((prebuilt.parseLocatedYaml("b.yaml", text).value as { id: string }).id).toBe("capability/persist-kv");
  });
});
