import type { Annotation } from "../annotations/index.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticToJson } from "../diagnostics/format-json.js";
import type { Subject } from "../engine/index.js";
import type { ExplainAnnotation } from "../generated/explain.js";
import type { LoadedRule } from "../load/rules.js";
import type { PlanTrace } from "../plan/index.js";
import { formatLocation, type SourceRange } from "../util/source-range.js";
import type { ExplainInput } from "./explain-input.js";
import { rangeKey, toLocation } from "./locations.js";
import { evaluationsOf, toExplainDecision, toMissedRule } from "./resources.js";
import { whyRulesMissed } from "./why-nothing.js";

/** The annotations of `file` whose comment, or the first line of the statement they are bound to, is on `line`. */
export function annotationsOnLine(annotations: readonly Annotation[], file: string, line: number): Annotation[] {
  return annotations.filter(
    (a) => a.range.file === file && ((a.range.start.line <= line && line <= a.range.end.line) || a.boundTo?.range.start.line === line),
  );
}

/**
 * What an annotation produced, or exactly why it produced nothing: the diagnostics about it (an
 * execution_unit annotation inside a function, a bad directive, ...), what its statement lacks for
 * each rule of its capability, and the rules that fired (a warning) or did not.
 */
export function explainAnnotation(annotation: Annotation, input: ExplainInput, rulesById: ReadonlyMap<string, LoadedRule>, notFired: boolean): ExplainAnnotation {
  const key = rangeKey(annotation.range);
  const subject = input.subjects.find((s): s is Extract<Subject, { type: "annotation" }> => s.type === "annotation" && rangeKey(s.range) === key);
  const produced = producedBy(key, input.trace, annotation);
  const evaluation = evaluationsOf(input.trace).find((e) => e.stage === "capability" && e.subject === "annotation" && e.range && rangeKey(e.range) === key);
  const decisions = evaluation?.fired ?? [];
  const missed = (evaluation?.missed ?? []).map((m) => toMissedRule(m, evaluation?.range));
  const diagnostics = input.diagnostics.filter((d) => (d.range && rangeKey(d.range) === key) || (d.annotation && rangeKey(d.annotation.range) === key));
  const statement = annotation.boundTo ? formatLocation(annotation.boundTo.range) : undefined;
  const reasons =
    produced.length > 0
      ? []
      : [
          ...diagnostics.filter((d) => d.code !== "rule/warn").map((d) => d.message),
          ...(subject ? whyRulesMissed(missed, statement) : []),
          ...(annotation.boundTo ? [] : ["nothing follows the annotation: it is bound to no statement"]),
        ];
  return {
    capability: annotation.capability,
    ...(annotation.id !== undefined ? { id: annotation.id } : {}),
    text: annotation.text,
    location: toLocation(annotation.range),
    ...(annotation.boundTo ? { boundTo: { type: annotation.boundTo.type, location: toLocation(annotation.boundTo.range) } } : {}),
    // An execution_unit annotation's unit is the one it names.
    unit: subject?.unit || (annotation.capability === "execution_unit" ? (annotation.id ?? "") : ""),
    produced,
    reasons: reasons.length > 0 || produced.length > 0 ? reasons : ["no capability rule handles this annotation"],
    ...(subject ? { found: { ...subject.bound } } : {}),
    fired: decisions.map((d) => toExplainDecision(d, rulesById)),
    ...(notFired || produced.length === 0 ? { notFired: missed } : {}),
    diagnostics: diagnostics.map(diagnosticToJson),
  };
}

/** Resources whose sources include the annotation (an execution_unit annotation names its unit). */
function producedBy(key: string, trace: PlanTrace, annotation: Annotation): string[] {
  const fromSource = trace.resources.filter((r) => r.source.some((range) => rangeKey(range) === key)).map((r) => r.id);
  if (fromSource.length > 0 || annotation.capability !== "execution_unit" || annotation.id === undefined) return fromSource;
  const unit = `exec_unit:${annotation.id}`;
  return trace.resources.some((r) => r.id === unit) ? [unit] : [];
}

/**
 * Annotations on `file:line` that never reached the rules: the annotation stage rejected them (an
 * invalid body, an execution_unit inside a function, ...). Their diagnostics are the whole reason.
 */
export function rejectedAnnotations(diagnostics: readonly Diagnostic[], file: string, line: number): ExplainAnnotation[] {
  const byComment = new Map<string, { text: string; range: SourceRange; diagnostics: Diagnostic[] }>();
  for (const d of diagnostics) {
    const comment = d.annotation;
    if (!comment || comment.range.file !== file || line < comment.range.start.line || line > comment.range.end.line) continue;
    const key = rangeKey(comment.range);
    const entry = byComment.get(key) ?? { text: comment.text, range: comment.range, diagnostics: [] };
    entry.diagnostics.push(d);
    byComment.set(key, entry);
  }
  return [...byComment.values()].map((entry) => ({
    capability: /@klotho::([\w-]+)/.exec(entry.text)?.[1] ?? "unknown",
    text: entry.text,
    location: toLocation(entry.range),
    unit: "",
    produced: [],
    reasons: entry.diagnostics.map((d) => d.message),
    fired: [],
    diagnostics: entry.diagnostics.map(diagnosticToJson),
  }));
}
