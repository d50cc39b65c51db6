import { codeFrame, plainStyle, type SourceLookup, type TextStyle } from "../diagnostics/format-text.js";
import { snippetLine } from "../diagnostics/snippet.js";
import type {
  ExplainAnnotation,
  ExplainAnnotationRef,
  ExplainCondition,
  ExplainDecision,
  ExplainDiagnostic,
  ExplainDocument,
  ExplainMissedRule,
  ExplainResource,
  ExplainTopic,
} from "../generated/explain.js";
import type { SourceRange } from "../util/source-range.js";
import { conditionSubject, failedOn, SELECTORS } from "./conditions.js";
import { networkSection, placementLines } from "./format-network.js";
import { formatExplainLocation } from "./locations.js";
import { compact } from "./why-nothing.js";

/**
 * The explanation as text: a tree per resource, then the network. Every resource → compact (one line
 * per decision and edge); one resource, an annotation or the network → detailed (code frame, conditions
 * with the values they saw, rationales, rules that did not fire, the edges that put a unit in the VPC).
 */
export function formatExplanation(document: ExplainDocument, sources: SourceLookup, style: TextStyle = plainStyle): string {
  const detailed = document.query.kind !== "all";
  const out: string[] = [];
  for (const annotation of document.annotations ?? []) out.push(...annotationSection(annotation, sources, style), "");
  for (const resource of document.resources) out.push(...resourceSection(resource, detailed, sources, style), "");
  if (document.network) out.push(...networkSection(document.network, detailed, style), "");
  if (document.resources.length === 0 && !document.annotations && !document.network) out.push("The plan has no resources.", "");
  if (!document.ok) out.push(style.error("The compile would fail on the problems listed on stderr."), "");
  return out.join("\n");
}

function resourceSection(resource: ExplainResource, detailed: boolean, sources: SourceLookup, style: TextStyle): string[] {
  const type = resource.type === "" ? style.error("no type") : resource.type;
  const out = [`${style.bold(resource.id)} → ${type}${paramsText(resource.params)}`];
  for (const annotation of resource.annotations) {
    out.push(`  from ${annotationLine(annotation)}`);
    if (detailed) out.push(...frame(annotation, sources, style, "    "));
  }
  if (resource.annotations.length === 0) out.push(`  from ${style.dim("no annotation (an implicit unit, or code klotho found on its own)")}`);
  if (detailed && resource.facts.length > 0) {
    out.push("  code facts:");
    for (const fact of resource.facts) out.push(`    ${formatExplainLocation(fact.location)}  ${fact.description}`);
  }
  out.push(detailed ? "  decisions, in order:" : "  decisions:");
  resource.decisions.forEach((decision, index) => out.push(...decisionLines(decision, index + 1, detailed, style)));
  out.push(...topicLines(resource.topics ?? [], detailed));
  if (resource.edges.length > 0) out.push("  edges:");
  for (const edge of resource.edges) out.push(`    ${edge.direction === "out" ? "→" : "←"} ${edge.resource}: ${edge.reason}`);
  if (resource.network) out.push(...placementLines(resource.network, detailed, style, "  ", "network: "));
  out.push(...diagnosticLines(resource.diagnostics, style, "  "));
  if (resource.notFired) out.push(...missedSection(resource.notFired, detailed, style, "  "));
  return out;
}

/** A topic service's events: their names, or (detailed) one line each with the units publishing it and those subscribed to it. */
function topicLines(topics: readonly ExplainTopic[], detailed: boolean): string[] {
  if (topics.length === 0) return [];
  if (!detailed) return [`  topics: ${listed(topics.map((topic) => topic.name), 4)}`];
  const units = (names: readonly string[]): string => (names.length > 0 ? names.join(", ") : "no unit");
  return ["  topics:", ...topics.map((topic) => `    ${topic.name}: published by ${units(topic.publishers)}; subscribed by ${units(topic.subscribers)}`)];
}

