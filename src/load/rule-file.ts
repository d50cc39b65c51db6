import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { NestedCondition, RuleFile, TopCondition } from "../generated/rule-file.js";
import type { SourceRange } from "../util/source-range.js";
import { checkedBuiltInRules, checkedRuleKey } from "./checked-rules.js";
import { checkOperatorValue, type OperatorValueProblem } from "./operator-values.js";
import { CAPABILITY_ONLY_EVENTS, OPERATORS, STAGE_FACTS, isKnownOperator, type RuleStage } from "./rule-vocabulary.js";
import { schemaValidator, type SchemaViolation } from "./schemas.js";
import { parseLocatedYaml, type LocatedYaml } from "./yaml-document.js";

export type { NestedCondition, TopCondition } from "../generated/rule-file.js";

/** Path segments to a value inside a YAML document. */
export type YamlPath = readonly (string | number)[];

/** The event types a rule file can use. */
export type RuleEventType = RuleFile["event"]["type"];

/** A validated rule, ready for the engine. */
export interface LoadedRule {
  readonly id: string;
  readonly stage: RuleStage;
  readonly description: string;
  readonly rationale: string;
  /** The file's priority (default 0); higher runs and applies first. */
  readonly priority: number;
  readonly conditions: TopCondition;
  readonly event: { readonly type: RuleEventType; readonly params: Readonly<Record<string, unknown>> };
  /** Display path of the rule file: `rules/...`, `providers/aws/...`, or project-relative. */
  readonly file: string;
  /** Display paths of the earlier files with the same id that this one replaced, oldest first. */
  readonly replaced: readonly string[];
  /** The range of the value at `path` in the rule file, for messages about the rule. */
  readonly locate: (path: YamlPath) => SourceRange;
}

/** What reading one rule file produced: the rule, or the diagnostics that reject it. */
export interface RuleFileResult {
  readonly rule?: LoadedRule;
  readonly diagnostics: Diagnostic[];
}

/**
 * Parses and validates one rule file. `expectedId` is the path-derived id of a built-in rule; user
 * files (undefined) may use any id with an owner prefix. A built-in rule the build validated with
 * this text (`checked`, see checkedBuiltInRules) is not validated again.
 */
export function parseRuleFile(file: string, text: string, expectedId: string | undefined, checked: ReadonlySet<string> = checkedBuiltInRules()): RuleFileResult {
  const document = parseLocatedYaml(file, text);
  if (document.syntaxErrors.length > 0) {
    const diagnostics = document.syntaxErrors.map((e) => createDiagnostic("rule-file/invalid-yaml", { range: e.range }, e.message));
    return { diagnostics };
  }
  const value = document.value;
  if (expectedId !== undefined && checked.has(checkedRuleKey(expectedId, text))) return { rule: toLoadedRule(value as RuleFile, document), diagnostics: [] };
  const violations = schemaValidator("rule-file")(value);
  if (!isRuleFile(value, violations)) {
    const diagnostics = violations.map((v) => createDiagnostic("rule-file/schema", { range: document.locate(v.path, v.atKey) }, v.message));
    return { diagnostics };
  }
  const diagnostics = [...checkId(value, expectedId, document), ...checkVocabulary(value, document)];
  if (diagnostics.length > 0) return { diagnostics };
  return { rule: toLoadedRule(value, document), diagnostics: [] };
}

/** The schema validated `value`; this predicate only tells TypeScript so. */
function isRuleFile(value: unknown, violations: readonly SchemaViolation[]): value is RuleFile {
  return violations.length === 0 && typeof value === "object" && value !== null;
}

function toLoadedRule(value: RuleFile, document: LocatedYaml): LoadedRule {
  return {
    id: value.id,
    stage: value.stage,
    description: value.description,
    rationale: value.rationale,
    priority: value.priority ?? 0,
    conditions: value.conditions,
    event: { type: value.event.type, params: value.event.params },
    file: document.file,
    replaced: [],
    locate: (path) => document.locate(path),
  };
}

