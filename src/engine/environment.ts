import type { Annotation } from "../annotations/index.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceRange } from "../util/source-range.js";

/**
 * What the values of a persist annotation's `[environment_variables]` may name:
 * `<kind>.<attribute>`, where the kind is the one klotho.yaml's `persist` section uses.
 */
export const ENVIRONMENT_ATTRIBUTES: Readonly<Record<string, { readonly kind: string; readonly attributes: readonly string[] }>> = {
  orm: { kind: "persist_orm", attributes: ["connection_string"] },
  redis_node: { kind: "persist_redis_node", attributes: ["host", "port"] },
  redis_cluster: { kind: "persist_redis_cluster", attributes: ["host", "port"] },
};

/** A valid `[environment_variables]` directive: the resource it describes and what each variable holds. */
export interface EnvironmentFacts {
  /** Resource kind, e.g. `persist_orm`. */
  readonly kind: string;
  /** Resource id, `<kind>:<annotation id>`. */
  readonly resource: string;
  /** Variable name → `<resource id>#<attribute>`, e.g. `persist_orm:db#connection_string`. */
  readonly variables: Readonly<Record<string, string>>;
}

/**
 * Reads the `[environment_variables]` of a persist annotation. `codeKinds` are the resource kinds
 * the annotated statement creates; the variables must describe one of them, or (without code) one
 * resource of their own. Any problem is a diagnostic at the variable inside the comment, and then
 * there is no environment.
 */
export function readEnvironment(annotation: Annotation, codeKinds: readonly string[]): { environment?: EnvironmentFacts; diagnostics: Diagnostic[] } {
  const table = annotation.directives["environment_variables"];
  if (table === null || typeof table !== "object" || annotation.id === undefined) return { diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const at = (name: string) => ({ range: keyRange(annotation, name), annotation: { text: annotation.text, range: annotation.range } });
  let first: { name: string; short: string; kind: string } | undefined;
  const attributes: [string, string][] = [];
  for (const [name, value] of Object.entries(table)) {
    const parsed = typeof value === "string" ? parseValue(value) : undefined;
    if (!parsed) {
      diagnostics.push(createDiagnostic("persist/invalid-environment-variable", at(name), name, String(value), validValues()));
      continue;
    }
    first ??= { name, ...parsed };
    if (parsed.kind !== first.kind) diagnostics.push(createDiagnostic("persist/mixed-environment-kinds", at(name), name, parsed.short, first.name, first.short));
    attributes.push([name, parsed.attribute]);
  }
  if (first && codeKinds.length > 0 && !codeKinds.includes(first.kind)) {
    diagnostics.push(createDiagnostic("persist/environment-kind-mismatch", at(first.name), first.name, first.short, [...new Set(codeKinds)].join(", ")));
  }
  if (!first || diagnostics.length > 0) return { diagnostics };
  const resource = `${first.kind}:${annotation.id}`;
  const variables = Object.fromEntries(attributes.map(([name, attribute]) => [name, `${resource}#${attribute}`]));
  return { environment: { kind: first.kind, resource, variables }, diagnostics };
}

/** `orm.connection_string` → its short kind, resource kind and attribute; undefined for anything klotho does not provide. */
function parseValue(value: string): { short: string; kind: string; attribute: string } | undefined {
  const dot = value.indexOf(".");
  const short = value.slice(0, dot);
  const attribute = value.slice(dot + 1);
  const entry = dot > 0 && Object.hasOwn(ENVIRONMENT_ATTRIBUTES, short) ? ENVIRONMENT_ATTRIBUTES[short] : undefined;
  return entry?.attributes.includes(attribute) ? { short, kind: entry.kind, attribute } : undefined;
}

function validValues(): string {
  return Object.entries(ENVIRONMENT_ATTRIBUTES)
    .flatMap(([short, entry]) => entry.attributes.map((attribute) => `${short}.${attribute}`))
    .join(", ");
}

/** Where the variable `name` is written in the comment; the table, or the annotation, when it cannot be found. */
function keyRange(annotation: Annotation, name: string): SourceRange {
  const ranges = annotation.keyRanges ?? {};
  return ranges[`environment_variables.${name}`] ?? ranges["environment_variables"] ?? annotation.range;
}