function annotationSection(annotation: ExplainAnnotation, sources: SourceLookup, style: TextStyle): string[] {
  const out = [style.bold(annotationLine(annotation)), ...frame(annotation, sources, style, "  ")];
  if (annotation.boundTo) out.push(`  bound to the ${annotation.boundTo.type} at ${formatExplainLocation(annotation.boundTo.location)}${annotation.unit === "" ? "" : `, in unit ${annotation.unit}`}`);
  if (annotation.produced.length > 0) {
    out.push(`  produced: ${annotation.produced.join(", ")}`);
  } else {
    out.push(`  ${style.warning("produced nothing")}, because:`);
    for (const reason of annotation.reasons) out.push(`    - ${reason}`);
  }
  if (annotation.found) {
    const found = Object.entries(annotation.found).filter(([, count]) => (count ?? 0) > 0);
    out.push(`  found in the statement: ${found.length > 0 ? found.map(([key, count]) => `${key} ${String(count)}`).join(", ") : "nothing klotho recognises"}`);
  }
  if (annotation.fired.length > 0) out.push("  rules that fired:");
  annotation.fired.forEach((decision, index) => out.push(...decisionLines(decision, index + 1, true, style)));
  out.push(...diagnosticLines(annotation.diagnostics, style, "  "));
  if (annotation.notFired) out.push(...missedSection(annotation.notFired, true, style, "  "));
  return out;
}

function annotationLine(annotation: ExplainAnnotationRef): string {
  const text = annotation.text.includes("\n") ? `@klotho::${annotation.capability}${annotation.id !== undefined ? ` { id = "${annotation.id}" }` : ""}` : annotation.text.trim();
  return `${snippetLine(text, 0).text} at ${formatExplainLocation(annotation.location)}`;
}

function frame(annotation: ExplainAnnotationRef, sources: SourceLookup, style: TextStyle, indent: string): string[] {
  const { file, line } = annotation.location;
  const source = sources(file);
  if (source === undefined) return [];
  // The whole comment the annotation is in, so the frame shows what the user wrote.
  const lineCount = annotation.text.split("\n").length;
  const range: SourceRange = { file, start: { line, column: 0, offset: 0 }, end: { line: line + lineCount, column: 0, offset: 0 } };
  return codeFrame(range, source, style).map((l) => `${indent}${l.trimStart()}`);
}

function decisionLines(decision: ExplainDecision, n: number, detailed: boolean, style: TextStyle): string[] {
  const where = decision.setting ? formatExplainLocation(decision.setting) : decision.file;
  const replaced = decision.replaced.length > 0 ? ` (replaces ${decision.replaced.join(", ")})` : "";
  const head = `    ${n}. [${decision.stage}] ${decision.rule}: ${eventText(decision.event)}  ${style.dim(`${where}${replaced}`)}`;
  if (!detailed) return [head];
  const out = [head, `       ${decision.description}`];
  if (decision.rationale !== undefined) out.push(style.dim(`       why: ${decision.rationale.replace(/\s+/g, " ")}`));
  if (decision.facts.length > 0) out.push(`       for ${listed(decision.facts.map(formatExplainLocation), 4)}`);
  if (decision.conditions) out.push(...conditionTreeLines(decision.conditions, "       ", style));
  return out;
}

function eventText(event: ExplainDecision["event"]): string {
  const params = event.params;
  if (event.type === "set-type" && typeof params["type"] === "string") return `set-type ${params["type"]}`;
  if (event.type === "set-params") return `set-params ${compact(params["params"] ?? {})}`;
  if (event.type === "add-routes" && Array.isArray(params["routes"])) {
    return `add-routes (${String(params["routes"].length)} route${params["routes"].length === 1 ? "" : "s"}${params["catchall"] === true ? ", catch-all" : ""})`;
  }
  if (event.type === "add-edge") return `add-edge ${edgeEnd(params, "source")} → ${edgeEnd(params, "target")}`;
  if ((event.type === "warn" || event.type === "deny") && typeof params["message"] === "string") return `${event.type} "${params["message"]}"`;
  return Object.keys(params).length > 0 ? `${event.type} ${compact(params)}` : event.type;
}

