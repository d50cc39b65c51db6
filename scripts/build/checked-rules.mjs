// Validates klotho's built-in rule files (rules/, providers/<provider>/) as a compile loads them, for
// every provider, and records each as its id and a hash of its text in dist/checked-rules.json. A
// compile then loads those without validating them again (src/load/checked-rules.ts); a built-in
// rule file edited since the build is validated as usual. The build fails on an invalid built-in rule.
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * @param {string} root the repository (rules/, providers/)
 * @param {string} dist the dist/ folder tsc compiled into
 */
export async function checkBuiltInRules(root, dist) {
  const target = path.join(dist, "checked-rules.json");
  // Validated afresh: the module would skip files an earlier list holds.
  rmSync(target, { force: true });
  const load = (file) => import(pathToFileURL(path.join(dist, "load", file)).href);
  const [{ loadRuleSet }, { readTypeTable }, { checkedRuleKey }] = await Promise.all([load("rules.js"), load("provider-types.js"), load("checked-rules.js")]);
  const keys = new Set();
  const providers = readdirSync(path.join(root, "providers"), { withFileTypes: true }).filter((entry) => entry.isDirectory());
  for (const { name: provider } of providers) {
    const types = readTypeTable(provider);
    const result = loadRuleSet({ provider, rulePaths: [], projectRoot: root, home: root, typeTable: types.typeTable });
    const problems = [...types.diagnostics, ...result.diagnostics];
    if (!result.ruleSet || problems.length > 0) throw new Error(`built-in rules for ${provider} do not load: ${JSON.stringify(problems, null, 2)}`);
    for (const rule of result.ruleSet.rules) {
      const text = result.sources.get(rule.file);
      if (text === undefined) throw new Error(`no text read for ${rule.file}`);
      keys.add(checkedRuleKey(rule.id, text));
    }
  }
  writeFileSync(target, `${JSON.stringify([...keys].sort())}\n`);
  return `${keys.size} built-in rules checked`;
}
