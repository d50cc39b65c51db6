import path from "node:path";
import type { File } from "@babel/types";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Annotation } from "../annotations/index.js";
import type { Fact } from "../facts/index.js";
import { createImportResolver, type ImportResolver } from "../facts/resolve-import.js";
import type { PreviousEmits } from "../load/previous-emits.js";
import type { ModuleKind, Project } from "../load/project.js";
import type { TsconfigInfo } from "../load/tsconfig.js";
import { createTsconfigSelector, type TsconfigSelector } from "../load/tsconfig-scope.js";
import type { SourceProgram } from "../parse/source-program.js";
import type { Plan, Resource } from "../plan/index.js";
import { factsBoundTo, listenerHomes, unitDockerfiles, type ListenerHome, type ListenerHomes, type TopicService, type UnitDockerfiles } from "../units/index.js";
import { compareStrings } from "../util/compare.js";
import { LineIndex } from "../util/line-index.js";
import { createDeclarationLookup, type DeclarationLookup } from "./declarations.js";
import { emptyNeeds, type RuntimeNeeds } from "./edit-context.js";
import type { RewriteInput, RewriteResult, RewrittenFile } from "./rewrite-file.js";
import { createUnitFileRewriter } from "./rewrite-memo.js";
import { missingPrismaSchemas, prismaGenerateStep, prismaGeneration } from "./prisma.js";
import { emitStamp, reuseEmits } from "./emit-reuse.js";
import { emitJavaScript } from "./emit.js";
import { emitKey, isTypeScript, javascriptPath, type EmitRequest, type Emitted, type ProjectEmitOptions } from "./typescript.js";
import { readOnlyWrites } from "./read-only-writes.js";
import { storeShims } from "./store-shims.js";
import { withSourceMap } from "./source-maps.js";
import { undeclaredPackages, type UnitCode } from "./undeclared-packages.js";
import { unitDependencies, unitDockerfile, unitPackageJson, unitPackages } from "./unit-manifests.js";

/** A file of a unit folder, relative to the output folder: generated text, or a project file copied as it is. */
export type UnitOutputFile = { readonly path: string; readonly contents: string } | { readonly path: string; readonly copyFrom: string };

/** Everything the unit folders are made from. */
export interface TransformInput {
  readonly plan: Plan;
  readonly project: Project;
  /** The project's sources, parsed when first asked for (a unit carries files the analysis did not need to read). */
  readonly program: Pick<SourceProgram, "get" | "unread">;
  readonly annotations: readonly Annotation[];
  readonly facts: readonly Fact[];
  /** klotho's runtime files (name → text), copied into each unit's klotho_runtime/. */
  readonly runtime: ReadonlyMap<string, string>;
  /** The topic services (the units stage), whose files' listeners of cross-unit topics one unit hears; none when absent. */
  readonly topicServices?: readonly TopicService[];
  /** The JavaScript an earlier compile emitted into the output folder, reused where it is what this one would emit. */
  readonly previousEmits?: PreviousEmits;
}

/** The unit folders' files, and what was found wrong with the code they carry. */
export interface TransformOutput {
  readonly files: UnitOutputFile[];
  /** Each once, however many units carry its file. */
  readonly diagnostics: Diagnostic[];
}

/**
 * `compiled/<unit>/` for every execution unit: its code rewritten for the cloud, the runtime,
 * package.json, Dockerfile. Every unit's files are rewritten first, then their TypeScript is
 * emitted in one go, each distinct text once (a helper most units carry is emitted once).
 */
