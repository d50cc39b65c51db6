import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AnnotationFacts, BoundCounts, RouteRef, Subject } from "../../src/engine/index.js";
import type { KlothoConfig } from "../../src/generated/klotho-config.js";
import type { ConfigFile } from "../../src/load/config.js";
import { readTypeTable, type ProviderTypeTable } from "../../src/load/provider-types.js";
import { loadRuleSet, type RuleSet } from "../../src/load/rules.js";
import { schemaValidator } from "../../src/load/schemas.js";
import { parseLocatedYaml } from "../../src/load/yaml-document.js";
import type { Unit } from "../../src/units/unit.js";
import type { SourceRange } from "../../src/util/source-range.js";

/** A range on one line of `file` (1-based line, 0-based columns), with a fake offset that keeps ranges ordered. */
export function range(file: string, line: number, column = 0, length = 10): SourceRange {
  return { file, start: { line, column, offset: line * 100 + column }, end: { line, column: column + length, offset: line * 100 + column + length } };
}

/** A unit subject, as the units stage will hand it over. */
export function unitSubject(id: string, origin: "annotation" | "implicit" = "annotation"): Subject {
  return { type: "unit", unit: { id, origin, entrypoint: `${id}.js` }, range: range(`${id}.js`, 1), facts: [] };
}

/** What an annotation subject needs; everything else gets a default. */
export interface AnnotationSpec {
  readonly capability: string;
  readonly id?: string;
  readonly file?: string;
  readonly line?: number;
  readonly unit?: string;
  readonly bound?: Partial<BoundCounts>;
  readonly routes?: readonly RouteRef[];
  readonly directives?: Record<string, unknown>;
}

/** An annotation subject, as the facts stage will hand it over. */
export function annotationSubject(spec: AnnotationSpec): Subject {
  const file = spec.file ?? "index.js";
  const line = spec.line ?? 10;
  const annotation: AnnotationFacts = {
    capability: spec.capability,
    ...(spec.id !== undefined ? { id: spec.id } : {}),
    directives: spec.directives ?? (spec.id !== undefined ? { id: spec.id } : {}),
    file,
    line,
    column: 3,
    boundTo: "ExpressionStatement",
  };
  const bound: BoundCounts = { listen: 0, routes: 0, kv_map: 0, redis_node: 0, redis_cluster: 0, fs: 0, fs_plain: 0, orm: 0, emitter: 0, emitter_local: 0, static_files: 0, ...spec.bound };
  const text = `@klotho::${spec.capability}${spec.id !== undefined ? ` { id = "${spec.id}" }` : ""}`;
  return {
    type: "annotation",
    annotation,
    bound,
    routes: spec.routes ?? [],
    unit: spec.unit ?? "main",
    text,
    range: range(file, line, 3, text.length),
    facts: [range(file, line + 1)],
  };
}

/** A use subject: `unit` calls `method` on the store `resource` (or, with a role, emits to / listens to a topic service). */
export function useSubject(unit: string, resource: string, file = `${unit}.js`, line = 20, method = "get", role: "use" | "publish" | "subscribe" = "use"): Subject {
  return { type: "use", use: { unit, role, resource, method, file, line }, range: range(file, line, 2), facts: [range(file, line, 2)] };
}

/** A route served by `unit`, written in `file`. */
export function route(method: RouteRef["method"], routePath: string, unit: string, file = `${unit}.js`, line = 5): RouteRef {
  return { method, path: routePath, unit, file, line };
}

/** A unit as the units stage will hand it over. */
export function unit(id: string, files: readonly string[] = [`${id}.js`], entrypoint = `${id}.js`): Unit {
  return { id, origin: "annotation", entrypoint, owned: [entrypoint], files };
}

/** A fresh temporary folder. */
export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), "klotho-plan-"));
}

/** Writes `files` (relative path → text) under `root` and returns `root`. */
export function writeTree(root: string, files: Readonly<Record<string, string>>): string {
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return root;
}

/** The built-in rules, plus the user's rule files (absolute paths) when given. */
export function rules(rulePaths: readonly string[] = [], projectRoot = "/project"): RuleSet {
  const result = loadRuleSet({ provider: "aws", rulePaths, projectRoot });
  if (!result.ruleSet) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return result.ruleSet;
}

/** The AWS type table. */
export function awsTypes(): ProviderTypeTable {
  const result = readTypeTable("aws");
  if (!result.typeTable) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return result.typeTable;
}

/** A klotho.yaml from text, validated like readConfig does (without touching the disk). */
export function configFile(text: string, file = "klotho.yaml"): ConfigFile {
  const document = parseLocatedYaml(file, text);
  const value = document.value ?? {};
  const violations = schemaValidator("klotho-config")(value);
  if (!isConfig(value, violations.length)) throw new Error(violations.map((v) => v.message).join("\n"));
  return { file, dir: "/project", config: value, document };
}

function isConfig(value: unknown, violations: number): value is KlothoConfig {
  return violations === 0 && typeof value === "object" && value !== null;
}
