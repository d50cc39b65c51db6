import { sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticToJson } from "../diagnostics/format-json.js";
import { formatDiagnostic, type SourceLookup, type TextStyle } from "../diagnostics/format-text.js";
import type { ConditionResult } from "../engine/decision.js";
import type { ActualEvent, CaseOutcome, CasesFileOutcome } from "../engine/test-rule.js";
import type { ExpectedEvent } from "../load/rule-cases.js";
import { conditionTreeLines, toExplainCondition } from "../explain/index.js";
import { formatLocation } from "../util/source-range.js";

/** Everything `klotho rules test` found: the outcome of each cases file, rule files without cases, broken files. */
export interface RulesTestReport {
  readonly outcomes: readonly CasesFileOutcome[];
  /** Display paths of the rule files under test that no cases file tests. */
  readonly uncovered: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Counts for the summary line. */
export interface RulesTestSummary {
  readonly files: number;
  readonly cases: number;
  readonly passed: number;
  readonly failed: number;
}

/** How many files and cases ran, passed and failed. */
export function summarize(report: RulesTestReport): RulesTestSummary {
  const cases = report.outcomes.flatMap((outcome) => outcome.cases);
  const passed = cases.filter((c) => c.passed).length;
  return { files: report.outcomes.length, cases: cases.length, passed, failed: cases.length - passed };
}

/** The text report: a PASS/FAIL line per cases file with each failure explained, then the summary (stdout); broken files (stderr). */
export function formatRulesTestText(report: RulesTestReport, sources: SourceLookup, style: TextStyle): { stdout: string; stderr: string } {
  const lines: string[] = [];
  for (const outcome of report.outcomes) lines.push(...fileLines(outcome, sources, style));
  for (const file of report.uncovered) lines.push(style.warning(`no cases for ${file}`));
  const s = summarize(report);
  const broken = report.diagnostics.filter((d) => d.severity === "error").length;
  const problems = broken > 0 ? `; ${plural(broken, "problem")} in rule or cases files` : "";
  lines.push(`${plural(s.files, "file")}, ${plural(s.cases, "case")}: ${s.passed} passed, ${s.failed} failed${problems}`);
  const stderr = sortDiagnostics(report.diagnostics).map((d) => `${formatDiagnostic(d, sources, style)}\n`);
  return { stdout: lines.map((line) => `${line}\n`).join(""), stderr: stderr.join("") };
}

function fileLines(outcome: CasesFileOutcome, sources: SourceLookup, style: TextStyle): string[] {
  const failed = outcome.cases.filter((c) => !c.passed);
  if (failed.length === 0) return [`PASS ${outcome.file} (${plural(outcome.cases.length, "case")})`];
  const head = `${style.error("FAIL")} ${outcome.file} (${plural(outcome.cases.length, "case")}, ${failed.length} failed)`;
  return [head, ...failed.flatMap((c) => caseLines(c, outcome, sources, style))];
}

function caseLines(c: CaseOutcome, outcome: CasesFileOutcome, sources: SourceLookup, style: TextStyle): string[] {
  const lines = [`  ${style.error("✗")} ${style.bold(c.name)} ${style.dim(`(${formatLocation(c.range)})`)}`];
  lines.push(`    expected: ${describeEvents(c.expected)}`, `    actual:   ${describeEvents(c.actual)}`);
  for (const d of c.diagnostics) lines.push(...formatDiagnostic(d, sources, style).split("\n").map((line) => `    ${line}`));
  if (c.error !== undefined) lines.push(`    error: ${c.error}`);
  if (c.conditions) {
    lines.push(`    conditions of ${outcome.rule.id} (${outcome.rule.file}):`);
    lines.push(...conditionLines(c.conditions, 6, style));
  }
  return lines;
}

function describeEvents(events: readonly (ExpectedEvent | ActualEvent)[]): string {
  if (events.length === 0) return "no event";
  return events.map((e) => `${e.type} ${JSON.stringify(e.params ?? {})}`).join(", ");
}

/** A condition tree as `klotho explain` prints it. */
function conditionLines(condition: ConditionResult, indent: number, style: TextStyle): string[] {
  return conditionTreeLines(toExplainCondition(condition), " ".repeat(indent), style);
}

/** The `--json` document: the same content as the text report. */
export function rulesTestJson(report: RulesTestReport): object {
  const summary = summarize(report);
  return {
    ok: summary.failed === 0 && !report.diagnostics.some((d) => d.severity === "error"),
    summary,
    files: report.outcomes.map((outcome) => ({
      file: outcome.file,
      rule: outcome.rule.id,
      ruleFile: outcome.rule.file,
      passed: outcome.cases.every((c) => c.passed),
      cases: outcome.cases.map(caseJson),
    })),
    uncovered: report.uncovered,
    diagnostics: sortDiagnostics(report.diagnostics).map(diagnosticToJson),
  };
}

function caseJson(c: CaseOutcome): object {
  return {
    name: c.name,
    line: c.range.start.line,
    passed: c.passed,
    expected: c.expected,
    actual: c.actual,
    ...(!c.passed && c.conditions ? { conditions: c.conditions } : {}),
    ...(c.diagnostics.length > 0 ? { diagnostics: c.diagnostics.map(diagnosticToJson) } : {}),
    ...(c.error !== undefined ? { error: c.error } : {}),
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