export async function transformUnits(input: TransformInput): Promise<TransformOutput> {
  const units = input.plan.resources.filter((r) => r.kind === "exec_unit");
  const resourceIds = new Set(input.plan.resources.map((r) => r.id));
  const planned = (id: string): boolean => resourceIds.has(id);
  // Listeners are left to their home unit only for a topic service the plan has: without its topic they stay in-process.
  const topicServices = (input.topicServices ?? []).filter((service) => planned(`pubsub:${service.annotation.id ?? ""}`));
  const tsconfigOf = createTsconfigSelector(input.project.root, input.project.tsconfigs);
  // Workspace packages and JSON modules resolve here as in the analysis, so an alias or a package name
  // leading to either is pinned to the relative path of the copy in the unit.
  const resolve = createImportResolver(input.project.files.map((f) => f.path), input.project.root, tsconfigOf, {
    otherFiles: input.project.otherFiles,
    ...(input.project.packages ? { packages: input.project.packages } : {}),
  });
  const shared: SharedContext = {
    program: input.program,
    resolve,
    topicsOf: (id) => input.plan.resources.find((r) => r.id === `pubsub:${id}`)?.topics?.map((t) => t.name),
    planned,
    listenerHomes: listenerHomes(topicServices),
    // The units stage reported the Dockerfiles that match no unit; here only the matches matter.
    userDockerfiles: unitDockerfiles(input.project.dockerfiles ?? [], units.map((u) => u.name)).byUnit,
    rewrite: createUnitFileRewriter(),
    declarations: createDeclarationLookup(input.program, input.project.declarationFiles ?? [], resolve),
  };
  const rewritten = units.map((unit) => rewriteUnit(input, unit, shared));
  // JavaScript the output folder already holds for the same TypeScript is kept; the rest is emitted (the compiler loads only for files whose types cannot simply be deleted).
  const { reused, missing } = reuseEmits(typescriptToEmit(rewritten, tsconfigOf), input.previousEmits);
  // A file the rewrite left as it was has the analysis's syntax tree.
  const syntaxTreeOf = (request: EmitRequest): File | undefined => {
    const parsed = input.program.get(request.path);
    return parsed?.file.text === request.text ? parsed.ast : undefined;
  };
  const emitted = missing.length > 0 ? new Map([...reused, ...(await emitJavaScript(missing, { syntaxTreeOf }))]) : reused;
  // A file TypeScript could not emit fails the compile: no unit folders, but every other finding.
  const tooDeep = missing.filter((request) => !emitted.has(emitKey(request)));
  const files = tooDeep.length > 0 ? [] : rewritten.flatMap((unit) => unitFolder(input, unit, shared, emitted)).sort((a, b) => compareStrings(a.path, b.path));
  // A file two units rewrite apart reports its findings twice.
  const diagnostics = new Map(rewritten.flatMap((unit) => unit.diagnostics).map((d) => [`${d.code}\u0000${d.range?.file}\u0000${d.range?.start.offset}\u0000${d.message}`, d]));
  const codeFindings = tooDeep.length > 0 ? tooDeepToEmit(tooDeep) : undeclaredPackages({ project: input.project, program: input.program, resolve: shared.resolve, facts: input.facts }, rewritten.map((unit) => unitCode(input.project, unit, emitted)));
  return { files, diagnostics: [...diagnostics.values(), ...codeFindings, ...missingPrismaSchemas(input.project, input.facts, units), ...readOnlyWrites(units, input.annotations, input.facts)] };
}

/** An error at each TypeScript file the compiler ran out of stack on: without its JavaScript, no unit carrying it can run. */
function tooDeepToEmit(requests: readonly EmitRequest[]): Diagnostic[] {
  const paths = [...new Map(requests.map((request) => [request.path, request.text]))].sort(([a], [b]) => compareStrings(a, b));
  return paths.map(([file, text]) => createDiagnostic("transform/emit-too-deep", { range: new LineIndex(text).range(file, 0, 0) }));
}

/** A unit's code as it runs (TypeScript as emitted) and the packages its package.json installs. */
function unitCode(project: Project, { unit, files, needs }: RewrittenUnit, emitted: ReadonlyMap<string, Emitted>): UnitCode {
  const runs = files.map(({ file, moduleKind }) => ({
    path: file.path,
    runs: isTypeScript(file.path) ? (emittedFiles(emitted, { path: file.path, text: file.text, moduleKind })[0]?.text ?? "") : file.text,
  }));
  return { unit, files: runs, installed: new Set(Object.keys(unitDependencies(project, unit, needs.modules))) };
}

/** What every unit folder is made with. */
interface SharedContext {
  readonly program: Pick<SourceProgram, "get" | "unread">;
  readonly resolve: ImportResolver;
  readonly topicsOf: (id: string) => readonly string[] | undefined;
  /** True when the plan has the resource of that id. */
  readonly planned: (resourceId: string) => boolean;
  readonly listenerHomes: ListenerHomes;
  readonly userDockerfiles: UnitDockerfiles["byUnit"];
  /** rewriteFile, done once for the units that see a file the same way. */
  readonly rewrite: (input: RewriteInput) => RewriteResult;
  readonly declarations: DeclarationLookup;
}

/** A unit's files rewritten (with their module kind), and what they need (runtime, store shims, SDK clients). */
interface RewrittenUnit {
  readonly unit: Resource;
  readonly files: readonly { readonly file: RewrittenFile; readonly moduleKind: ModuleKind }[];
  readonly needs: RuntimeNeeds;
  /** The rewrites' diagnostics. */
  readonly diagnostics: readonly Diagnostic[];
}

