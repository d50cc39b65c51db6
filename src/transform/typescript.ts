import type * as TypeScriptModule from "typescript";
import { requireWithCodeCache } from "../load/code-cache.js";
import type { ModuleKind } from "../load/project.js";
import { emitTogether } from "./emit-together.js";
import { withSourceMap } from "./source-maps.js";
import { outOfStack } from "../util/stack-overflow.js";
import { javascriptPath } from "./typescript-paths.js";
import type { RewrittenFile } from "./rewrite-file.js";

export { isTypeScript, javascriptPath } from "./typescript-paths.js";

/** The TypeScript compiler API, loaded only when a unit holds TypeScript. */
export type TypeScriptApi = typeof TypeScriptModule;


/** The JavaScript of a TypeScript file and its source map, as the unit folder holds them. */
export interface Emitted {
  readonly code: RewrittenFile;
  readonly map: RewrittenFile;
}

/** A TypeScript file to emit: its (rewritten) text, the module kind it runs as and the tsconfig that compiles it. */
export interface EmitRequest {
  readonly path: string;
  readonly text: string;
  readonly moduleKind: ModuleKind;
  /** The tsconfig that compiles the file (one per path, so emitKey need not name it); none: no tsconfig.json above it. */
  readonly project?: ProjectEmitOptions;
  /** What else the JavaScript depends on (emitStamp), recorded in its source map; none when klotho runs from its sources. */
  readonly stamp?: string;
}

/** The key of a file's emit: what its JavaScript depends on. */
export function emitKey(file: EmitRequest): string {
  return `${file.moduleKind}\u0000${file.path}\u0000${file.text}`;
}

/**
 * How many files one program emits together at most. A program holds every file's syntax tree and
 * what the checker learns of it until the emit ends; in batches, one batch's can be collected while
 * the next is emitted, for the same time (a 2,400-file NestJS app: peak RSS 578 against 663-701 MB).
 */
export const EMIT_BATCH = 250;

/**
 * Emits runnable JavaScript for (rewritten) TypeScript files with TypeScript, by emitKey: each with its tsconfig's
 * options (see compilerOptions), ES modules staying ES modules, and a source map pointing back at the
 * TypeScript. Each file is emitted as `ts.transpileModule` would, on its own; most are emitted
 * together, those of one module kind and one tsconfig in one program that sees them as isolated as
 * transpileModule does (emit-together.ts), which costs a third less, EMIT_BATCH files at a time; `together: false` emits every
 * file alone (the reference the tests compare with). A file nested too deeply for TypeScript is not in the result.
 */
export function emitAll(ts: TypeScriptApi, files: readonly EmitRequest[], options: { together?: boolean } = {}): Map<string, Emitted> {
  const emitted = new Map<string, Emitted>();
  const alone: EmitRequest[] = [];
  // TypeScript's parser and emitter descend once per level of nesting, like Babel's (parse/too-deep): a
  // batch that runs out of stack is emitted file by file, and a file that does is left out of the result
  // (transform/emit-too-deep).
  for (const group of emitGroups(files)) {
    const settings = compilerOptions(ts, group[0].moduleKind, group[0].project);
    for (let start = 0; start < group.length; start += EMIT_BATCH) {
      const batch = group.slice(start, start + EMIT_BATCH);
      const together = options.together === false ? new Map<EmitRequest, { text: string; map: string | undefined }>() : outOfStack(() => emitTogether(ts, settings, batch));
      for (const file of batch) {
        const output = together?.get(file);
        if (output) emitted.set(emitKey(file), finish(file, output.text, output.map));
        else alone.push(file);
      }
    }
  }
  for (const file of alone) {
    const output = outOfStack(() => emit(ts, file, compilerOptions(ts, file.moduleKind, file.project)));
    if (output) emitted.set(emitKey(file), output);
  }
  return emitted;
}

/** The requests by what their options are made of: the module kind and the tsconfig's options. */
function emitGroups(files: readonly EmitRequest[]): [EmitRequest, ...EmitRequest[]][] {
  const groups = new Map<string, [EmitRequest, ...EmitRequest[]]>();
  for (const file of files) {
    const key = `${file.moduleKind}\u0000${JSON.stringify(file.project ?? null)}`;
    const group = groups.get(key);
    if (group) group.push(file);
    else groups.set(key, [file]);
  }
  return [...groups.values()];
}

/**
 * The tsconfig that compiles a file, for the emit: whether there is one, and its options that change
 * the JavaScript (EMIT_OPTIONS in load/tsconfig.ts), as written.
 */
