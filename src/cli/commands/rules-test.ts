import { createDiagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { runCasesFile, type CasesFileOutcome } from "../../engine/test-rule.js";
import { readTypeTable, type ProviderTypeTable } from "../../load/provider-types.js";
import { loadRuleCases, ruleFilesBeside, type CasesFileRef, type RuleCasesResult } from "../../load/rule-cases.js";
import { findRuleTests, hasProviderRules, type RuleTestTargets } from "../../load/rule-test-files.js";
import { loadRuleSet, type LoadedRule } from "../../load/rules.js";
import { ExitCode, type CliIo } from "../io.js";
import type { RulesTestOptions } from "../program.js";
import { formatRulesTestText, rulesTestJson, summarize, type RulesTestReport } from "../rules-test-report.js";
import { chooseStyle } from "../style.js";

/**
 * `klotho rules test [paths...]`: evaluates each cases file's cases against its rule and reports
 * them; exit 0 when all pass, 1 when a case fails, 2 when a rule or cases file is broken.
 */
export async function runRulesTest(paths: readonly string[], options: RulesTestOptions, io: CliIo): Promise<number> {
  if (!hasProviderRules(options.provider)) {
    return report({ outcomes: [], uncovered: [], diagnostics: [createDiagnostic("cli/unknown-provider", {}, options.provider)] }, new Map(), options, io);
  }
  const targets = findRuleTests(paths, options.provider, io.cwd);
  const types = readTypeTable(options.provider);
  const loaded = loadRuleSet({ provider: options.provider, rulePaths: targets.rulePaths, projectRoot: io.cwd, typeTable: types.typeTable });
  const rules = loaded.ruleSet?.rules ?? [];
  const ran = loaded.ruleSet && types.typeTable ? await runCases(targets.casesFiles, rules, types.typeTable) : undefined;
  const cases = ran?.cases ?? { files: [], diagnostics: [], sources: new Map<string, string>() };
  const diagnostics: Diagnostic[] = [...targets.diagnostics, ...types.diagnostics, ...loaded.diagnostics, ...cases.diagnostics];
  const uncovered = loaded.ruleSet ? uncoveredRuleFiles(targets, rules, cases) : [];
  const sources = new Map([...loaded.sources, ...cases.sources]);
  return report({ outcomes: ran?.outcomes ?? [], uncovered, diagnostics }, sources, options, io);
}

/** Reads the cases files and runs each against its rule, with the provider's types. */
async function runCases(refs: readonly CasesFileRef[], rules: readonly LoadedRule[], typeTable: ProviderTypeTable): Promise<{ cases: RuleCasesResult; outcomes: CasesFileOutcome[] }> {
  const cases = loadRuleCases(refs, rules);
  const outcomes: CasesFileOutcome[] = [];
  for (const file of cases.files) outcomes.push(await runCasesFile(file, typeTable));
  return { cases, outcomes };
}

function report(result: RulesTestReport, sources: ReadonlyMap<string, string>, options: RulesTestOptions, io: CliIo): number {
  if (options.json) {
    io.stdout(`${JSON.stringify(rulesTestJson(result), null, 2)}\n`);
  } else {
    const text = formatRulesTestText(result, (file) => sources.get(file), chooseStyle(io, options.color));
    io.stderr(text.stderr);
    io.stdout(text.stdout);
  }
  if (result.diagnostics.some((d) => d.severity === "error")) return ExitCode.usage;
  return summarize(result).failed > 0 ? ExitCode.inputErrors : ExitCode.ok;
}

/** The rule files under test that no cases file tests (a broken cases file beside a rule counts as its cases). */
function uncoveredRuleFiles(targets: RuleTestTargets, rules: readonly LoadedRule[], cases: RuleCasesResult): string[] {
  const underTest = targets.ruleFiles ? rules.filter((rule) => targets.ruleFiles?.includes(rule.file)) : rules;
  const tested = new Set(cases.files.map((file) => file.rule.id));
  const beside = new Set(targets.casesFiles.flatMap((ref) => ruleFilesBeside(ref.display)));
  return underTest.filter((rule) => !tested.has(rule.id) && !beside.has(rule.file)).map((rule) => rule.file);
}