function edgeEnd(params: Readonly<Record<string, unknown>>, end: "source" | "target"): string {
  const kind = params[`${end}Kind`];
  const name = typeof params[end] === "string" ? params[end] : "?";
  return typeof kind === "string" ? `${kind}:${name}` : name;
}

/**
 * A condition tree, one line per condition: ✓ held, ✗ failed, · not evaluated, with the value each
 * fact test saw. A top-level `all` lists its conditions directly; nested groups are labelled.
 * `klotho explain` and `klotho rules test` print conditions with it.
 */
export function conditionTreeLines(condition: ExplainCondition, indent: string, style: TextStyle = plainStyle, top = true): string[] {
  const mark = condition.outcome === "pass" ? "✓" : condition.outcome === "fail" ? style.error("✗") : style.dim("·");
  const group = condition.all ? ["all of", condition.all] : condition.any ? ["any of", condition.any] : condition.not ? ["not", [condition.not]] : undefined;
  if (group) {
    const [label, children] = group as [string, ExplainCondition[]];
    if (top && label === "all of") return children.flatMap((c) => conditionTreeLines(c, indent, style, false));
    return [`${indent}${mark} ${label}:`, ...children.flatMap((c) => conditionTreeLines(c, `${indent}  `, style, false))];
  }
  const saw = condition.outcome === "not-evaluated" ? " (not evaluated)" : ` (saw ${compact(condition.saw)})`;
  return [`${indent}${mark} ${conditionSubject(condition)} ${condition.operator ?? "?"} ${compact(condition.value)}${style.dim(saw)}`];
}

/**
 * Rules that did not fire: near misses (the rule is about this kind of subject) with their
 * conditions; rules written for another kind of subject (another capability, resource kind, use
 * role) in one line, since their failing selector says all there is to say.
 */
function missedSection(missed: readonly ExplainMissedRule[], detailed: boolean, style: TextStyle, indent: string): string[] {
  if (missed.length === 0) return [`${indent}rules that did not fire: none`];
  const near = missed.filter((rule) => !rule.conditions || !failedOn(rule.conditions, SELECTORS));
  const other = missed.filter((rule) => !near.includes(rule));
  const out = [`${indent}rules that did not fire:`];
  if (other.length > 0) out.push(`${indent}  - written for other kinds of subject: ${other.map((rule) => rule.rule).join(", ")}`);
  for (const rule of near) {
    out.push(`${indent}  - [${rule.stage}] ${rule.rule}: ${rule.description}  ${style.dim(rule.file)}`);
    if (!rule.conditions) continue;
    const lines = conditionTreeLines(rule.conditions, `${indent}      `, style);
    out.push(...(detailed ? lines : lines.filter((line) => line.includes("✗"))));
  }
  return out;
}

/** The first `max` items, then "and N more". */
function listed(items: readonly string[], max: number): string {
  return items.length > max ? `${items.slice(0, max).join(", ")} and ${String(items.length - max)} more` : items.join(", ");
}

function diagnosticLines(diagnostics: readonly ExplainDiagnostic[], style: TextStyle, indent: string): string[] {
  return diagnostics.map((d) => {
    const where = d.file !== undefined ? `${d.file}:${d.line ?? 0}:${d.column ?? 0}: ` : "";
    const severity = d.severity === "error" ? style.error("error") : style.warning(d.severity);
    return `${indent}${severity}: ${where}${d.message}${d.ruleId !== undefined ? ` [${d.ruleId}]` : ""}`;
  });
}

function paramsText(params: Readonly<Record<string, unknown>>): string {
  return Object.keys(params).length > 0 ? `  ${compact(params)}` : "";
}
