import type { Node } from "@babel/types";
import { createDiagnostic } from "../../diagnostics/diagnostic.js";
import { rangeOfNode } from "../../util/source-range.js";
import { isDeclarationFile } from "../../util/typescript-files.js";
import type { ExtractorContext } from "../extractors/extractor.js";
import { importKind } from "../package-exports.js";
import { bareSpecifier, type ImportResolver } from "../resolve-import.js";
import { isComputedLoad, namesProjectEntry } from "./computed-loads.js";
import type { Interpreter, ModuleContext } from "./interpreter.js";
import { jsonNamespace, namespaceValue, requireValue } from "./module-values.js";
import { addImport, type ModuleRecord, type ProgramRun } from "./program-run.js";
import { UNKNOWN, special, type Value } from "./values.js";

/** How a run loads modules: what `require`/`import` gives, and the modules libraries load by path. */
export interface ModuleLoader {
  /** Interpreter.importModule. */
  importModule(specifier: string, from: ModuleContext, node: Node, style: "esm" | "cjs"): Value;
  /** ExtractorContext.loadModule for the module `from`. */
  loadModule(from: string, file: string): boolean;
}

/** What loading modules needs besides the run: the resolver, the folder listing, JSON modules' values and running a module. */
export interface LoaderInputs {
  readonly resolve: ImportResolver;
  readonly listFolder: ExtractorContext["listFolder"];
  readonly jsonValue: (file: string) => Value;
  /** Runs the module `file` (once), parsed when first asked for; undefined when it is not a source that parses. */
  readonly evaluate: (file: string) => ModuleRecord | undefined;
}

/** The module loading of `run`, following imports across files like Node does. */
export function createModuleLoader(run: ProgramRun, it: Pick<Interpreter, "ownEntries" | "member">, { resolve, listFolder, jsonValue, evaluate }: LoaderInputs): ModuleLoader {
  return {
    importModule(specifier, from, node, style) {
      const importer = run.program.get(from.file);
      if (!importer) throw new Error(`internal: module ${from.file} was not parsed`);
      const resolution = resolve(specifier, from.file, importKind(style, importer.file));
      if (resolution.kind === "package") return packageValue(run, specifier, resolution, from, node);
      // Types only: nothing to analyse, and nothing runs.
      if (resolution.kind === "declaration") return UNKNOWN;
      if (resolution.kind === "unresolved") {
        // An entry of a folder listing that is no module (a README.md): the code skips it when it runs.
        if (isComputedLoad(node) && namesProjectEntry(specifier, from.file, listFolder)) return UNKNOWN;
        run.diagnostics.push(createDiagnostic("facts/unresolved-import", { range: rangeOfNode(from.file, node) }, specifier, from.file));
        return { kind: "unknown", unresolved: specifier };
      }
      addImport(run, from.file, resolution.file);
      // `import(`./routes/${name}.js`)` in a loop: each module it loads, for the units' rewrite (foreign-imports.ts).
      if (isComputedLoad(node)) from.extractor.emit({ kind: "import", specifier, resolved: resolution.file, range: rangeOfNode(from.file, node) });
      if (resolution.kind === "data") return style === "cjs" ? jsonValue(resolution.file) : jsonNamespace(it, resolution.file, jsonValue(resolution.file));
      const target = evaluate(resolution.file);
      if (!target) return UNKNOWN;
      return style === "cjs" ? requireValue(target.context) : namespaceValue(it, target.context, node);
    },
    /**
     * A project module `from` loads by a path a library computes: recorded as its import, and run once
     * `from` has run, as the library loads it later (TypeORM's `initialize()`), so a module importing
     * `from` back sees its exports.
     */
    loadModule(from, file) {
      if (isDeclarationFile(file) || !run.program.get(file)) return false;
      addImport(run, from, file);
      const running = run.records.get(from);
      if (running && !running.done) running.loads.push(file);
      else evaluate(file);
      return true;
    },
  };
}

/** A package's value: an extractor's for the packages it knows, else an opaque one; a workspace package klotho cannot follow is reported. */
function packageValue(run: ProgramRun, specifier: string, resolution: Extract<ReturnType<ImportResolver>, { kind: "package" }>, from: ModuleContext, node: Node): Value {
  if (resolution.workspace) run.diagnostics.push(createDiagnostic("facts/unresolved-workspace-package", { range: rangeOfNode(from.file, node) }, specifier, resolution.workspace.dir));
  if (resolution.outside) run.diagnostics.push(createDiagnostic("facts/workspace-package-outside", { range: rangeOfNode(from.file, node) }, specifier, resolution.outside.dir));
  const bare = bareSpecifier(specifier);
  for (const extractor of run.extractors) {
    if (!extractor.packages?.includes(bare)) continue;
    const value = extractor.module?.(bare, { node, ctx: from.extractor });
    if (value) return value;
  }
  return special(`package:${resolution.name}`);
}
