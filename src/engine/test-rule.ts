import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { ProviderTypeTable } from "../load/provider-types.js";
import type { ExpectedEvent, LoadedCasesFile, LoadedRuleCase } from "../load/rule-cases.js";
import type { LoadedRule } from "../load/rules.js";
import { STAGE_FACTS } from "../load/rule-vocabulary.js";
import { checkSetTypeKind } from "../load/set-type-checks.js";
import type { SourceRange } from "../util/source-range.js";
import type { ConditionResult } from "./decision.js";
import { createRuleRunner, type RuleRunner } from "./run-rules.js";

/** An event a rule fired in a case, its fact references filled in. */
export interface ActualEvent {
  readonly type: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** The outcome of one case: what was expected, what the rule did, and what its conditions saw. */
export interface CaseOutcome {
  readonly name: string;
  /** Where the case's name is written. */
  readonly range: SourceRange;
  readonly passed: boolean;
  readonly expected: readonly ExpectedEvent[];
  readonly actual: readonly ActualEvent[];
  /** The errors a compile would report for the events the rule fired (a set-type to a type the case's resource's kind does not have). */
  readonly diagnostics: readonly Diagnostic[];
  /** The rule's conditions as json-rules-engine evaluated them (absent after an engine error). */
  readonly conditions?: ConditionResult;
  /** Why the engine could not evaluate the rule, if it could not. */
  readonly error?: string;
}

/** The outcomes of one cases file's cases, in file order. */
export interface CasesFileOutcome {
  readonly file: string;
  readonly rule: LoadedRule;
  readonly cases: readonly CaseOutcome[];
}

/**
 * Evaluates every case of a cases file against its rule alone, with the rule's own stage's facts; a
 * case also fails when the compile would refuse what the rule did, checked against the provider's types.
 */
export async function runCasesFile(casesFile: LoadedCasesFile, typeTable: ProviderTypeTable): Promise<CasesFileOutcome> {
  const runner = createRuleRunner([casesFile.rule]);
  const cases: CaseOutcome[] = [];
  for (const ruleCase of casesFile.cases) cases.push(await runCase(runner, casesFile.rule, ruleCase, typeTable));
  return { file: casesFile.file, rule: casesFile.rule, cases };
}

async function runCase(runner: RuleRunner, rule: LoadedRule, ruleCase: LoadedRuleCase, typeTable: ProviderTypeTable): Promise<CaseOutcome> {
  const base = { name: ruleCase.name, range: ruleCase.range, expected: ruleCase.expect };
  try {
    const run = await runner.runTraced(() => stageFacts(rule, ruleCase.facts));
    const actual = run.fired.map((event) => ({ type: event.type, params: event.params }));
    const diagnostics = unknownTypes(rule, actual, ruleCase.facts["resource"], typeTable);
    const conditions = run.fired[0]?.conditions ?? run.missed[0]?.conditions;
    const passed = diagnostics.length === 0 && eventsMatch(ruleCase.expect, actual);
    return { ...base, passed, actual, diagnostics, ...(conditions ? { conditions } : {}) };
  } catch (error) {
    return { ...base, passed: false, actual: [], diagnostics: [], error: error instanceof Error ? error.message : String(error) };
  }
}

/** The compile's error for each fired set-type whose type the case's resource's kind does not have; none when the case gives no kind. */
function unknownTypes(rule: LoadedRule, actual: readonly ActualEvent[], resource: unknown, typeTable: ProviderTypeTable): Diagnostic[] {
  const kind = resource !== null && typeof resource === "object" && "kind" in resource ? resource.kind : undefined;
  if (typeof kind !== "string") return [];
  const setter = { ruleId: rule.id, ruleFile: rule.file, range: rule.locate(["event", "params", "type"]) };
  return actual.flatMap((event) => {
    const type = event.params["type"];
    const unknown = event.type === "set-type" && typeof type === "string" ? checkSetTypeKind(setter, type, kind, typeTable) : undefined;
    return unknown ? [unknown] : [];
  });
}

/** Every fact of the rule's stage: the case's value, or null when the case does not give it. */
function stageFacts(rule: LoadedRule, given: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(STAGE_FACTS[rule.stage].map((fact) => [fact, given[fact] ?? null]));
}

/** True when the rule fired exactly the expected events, each with at least the expected params. */
export function eventsMatch(expected: readonly ExpectedEvent[], actual: readonly ActualEvent[]): boolean {
  if (expected.length !== actual.length) return false;
  return expected.every((e, i) => e.type === actual[i]?.type && isSubset(e.params ?? {}, actual[i]?.params));
}

/**
 * True when `actual` holds everything `expected` does: objects may have more keys, arrays must have
 * the same length with matching items, other values must be equal; an expected null also matches a
 * missing value.
 */
export function isSubset(expected: unknown, actual: unknown): boolean {
  if (expected === null) return actual === null || actual === undefined;
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => isSubset(item, actual[i]));
  }
  if (typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return false;
    const record = new Map<string, unknown>(Object.entries(actual));
    return Object.entries(expected).every(([key, value]) => isSubset(value, record.get(key)));
  }
  return Object.is(expected, actual);
}