function rewriteUnit(input: TransformInput, unit: Resource, shared: SharedContext): RewrittenUnit {
  const unitFiles = new Set(unit.files ?? []);
  // A home that runs on ECS cannot be subscribed (render/ecs-subscriber): the units carrying the file keep its listeners, in-process.
  const listenersElsewhere = (file: string): ListenerHome | undefined => {
    const home = shared.listenerHomes.get(file);
    return home && home.unit !== unit.name && input.plan.resources.some((r) => r.id === `exec_unit:${home.unit}` && r.type === "lambda") ? home : undefined;
  };
  const needs = emptyNeeds();
  const files: { file: RewrittenFile; moduleKind: ModuleKind }[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of [...unitFiles].sort(compareStrings)) {
    const parsed = shared.program.get(file);
    if (!parsed) {
      // Code too deeply nested to parse is the unit's as written (parse/too-deep).
      const unread = shared.program.unread(file);
      if (unread) files.push({ file: { path: unread.path, text: unread.text }, moduleKind: unread.moduleKind });
      continue;
    }
    const rewritten = shared.rewrite({ parsed, unitFiles, lambda: unit.type === "lambda", annotations: input.annotations, facts: input.facts, resolve: shared.resolve, program: shared.program, topicsOf: shared.topicsOf, planned: shared.planned, listenersElsewhere, declarations: shared.declarations });
    diagnostics.push(...(rewritten.diagnostics ?? []));
    for (const module of rewritten.needs.modules) needs.modules.add(module);
    // A shim loads the runtime's fs.js or secrets.js, whose AWS SDK client the unit then needs.
    for (const [key, shim] of rewritten.needs.shims) {
      needs.shims.set(key, shim);
      needs.modules.add(shim.kind);
    }
    for (const id of rewritten.needs.kvMaps) needs.kvMaps.add(id);
    files.push({ file: rewritten.file, moduleKind: parsed.file.moduleKind });
  }
  return { unit, files, needs, diagnostics };
}

/** The TypeScript files of all units as rewritten, each distinct text once, with the tsconfig that compiles it. */
function typescriptToEmit(units: readonly RewrittenUnit[], tsconfigOf: TsconfigSelector): EmitRequest[] {
  const requests = new Map<string, EmitRequest>();
  for (const { files } of units) {
    for (const { file, moduleKind } of files) {
      if (!isTypeScript(file.path)) continue;
      const request = { path: file.path, text: file.text, moduleKind };
      if (requests.has(emitKey(request))) continue;
      const withProject = { ...request, project: emitOptions(tsconfigOf(file.path)) };
      const stamp = emitStamp(withProject);
      requests.set(emitKey(request), stamp === undefined ? withProject : { ...withProject, stamp });
    }
  }
  return [...requests.values()];
}

/** What the emit takes of a file's tsconfig: that there is one, and its emit options. */
function emitOptions(tsconfig: TsconfigInfo | undefined): ProjectEmitOptions {
  return { tsconfig: tsconfig !== undefined, ...(tsconfig?.emit ? { emit: tsconfig.emit } : {}) };
}

/** One unit's folder: its rewritten files (TypeScript as emitted), the runtime and manifests, and its assets. */
function unitFolder(input: TransformInput, { unit, files, needs }: RewrittenUnit, shared: SharedContext, emitted: ReadonlyMap<string, Emitted>): UnitOutputFile[] {
  const out: UnitOutputFile[] = [];
  for (const { file, moduleKind } of files) {
    for (const f of isTypeScript(file.path) ? emittedFiles(emitted, { path: file.path, text: file.text, moduleKind }) : withMap(file)) {
      out.push({ path: `${unit.name}/${f.path}`, contents: f.text });
    }
  }
  out.push(...unitSupportFiles(input, unit, needs, shared.userDockerfiles.get(unit.name)?.text), ...storeShims(unit.name, needs.shims.values()));
  // Embedded assets (@klotho::embed_assets) and JSON modules are copied byte for byte, unless they are code already
  // written above; so are the package.json files of the project's folders holding the unit's files. A copy never
  // replaces a file written above (the units stage keeps klotho's own paths out of the assets; this holds for
  // any other, such as the JavaScript emitted for a TypeScript file).
  const unitFiles = new Set(unit.files ?? []);
  const written = new Set(out.map((f) => f.path));
  const copies = [...(unit.assets ?? []), ...unitPackages(input.project, unit).map((p) => `${p.dir}/package.json`)];
  for (const file of [...new Set(copies)].sort(compareStrings)) {
    const target = `${unit.name}/${file}`;
    if (!unitFiles.has(file) && !written.has(target)) out.push({ path: target, copyFrom: path.join(input.project.root, file) });
  }
  return out;
}

/** A TypeScript file's emitted JavaScript and map. */
function emittedFiles(emitted: ReadonlyMap<string, Emitted>, request: EmitRequest): readonly RewrittenFile[] {
  const found = emitted.get(emitKey(request));
  if (!found) throw new Error(`internal: ${request.path} was not emitted`);
  return [found.code, found.map];
}