function checkId(value: RuleFile, expectedId: string | undefined, document: LocatedYaml): Diagnostic[] {
  const range = () => document.locate(["id"]);
  if (expectedId !== undefined && value.id !== expectedId) {
    return [createDiagnostic("rule-file/id-mismatch", { range: range() }, value.id, expectedId)];
  }
  if (expectedId === undefined && !value.id.includes("/")) return [createDiagnostic("rule-file/unprefixed-id", { range: range() }, value.id)];
  return [];
}

/** Unknown facts, unknown operators, bad values of custom operators and events the stage does not allow. */
function checkVocabulary(value: RuleFile, document: LocatedYaml): Diagnostic[] {
  const known = STAGE_FACTS[value.stage];
  const diagnostics: Diagnostic[] = [];
  const checkFact = (fact: string, path: YamlPath): void => {
    if (known.includes(fact)) return;
    const range = document.locate(path);
    diagnostics.push(createDiagnostic("rule-file/unknown-fact", { range }, fact, value.stage, known.join(", ")));
  };
  for (const leaf of leafConditions(value.conditions, ["conditions"])) {
    checkFact(leaf.condition.fact, [...leaf.path, "fact"]);
    const reference = factReference(leaf.condition.value);
    if (reference !== undefined) checkFact(reference, [...leaf.path, "value", "fact"]);
    if (!isKnownOperator(leaf.condition.operator)) {
      const range = document.locate([...leaf.path, "operator"]);
      diagnostics.push(createDiagnostic("rule-file/unknown-operator", { range }, leaf.condition.operator, OPERATORS.join(", ")));
    } else {
      for (const problem of checkOperatorValue(leaf.condition.operator, leaf.condition.value)) {
        const at = "at" in problem ? [...leaf.path, "value", ...problem.at] : [...leaf.path, "operator"];
        diagnostics.push(operatorValueDiagnostic(problem, leaf.condition.operator, document.locate(at)));
      }
    }
  }
  for (const [key, param] of Object.entries(value.event.params)) {
    const reference = factReference(param);
    if (reference !== undefined) checkFact(reference, ["event", "params", key, "fact"]);
  }
  const setParams = value.event.type === "set-params" ? value.event.params["params"] : undefined;
  for (const [key, param] of setParams !== null && typeof setParams === "object" ? Object.entries(setParams) : []) {
    const reference = factReference(param);
    if (reference !== undefined) checkFact(reference, ["event", "params", "params", key, "fact"]);
  }
  if (value.stage !== "capability" && CAPABILITY_ONLY_EVENTS.includes(value.event.type)) {
    diagnostics.push(createDiagnostic("rule-file/event-not-allowed", { range: document.locate(["event", "type"]) }, value.event.type, value.stage));
  }
  return diagnostics;
}

function operatorValueDiagnostic(problem: OperatorValueProblem, operator: string, range: SourceRange): Diagnostic {
  switch (problem.code) {
    case "rule-file/invalid-operator-value":
      return createDiagnostic(problem.code, { range }, operator, problem.expected, problem.got);
    case "rule-file/unsupported-decorator":
      return createDiagnostic(problem.code, { range }, operator);
    default:
      return createDiagnostic(problem.code, { range }, problem.pattern, problem.detail);
  }
}

type FactLeaf = Extract<NestedCondition, { fact: string }>;

/** Every fact test in `condition`, with its path in the file. */
function leafConditions(condition: NestedCondition, path: YamlPath): { condition: FactLeaf; path: YamlPath }[] {
  if ("all" in condition) return condition.all.flatMap((c, i) => leafConditions(c, [...path, "all", i]));
  if ("any" in condition) return condition.any.flatMap((c, i) => leafConditions(c, [...path, "any", i]));
  if ("not" in condition) return leafConditions(condition.not, [...path, "not"]);
  return [{ condition, path }];
}

/** The fact a `{ fact: ... }` value refers to, as json-rules-engine recognises references. */
function factReference(value: unknown): string | undefined {
  if (value === null || typeof value !== "object" || !("fact" in value)) return undefined;
  return typeof value.fact === "string" ? value.fact : undefined;
}
