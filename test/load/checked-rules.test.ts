// The built-in rule files the build validated (dist/checked-rules.json, src/load/checked-rules.ts): a
// compile loads them as validating them would, without validating them again, and validates any other text.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkedRuleKey } from "../../src/load/checked-rules.js";
import { parseRuleFile, type LoadedRule } from "../../src/load/rule-file.js";

const root = path.resolve(import.meta.dirname, "../..");

/** Every built-in rule file: display path, the id its path gives, text. */
function builtInRuleFiles(): { display: string; id: string; text: string }[] {
  const under = (folder: string) =>
    readdirSync(path.join(root, folder), { recursive: true })
      .map(String)
      .filter((file) => /\.ya?ml$/.test(file) && !/\.cases\.ya?ml$/.test(file) && !(folder === "providers" && !file.includes(path.sep)) && path.basename(file) !== "types.yaml")
      .map((file) => ({ display: `${folder}/${file.split(path.sep).join("/")}`, id: file.split(path.sep).join("/").replace(/\.ya?ml$/, ""), text: readFileSync(path.join(root, folder, file), "utf8") }));
  return [...under("rules"), ...under("providers")].sort((a, b) => (a.display < b.display ? -1 : 1));
}

const data = ({ locate, ...rule }: LoadedRule) => ({ ...rule, at: locate(["event", "type"]) });

describe("built-in rule files the build validated", () => {
  it("load as the rules validating them gives, with the same positions", () => {
    const files = builtInRuleFiles();
    expect(files.length).toBeGreaterThan(30);
    for (const { display, id, text } of files) {
      const validated = parseRuleFile(display, text, id, new Set());
      const checked = parseRuleFile(display, text, id, new Set([checkedRuleKey(id, text)]));
      expect(validated.diagnostics, display).toEqual([]);
      expect(checked.diagnostics, display).toEqual([]);
      expect(checked.rule && data(checked.rule), display).toEqual(validated.rule && data(validated.rule));
    }
  });

  // What is recorded is trusted: a text the build checked is not looked at again (here one naming an unknown fact).
  const unknownFact = readFileSync(path.join(root, "rules/capability/persist-kv.yaml"), "utf8").replace("id: capability/persist-kv", "id: capability/sample").replace("fact: bound,", "fact: no_such_fact,");

  it("are not validated again, and any other text is: an edited file, another id, a user's file", () => {
    const checked = new Set([checkedRuleKey("capability/sample", unknownFact)]);
    expect(parseRuleFile("rules/capability/sample.yaml", unknownFact, "capability/sample", checked).diagnostics).toEqual([]);
    const codes = (file: string, text: string, id: string | undefined) => parseRuleFile(file, text, id, checked).diagnostics.map((d) => d.code);
    expect(codes("rules/capability/sample.yaml", unknownFact, "capability/sample-two")).toContain("rule-file/unknown-fact");
    expect(codes("rules/capability/sample.yaml", `${unknownFact}# edited\n`, "capability/sample")).toContain("rule-file/unknown-fact");
    expect(codes("org/sample.yaml", unknownFact, undefined)).toContain("rule-file/unknown-fact");
  });

  // `npm test` builds dist/ first: its list must hold every built-in rule file as it is now.
  it.runIf(existsSync(path.join(root, "dist/checked-rules.json")))("are every built-in rule file, as the build found them", () => {
    const recorded = JSON.parse(readFileSync(path.join(root, "dist/checked-rules.json"), "utf8")) as string[];
    expect(recorded).toEqual(builtInRuleFiles().map(({ id, text }) => checkedRuleKey(id, text)).sort());
  });
});