/** A JavaScript file as written, or rewritten with its map. */
function withMap(file: RewrittenFile): readonly RewrittenFile[] {
  return file.map === undefined ? [file] : withSourceMap({ path: file.path, text: file.text }, file.map, file.path);
}

/** package.json, the Dockerfile (the user's, when one is annotated for the unit), unit.json and the runtime. */
function unitSupportFiles(input: TransformInput, unit: Resource, needs: RuntimeNeeds, userDockerfile: string | undefined): UnitOutputFile[] {
  const entrypoint = javascriptPath(unit.entrypoint ?? "index.js");
  const entryFile = input.project.files.find((f) => f.path === unit.entrypoint);
  const prisma = prismaGeneration(input.project, input.facts, unit);
  // The unit's other annotated files: the entrypoint may not import them, but their code (listeners, a
  // second router) is the unit's, so the dispatcher loads them too.
  const owned = input.annotations
    .filter((a) => a.capability === "execution_unit" && a.id === unit.name && a.range.file !== unit.entrypoint && (unit.files ?? []).includes(a.range.file))
    .map((a) => javascriptPath(a.range.file));
  const gateway = input.plan.edges.some((e) => e.target === unit.id && e.source.startsWith("gateway:"));
  // A Lambda unit that serves no routes but whose entrypoint starts the exposed app, its annotated listen (a
  // NestJS app whose providers are the unit's code): the dispatcher starts the app before it delivers SNS records.
  const startsApp = !gateway && unit.type === "lambda" && input.annotations.some((a) => a.capability === "expose" && a.range.file === unit.entrypoint && factsBoundTo(a, input.facts).some((f) => f.kind === "http_listen"));
  const manifest = {
    unit: unit.name,
    app: input.plan.app,
    entrypoint,
    ...(owned.length > 0 ? { load: [...new Set(owned)].sort(compareStrings) } : {}),
    moduleKind: entryFile?.moduleKind ?? "cjs",
    gateway,
    ...(startsApp ? { startsApp } : {}),
    kv: kvOptions(input.plan, unit, needs.kvMaps),
  };
  const files: UnitOutputFile[] = [
    { path: `${unit.name}/package.json`, contents: unitPackageJson(input.project, input.plan.app, unit, needs.modules) },
    { path: `${unit.name}/Dockerfile`, contents: userDockerfile ?? unitDockerfile(unit, entrypoint, { loadsOthers: owned.length > 0, buildSteps: prisma ? [prismaGenerateStep(prisma)] : [], databaseTls: usesRdsDatabase(input.plan, unit) }) },
    // The image installs its own packages: a node_modules installed here (for a local run, kept across
    // compiles) must not be copied over them, least of all with another platform's native modules.
    { path: `${unit.name}/.dockerignore`, contents: "node_modules\n" },
    { path: `${unit.name}/klotho_runtime/unit.json`, contents: `${JSON.stringify(manifest, null, 2)}\n` },
  ];
  for (const [name, text] of input.runtime) files.push({ path: `${unit.name}/klotho_runtime/${name}`, contents: text });
  for (const schema of prisma?.schemaFiles ?? []) files.push({ path: `${unit.name}/${schema}`, copyFrom: path.join(input.project.root, schema) });
  return files;
}

/** True when the unit uses an RDS database (an edge to it), whose connections must be TLS. */
function usesRdsDatabase(plan: Plan, unit: Resource): boolean {
  const used = new Set(plan.edges.filter((e) => e.source === unit.id).map((e) => e.target));
  return plan.resources.some((r) => r.kind === "persist_orm" && r.type === "rds_postgres" && used.has(r.id));
}

/** kv store params (set by capability/persist-kv-options, overridable in klotho.yaml) → runtime options in unit.json. */
const KV_RUNTIME_PARAMS: Readonly<Record<string, string>> = { ttl: "ttl", versioned: "versioned", batchWrite: "batchWrite", writeOnChange: "writeOnChange" };

/** The kv stores a unit uses or constructs, with the directives the runtime applies (ttl, versioned, ...). */
function kvOptions(plan: Plan, unit: Resource, constructed: ReadonlySet<string>): Record<string, Record<string, unknown>> {
  const used = new Set(plan.edges.filter((e) => e.source === unit.id).map((e) => e.target));
  const options: Record<string, Record<string, unknown>> = {};
  for (const store of plan.resources) {
    if (store.kind !== "persist_kv" || (!used.has(store.id) && !constructed.has(store.name))) continue;
    // The params after klotho.yaml and policy, so an override of `ttl` reaches the runtime too.
    const picked = Object.entries(KV_RUNTIME_PARAMS).filter(([param]) => store.params[param] !== undefined);
    options[store.name] = Object.fromEntries(picked.map(([param, option]) => [option, store.params[param]]));
  }
  return options;
}
