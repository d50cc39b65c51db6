import path from "node:path";
import type { Annotation } from "../annotations/index.js";
import type { Fact } from "../facts/index.js";
import { createImportResolver } from "../facts/resolve-import.js";
import type { Project } from "../load/project.js";
import type { ParsedFile } from "../parse/parse-file.js";
import type { Plan, Resource } from "../plan/index.js";
import { rewriteFile, type RewrittenFile } from "./rewrite-file.js";
import { isTypeScript, javascriptPath, loadTypeScript, transpile } from "./typescript.js";
import { storeShims } from "./store-shims.js";
import { connectedKinds, unitDockerfile, unitPackageJson } from "./unit-manifests.js";

/** A file of a unit folder, relative to the output folder: generated text, or a project file copied as it is. */
export type UnitOutputFile = { readonly path: string; readonly contents: string } | { readonly path: string; readonly copyFrom: string };

/** Everything the unit folders are made from. */
export interface TransformInput {
  readonly plan: Plan;
  readonly project: Project;
  readonly parsed: readonly ParsedFile[];
  readonly annotations: readonly Annotation[];
  readonly facts: readonly Fact[];
  /** klotho's runtime files (name → text), copied into each unit's klotho_runtime/. */
  readonly runtime: ReadonlyMap<string, string>;
}

/** `compiled/<unit>/` for every execution unit: its code rewritten for the cloud, the runtime, package.json, Dockerfile. */
export async function transformUnits(input: TransformInput): Promise<UnitOutputFile[]> {
  const units = input.plan.resources.filter((r) => r.kind === "exec_unit");
  const needsTypeScript = units.some((u) => (u.files ?? []).some(isTypeScript));
  const ts = needsTypeScript ? await loadTypeScript() : undefined;
  const parsedByPath = new Map(input.parsed.map((p) => [p.file.path, p]));
  const resolve = createImportResolver(input.project.files.map((f) => f.path), input.project.root, input.project.tsconfig);
  const out: UnitOutputFile[] = [];
  const topicsOf = (id: string): string[] | undefined => input.plan.resources.find((r) => r.id === `pubsub:${id}`)?.topics?.map((t) => t.name);
  for (const unit of units) {
    const unitFiles = new Set(unit.files ?? []);
    for (const file of [...unitFiles].sort()) {
      const parsed = parsedByPath.get(file);
      if (!parsed) continue;
      const rewritten = rewriteFile({ parsed, unit: unit.name, unitFiles, lambda: unit.type === "lambda", annotations: input.annotations, facts: input.facts, resolve, topicsOf });
      const emitted = ts && isTypeScript(file) ? Object.values(transpile(ts, rewritten, parsed.file.moduleKind)) : withMap(rewritten);
      for (const f of emitted) out.push({ path: `${unit.name}/${f.path}`, contents: f.text });
    }
    out.push(...unitSupportFiles(input, unit), ...storeShims(input.plan, unit));
    // Embedded assets (@klotho::embed_assets) are copied byte for byte, unless they are code already written above.
    for (const asset of unit.assets ?? []) {
      if (!unitFiles.has(asset)) out.push({ path: `${unit.name}/${asset}`, copyFrom: path.join(input.project.root, asset) });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A rewritten JavaScript file and its map, linked by a sourceMappingURL comment on the last line. */
function withMap(file: RewrittenFile): RewrittenFile[] {
  if (file.map === undefined) return [file];
  const mapName = `${path.posix.basename(file.path)}.map`;
  return [
    { path: file.path, text: `${file.text}\n//# sourceMappingURL=${mapName}\n` },
    { path: `${file.path}.map`, text: file.map },
  ];
}

function unitSupportFiles(input: TransformInput, unit: Resource): UnitOutputFile[] {
  const entrypoint = javascriptPath(unit.entrypoint ?? "index.js");
  const entryFile = input.project.files.find((f) => f.path === unit.entrypoint);
  const kinds = connectedKinds(input.plan, unit);
  const manifest = {
    unit: unit.name,
    app: input.plan.app,
    entrypoint,
    moduleKind: entryFile?.moduleKind ?? "cjs",
    gateway: input.plan.edges.some((e) => e.target === unit.id && e.source.startsWith("gateway:")),
    kv: kvOptions(input.plan, unit),
  };
  const files: UnitOutputFile[] = [
    { path: `${unit.name}/package.json`, contents: unitPackageJson(input.project, input.plan.app, unit, kinds) },
    { path: `${unit.name}/Dockerfile`, contents: unitDockerfile(unit, entrypoint) },
    { path: `${unit.name}/klotho_runtime/unit.json`, contents: `${JSON.stringify(manifest, null, 2)}\n` },
  ];
  for (const [name, text] of input.runtime) files.push({ path: `${unit.name}/klotho_runtime/${name}`, contents: text });
  return files;
}

/** kv store params (set by capability/persist-kv-options, overridable in klotho.yaml) → runtime options in unit.json. */
const KV_RUNTIME_PARAMS: Readonly<Record<string, string>> = { ttl: "ttl", versioned: "versioned", batchWrite: "batchWrite", writeOnChange: "writeOnChange" };

/** The kv stores a unit uses, with the directives the runtime applies (ttl, versioned, ...). */
function kvOptions(plan: Plan, unit: Resource): Record<string, Record<string, unknown>> {
  const options: Record<string, Record<string, unknown>> = {};
  for (const edge of plan.edges) {
    if (edge.source !== unit.id || !edge.target.startsWith("persist_kv:")) continue;
    const store = plan.resources.find((r) => r.id === edge.target);
    if (!store) continue;
    // The params after klotho.yaml and policy, so an override of `ttl` reaches the runtime too.
    const picked = Object.entries(KV_RUNTIME_PARAMS).filter(([param]) => store.params[param] !== undefined);
    options[store.name] = Object.fromEntries(picked.map(([param, option]) => [option, store.params[param]]));
  }
  return options;
}
