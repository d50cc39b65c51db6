import path from "node:path";
import type * as TypeScriptModule from "typescript";
import { requireWithCodeCache } from "../load/code-cache.js";
import type { ModuleKind } from "../load/project.js";
import { emitTogether } from "./emit-together.js";
import { javascriptPath } from "./typescript-paths.js";
import type { RewrittenFile } from "./rewrite-file.js";

export { isTypeScript, javascriptPath } from "./typescript-paths.js";

/** The TypeScript compiler API, loaded only when a unit holds TypeScript. */
export type TypeScriptApi = typeof TypeScriptModule;


/** The JavaScript of a TypeScript file and its source map. */
export interface Emitted {
  readonly code: RewrittenFile;
  readonly map: RewrittenFile;
}

/** A TypeScript file to emit: its (rewritten) text and the module kind it runs as. */
export interface EmitRequest {
  readonly path: string;
  readonly text: string;
  readonly moduleKind: ModuleKind;
}

/** The key of a file's emit: what its JavaScript depends on. */
export function emitKey(file: EmitRequest): string {
  return `${file.moduleKind}\u0000${file.path}\u0000${file.text}`;
}

/**
 * Emits runnable JavaScript for (rewritten) TypeScript files, by emitKey: ES modules stay ES
 * modules, decorators keep TypeScript's legacy semantics with `design:*` metadata (NestJS's
 * dependency injection reads it), and a source map points back at the TypeScript. Each file is
 * emitted as `ts.transpileModule` would, on its own; most are emitted together in one program that
 * sees them as isolated as transpileModule does (emit-together.ts), which costs a third less;
 * `together: false` emits every file alone (the reference the tests compare with).
 */
export function emitAll(ts: TypeScriptApi, files: readonly EmitRequest[], options: { together?: boolean } = {}): Map<string, Emitted> {
  const emitted = new Map<string, Emitted>();
  const alone: EmitRequest[] = [];
  for (const moduleKind of ["esm", "cjs"] as const) {
    const ofKind = files.filter((file) => file.moduleKind === moduleKind);
    const together = options.together === false ? new Map<EmitRequest, { text: string; map: string | undefined }>() : emitTogether(ts, compilerOptions(ts, moduleKind), ofKind);
    for (const file of ofKind) {
      const output = together.get(file);
      if (output) emitted.set(emitKey(file), finish(file, output.text, output.map));
      else alone.push(file);
    }
  }
  for (const file of alone) emitted.set(emitKey(file), emit(ts, file));
  return emitted;
}

/** The options every file is emitted with. */
function compilerOptions(ts: TypeScriptApi, moduleKind: ModuleKind): TypeScriptModule.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: moduleKind === "esm" ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
    esModuleInterop: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    sourceMap: true,
    inlineSources: true,
    jsx: ts.JsxEmit.ReactJSX,
  };
}

/** One file with `ts.transpileModule`. */
function emit(ts: TypeScriptApi, file: EmitRequest): Emitted {
  const result = ts.transpileModule(file.text, { fileName: file.path, compilerOptions: compilerOptions(ts, file.moduleKind) });
  return finish(file, result.outputText, result.sourceMapText);
}

/** The emitted text and map as the unit folder holds them: the map beside the file, naming the TypeScript by its base name. */
function finish(file: EmitRequest, outputText: string, sourceMapText: string | undefined): Emitted {
  const output = javascriptPath(file.path);
  const mapName = `${path.posix.basename(output)}.map`;
  const code = outputText.replace(/\/\/# sourceMappingURL=.*$/m, `//# sourceMappingURL=${mapName}`);
  return {
    code: { path: output, text: code },
    map: { path: `${output}.map`, text: (sourceMapText ?? "{}").replace(/"sources":\["[^"]*"\]/, `"sources":["${path.posix.basename(file.path)}"]`) },
  };
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