export interface ProjectEmitOptions {
  readonly tsconfig: boolean;
  readonly emit?: Readonly<Record<string, unknown>>;
}

/**
 * The options a file is emitted with: as `tsc` would emit it with its tsconfig (its
 * target and class fields, import interop and elision, decorator kind and metadata, JSX; TypeScript's
 * defaults for what it leaves out), as an ES module or CommonJS by the file's module kind, with a
 * source map. Without a tsconfig.json: ES2022, interop, legacy decorators with metadata (NestJS's
 * dependency injection reads it) and the React JSX runtime.
 */
function compilerOptions(ts: TypeScriptApi, moduleKind: ModuleKind, project: ProjectEmitOptions | undefined): TypeScriptModule.CompilerOptions {
  const output = { sourceMap: true, inlineSources: true };
  if (!project?.tsconfig) {
    return { target: ts.ScriptTarget.ES2022, esModuleInterop: true, experimentalDecorators: true, emitDecoratorMetadata: true, jsx: ts.JsxEmit.ReactJSX, module: moduleOption(ts, moduleKind, undefined), ...output };
  }
  const written = project.emit ?? {};
  const converted = ts.convertCompilerOptionsFromJson(written, "/").options;
  const nodeModules = nodeModuleKind(ts, converted.module) !== undefined;
  const target = converted.target ?? ts.ScriptTarget.ES2022;
  return {
    ...converted,
    target,
    // tsc's defaults where tsconfig.json is silent: interop with node16/nodenext modules; class fields
    // assigned below ES2022 (TypeScript's default target is older than that).
    esModuleInterop: converted.esModuleInterop ?? nodeModules,
    useDefineForClassFields: converted.useDefineForClassFields ?? (written["target"] !== undefined && target >= ts.ScriptTarget.ES2022),
    jsx: converted.jsx ?? ts.JsxEmit.ReactJSX,
    module: moduleOption(ts, moduleKind, converted.module),
    ...output,
  };
}

/**
 * The module format a file is emitted in: an ES module as ESNext, CommonJS as CommonJS; but with
 * the project's `node16`/`node18`/`node20`/`nodenext`, CommonJS in that mode, where `import()` stays a
 * real dynamic import (an ES-module-only package loads) as tsc emits it. An emit that sees one file
 * finds no package.json, so in that mode it takes a `.ts` file for CommonJS: right for those, wrong for
 * the ES modules, which keep ESNext (what tsc emits for them in that mode but `import x = require()`).
 */
function moduleOption(ts: TypeScriptApi, moduleKind: ModuleKind, declared: TypeScriptModule.ModuleKind | undefined): TypeScriptModule.ModuleKind {
  if (moduleKind === "esm") return ts.ModuleKind.ESNext;
  return nodeModuleKind(ts, declared) ?? ts.ModuleKind.CommonJS;
}

/** The declared module kind when it is one of Node's (node16 and later, nodenext), else nothing. */
function nodeModuleKind(ts: TypeScriptApi, declared: TypeScriptModule.ModuleKind | undefined): TypeScriptModule.ModuleKind | undefined {
  return declared !== undefined && declared >= ts.ModuleKind.Node16 && declared <= ts.ModuleKind.NodeNext ? declared : undefined;
}

/** One file with `ts.transpileModule`. */
function emit(ts: TypeScriptApi, file: EmitRequest, compilerOptions: TypeScriptModule.CompilerOptions): Emitted {
  const result = ts.transpileModule(file.text, { fileName: file.path, compilerOptions });
  return finish(file, result.outputText, result.sourceMapText);
}

/** The emitted text and map as the unit folder holds them (the map in klotho_runtime/, naming the TypeScript it comes from). */
export function finish(file: EmitRequest, outputText: string, sourceMapText: string | undefined): Emitted {
  const [code, map] = withSourceMap({ path: javascriptPath(file.path), text: outputText }, sourceMapText ?? "{}", file.path, file.stamp);
  return { code, map };
}

/** The package TypeScript is loaded from: 9 MB of CommonJS, compiled with the build's code cache. */
export const TYPESCRIPT_MODULE = "typescript";

/**
 * Loads the TypeScript compiler, only when a unit holds TypeScript, with the V8 code cache the build
 * made after an emit (scripts/build/code-cache.mjs): its emitter's functions are not compiled again.
 */
export function loadTypeScript(): TypeScriptApi {
  return requireWithCodeCache(TYPESCRIPT_MODULE) as TypeScriptApi;
}
