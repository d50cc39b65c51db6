import { readFileSync } from "node:fs";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { ExpectedEvent, RuleCases } from "../generated/rule-cases.js";
import type { SourceRange } from "../util/source-range.js";
import type { LoadedRule } from "./rule-file.js";
import { STAGE_FACTS } from "./rule-vocabulary.js";
import { schemaValidator, type SchemaViolation } from "./schemas.js";
import { parseLocatedYaml, type LocatedYaml } from "./yaml-document.js";

export type { ExpectedEvent } from "../generated/rule-cases.js";

/** One case, ready to evaluate: the facts the rule sees and the events it must fire. */
export interface LoadedRuleCase {
  readonly name: string;
  readonly facts: Readonly<Record<string, unknown>>;
  readonly expect: readonly ExpectedEvent[];
  /** Where the case's name is written, for messages about the case. */
  readonly range: SourceRange;
}

/** A valid cases file with the rule its cases test. */
export interface LoadedCasesFile {
  /** Display path of the cases file. */
  readonly file: string;
  readonly rule: LoadedRule;
  readonly cases: readonly LoadedRuleCase[];
}

/** A cases file to read: its absolute path and the path messages show. */
export interface CasesFileRef {
  readonly absolute: string;
  readonly display: string;
}

/** What reading cases files produced: the valid files, and diagnostics for the broken ones. */
export interface RuleCasesResult {
  readonly files: LoadedCasesFile[];
  readonly diagnostics: Diagnostic[];
  /** Cases file texts by display path, for code frames in messages. */
  readonly sources: ReadonlyMap<string, string>;
}

/** Reads, validates and pairs each cases file with the rule it tests (among the rules in force). */
export function loadRuleCases(refs: readonly CasesFileRef[], rules: readonly LoadedRule[]): RuleCasesResult {
  const files: LoadedCasesFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  for (const ref of refs) {
    const text = readFileSync(ref.absolute, "utf8");
    sources.set(ref.display, text);
    const result = parseCasesFile(ref.display, text, rules);
    diagnostics.push(...result.diagnostics);
    if (result.casesFile) files.push(result.casesFile);
  }
  return { files, diagnostics, sources };
}

/** What parsing one cases file produced: the file, or the diagnostics that reject it. */
export interface CasesFileResult {
  readonly casesFile?: LoadedCasesFile;
  readonly diagnostics: Diagnostic[];
}

/**
 * Parses and validates one cases file: the schema, the rule it names (`rule:`, else the rule file
 * beside it) and the facts of each case, which must be facts of that rule's stage.
 */
export function parseCasesFile(file: string, text: string, rules: readonly LoadedRule[]): CasesFileResult {
  const document = parseLocatedYaml(file, text);
  if (document.syntaxErrors.length > 0) {
    return { diagnostics: document.syntaxErrors.map((e) => createDiagnostic("rule-cases/invalid-yaml", { range: e.range }, e.message)) };
  }
  const value = document.value;
  const violations = schemaValidator("rule-cases")(value);
  if (!isRuleCases(value, violations)) {
    return { diagnostics: violations.map((v) => createDiagnostic("rule-cases/schema", { range: document.locate(v.path, v.atKey) }, v.message)) };
  }
  const found = findRule(value, file, rules);
  if (typeof found === "string") {
    const range = document.locate(value.rule !== undefined ? ["rule"] : ["cases"], value.rule === undefined);
    return { diagnostics: [createDiagnostic("rule-cases/no-rule", { range }, found)] };
  }
  const diagnostics = [...unknownFacts(value, found, document), ...duplicateNames(value, document)];
  if (diagnostics.length > 0) return { diagnostics };
  const cases = value.cases.map((c, i) => ({ name: c.name, facts: c.facts, expect: c.expect, range: document.locate(["cases", i, "name"]) }));
  return { casesFile: { file, rule: found, cases }, diagnostics: [] };
}

/** The schema validated `value`; this predicate only tells TypeScript so. */
function isRuleCases(value: unknown, violations: readonly SchemaViolation[]): value is RuleCases {
  return violations.length === 0 && typeof value === "object" && value !== null;
}

/** The display paths of the rule files a cases file may sit beside. */
export function ruleFilesBeside(casesFile: string): string[] {
  const stem = casesFile.replace(/\.cases\.ya?ml$/, "");
  return [`${stem}.yaml`, `${stem}.yml`];
}

/** The rule under test, or why there is none. */
function findRule(value: RuleCases, file: string, rules: readonly LoadedRule[]): LoadedRule | string {
  if (value.rule !== undefined) {
    return rules.find((rule) => rule.id === value.rule) ?? `no rule file in force has the id '${value.rule}'`;
  }
  const beside = ruleFilesBeside(file);
  const rule = rules.find((r) => beside.includes(r.file));
  if (rule) return rule;
  const winner = rules.find((r) => r.replaced.some((replaced) => beside.includes(replaced)));
  if (winner) return `the rule in ${beside.find((b) => winner.replaced.includes(b)) ?? ""} is replaced by ${winner.file} (same id '${winner.id}'); name the rule with 'rule:'`;
  return `there is no rule file ${beside[0] ?? ""} beside this file; put the cases beside their rule file, or name the rule with 'rule:'`;
}

function unknownFacts(value: RuleCases, rule: LoadedRule, document: LocatedYaml): Diagnostic[] {
  const known = STAGE_FACTS[rule.stage];
  return value.cases.flatMap((c, i) =>
    Object.keys(c.facts)
      .filter((fact) => !known.includes(fact))
      .map((fact) => {
        const range = document.locate(["cases", i, "facts", fact], true);
        return createDiagnostic("rule-cases/unknown-fact", { range }, fact, rule.id, rule.stage, known.join(", "));
      }),
  );
}

function duplicateNames(value: RuleCases, document: LocatedYaml): Diagnostic[] {
  const first = new Map<string, number>();
  const diagnostics: Diagnostic[] = [];
  for (const [i, c] of value.cases.entries()) {
    const range = document.locate(["cases", i, "name"]);
    const line = first.get(c.name);
    if (line === undefined) first.set(c.name, range.start.line);
    else diagnostics.push(createDiagnostic("rule-cases/duplicate-name", { range }, c.name, line));
  }
  return diagnostics;
}
