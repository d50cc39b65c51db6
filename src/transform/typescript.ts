import path from "node:path";
import type * as TypeScriptModule from "typescript";
import type { ModuleKind } from "../load/project.js";
import type { RewrittenFile } from "./rewrite-file.js";

/** The TypeScript compiler API, loaded only when a unit holds TypeScript. */
type TypeScriptApi = typeof TypeScriptModule;

/** The JavaScript file name Node runs for a TypeScript source: `.ts` → `.js`, `.mts` → `.mjs`, `.cts` → `.cjs`. */
export function javascriptPath(file: string): string {
  return file.replace(/\.tsx?$/, ".js").replace(/\.mts$/, ".mjs").replace(/\.cts$/, ".cjs");
}

/** True for TypeScript sources. */
export function isTypeScript(file: string): boolean {
  return /\.[mc]?tsx?$/.test(file);
}

/**
 * Emits runnable JavaScript for a (rewritten) TypeScript file: ES modules stay ES modules,
 * decorators keep TypeScript's legacy semantics with `design:*` metadata (NestJS's dependency
 * injection reads it), and a source map points back at the TypeScript.
 */
export function transpile(ts: TypeScriptApi, file: RewrittenFile, moduleKind: ModuleKind, source?: object): { code: RewrittenFile; map: RewrittenFile } {
  if (!source) return emit(ts, file, moduleKind);
  // A file several units carry with the same text (shared helpers) is emitted once, not once per unit;
  // the cache belongs to the parsed source file, so it ends with the compile.
  const byText = emitted.get(source) ?? new Map<string, { code: RewrittenFile; map: RewrittenFile }>();
  emitted.set(source, byText);
  const key = `${moduleKind}\u0000${file.path}\u0000${file.text}`;
  const cached = byText.get(key) ?? emit(ts, file, moduleKind);
  byText.set(key, cached);
  return cached;
}

/** Emitted JavaScript by the parsed source file it came from, then by module kind, path and text. */
const emitted = new WeakMap<object, Map<string, { code: RewrittenFile; map: RewrittenFile }>>();

function emit(ts: TypeScriptApi, file: RewrittenFile, moduleKind: ModuleKind): { code: RewrittenFile; map: RewrittenFile } {
  const output = javascriptPath(file.path);
  const result = ts.transpileModule(file.text, {
    fileName: file.path,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: moduleKind === "esm" ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
      esModuleInterop: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      sourceMap: true,
      inlineSources: true,
      jsx: ts.JsxEmit.ReactJSX,
    },
  });
  const mapName = `${path.posix.basename(output)}.map`;
  const code = result.outputText.replace(/\/\/# sourceMappingURL=.*$/m, `//# sourceMappingURL=${mapName}`);
  return {
    code: { path: output, text: code },
    map: { path: `${output}.map`, text: (result.sourceMapText ?? "{}").replace(/"sources":\["[^"]*"\]/, `"sources":["${path.posix.basename(file.path)}"]`) },
  };
}

/** Loads the TypeScript compiler (a large module, so only when needed). */
export async function loadTypeScript(): Promise<TypeScriptApi> {
  const loaded = (await import("typescript")) as TypeScriptApi & { default?: TypeScriptApi };
  return loaded.default ?? loaded;
}
