import { createDiagnostic, hasFailures, isFailure, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { CompileFailures } from "../diagnostics/messages.js";
import { diagnosticToJson } from "../diagnostics/format-json.js";
import type { ExplainDocument, ExplainQuery } from "../generated/explain.js";
import { namedList } from "../util/lists.js";
import { formatLocation } from "../util/source-range.js";
import { annotationsOnLine, explainAnnotation, rejectedAnnotations } from "./annotation-query.js";
import { indexFacts } from "./code-facts.js";
import type { ExplainInput, ExplainTarget } from "./explain-input.js";
import { rangeKey } from "./locations.js";
import { planNetwork } from "../plan/network.js";
import { explainNetwork, networkEdgeOf } from "./network.js";
import { explainResource, resourceContext } from "./resources.js";

/** The outcome of an explain query: the document, or why the query matches nothing (with the query as understood). */
export type Explanation = { readonly document: ExplainDocument } | { readonly problem: Diagnostic; readonly query: ExplainQuery };

/**
 * Builds `klotho explain`'s document: every resource (and the network), one resource (by id, or by
 * name when only one resource has it), the annotations on a line with what they produced or why
 * nothing, or the network (the VPC, where each unit runs, the endpoints).
 */
export function explain(input: ExplainInput, target: ExplainTarget, options: { notFired?: boolean; strict?: boolean } = {}): Explanation {
  const notFired = options.notFired === true;
  const rulesById = new Map(input.rules.map((rule) => [rule.id, rule]));
  // The decision the Pulumi program is rendered from, made from the plan as traced (errors or not).
  const network = planNetwork(input.trace);
  const annotationsAt = new Map(input.annotations.map((a) => [rangeKey(a.range), a]));
  const context = resourceContext(input.trace, { facts: indexFacts(input.facts), annotationsAt, rulesById, notFired, network, networkEdge: networkEdgeOf(input.trace) }, input.diagnostics);
  const withFlag = (query: ExplainQuery): ExplainQuery => (notFired ? { ...query, notFired } : query);
  const documentOf = (query: ExplainQuery, resources: ExplainDocument["resources"], extra: Pick<ExplainDocument, "annotations" | "network"> = {}): Explanation => ({
    document: {
      app: input.app,
      provider: input.provider,
      query: withFlag(query),
      // A compile's rule: errors fail it, and warnings too under --strict.
      ok: !hasFailures(input.diagnostics, options.strict),
      resources,
      ...extra,
      diagnostics: input.diagnostics.map(diagnosticToJson),
    },
  });
  switch (target.kind) {
    case "all":
      return documentOf({ kind: "all" }, input.trace.resources.map((r) => explainResource(r, context)), { network: explainNetwork(network, input.trace) });
    case "network":
      return documentOf({ kind: "network" }, [], { network: explainNetwork(network, input.trace) });
    case "resource": {
      const found = findResource(input, target.resource, options.strict === true);
      if ("problem" in found) return { problem: found.problem, query: withFlag({ kind: "resource", resource: target.resource }) };
      return documentOf({ kind: "resource", resource: found.id }, [explainResource(found, context)]);
    }
    case "annotation": {
      const annotations = annotationsOnLine(input.annotations, target.file, target.line);
      const rejected = annotations.length === 0 ? rejectedAnnotations(input.diagnostics, target.file, target.line) : [];
      const query: ExplainQuery = { kind: "annotation", file: target.file, line: target.line };
      if (annotations.length === 0 && rejected.length === 0) return { problem: noAnnotation(input, target.file, target.line), query: withFlag(query) };
      const explained = [...annotations.map((a) => explainAnnotation(a, input, rulesById, notFired)), ...rejected];
      const produced = new Set(explained.flatMap((a) => a.produced));
      const resources = input.trace.resources.filter((r) => produced.has(r.id)).map((r) => explainResource(r, context));
      return documentOf(query, resources, { annotations: explained });
    }
  }
}

function findResource(input: ExplainInput, wanted: string, strict: boolean): ExplainInput["trace"]["resources"][number] | { problem: Diagnostic } {
  const resources = input.trace.resources;
  const exact = resources.find((r) => r.id === wanted);
  if (exact) return exact;
  const byName = resources.filter((r) => r.name === wanted);
  if (byName.length === 1 && byName[0]) return byName[0];
  if (byName.length > 1) return { problem: createDiagnostic("explain/ambiguous-name", {}, wanted, byName.map((r) => r.id)) };
  // The compile's failures can be why it is missing (a file that did not parse has no annotations): say which.
  const failures = compileFailures(input, strict);
  const ids = resources.map((r) => r.id).join(", ") || "none";
  return { problem: createDiagnostic("explain/unknown-resource", {}, wanted, ids, ...(failures ? [failures] : [])) };
}

/** The files that did not parse and where the compile's other failures are; undefined when it would not fail. */
function compileFailures(input: ExplainInput, strict: boolean): CompileFailures | undefined {
  const failing = input.diagnostics.filter((d) => isFailure(d, strict));
  if (failing.length === 0) return undefined;
  const unparsed = new Set(input.unparsed);
  const syntaxErrors = failing.filter((d) => d.code === "parse/syntax-error" && d.range !== undefined && unparsed.has(d.range.file));
  return {
    unparsed: input.unparsed.flatMap((file) => {
      const error = syntaxErrors.find((d) => d.range?.file === file)?.range;
      return error ? [{ file, error: formatLocation(error) }] : [];
    }),
    others: failing.filter((d) => !syntaxErrors.includes(d)).map((d) => (d.range ? formatLocation(d.range) : d.code)),
  };
}

function noAnnotation(input: ExplainInput, file: string, line: number): Diagnostic {
  if (input.unparsed.includes(file)) {
    const errors = input.diagnostics.flatMap((d) => (d.code === "parse/syntax-error" && d.range?.file === file ? [formatLocation(d.range)] : []));
    return createDiagnostic("explain/file-not-parsed", {}, file, line, namedList(errors));
  }
  const lines = input.annotations
    .filter((a) => a.range.file === file)
    .map((a) => `${a.range.start.line} (@klotho::${a.capability})`)
    .join(", ");
  return createDiagnostic("explain/no-annotation", {}, file, line, lines);
}
