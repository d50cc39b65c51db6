import { createDiagnostic, type Diagnostic, type DiagnosticExtras } from "../diagnostics/diagnostic.js";
import { progressMessages } from "../diagnostics/progress.js";
import { compareStrings } from "../util/compare.js";
import { formatLocation } from "../util/source-range.js";
import { isGeneratedUnitPath, RUNTIME_FOLDER } from "./generated-paths.js";

/**
 * The files copied into each unit's folder besides its code, as they are found: each (unit, file)
 * once, with its `Adding asset '<path>' to unit '<unit>'` line the first time. The one gate for
 * embedded and read files alike: a path where klotho writes a file of its own (package.json,
 * Dockerfile, .dockerignore, klotho_runtime/) is never added; one under klotho_runtime/ is a
 * warning at the annotation or call that asked for it, since the code would find klotho's file there.
 */
export class AssetSet {
  private readonly byUnit = new Map<string, Set<string>>();
  private readonly codeByUnit = new Map<string, Set<string>>();
  private readonly refused = new Map<string, { readonly at: DiagnosticExtras; readonly files: Set<string> }>();
  /** The progress lines, in the order the assets were added. */
  readonly progress: string[] = [];

  /** Adds `file` to `unit`'s assets, unless klotho writes that path itself; `at` locates the annotation or call asking for it. */
  add(unit: string, file: string, at: DiagnosticExtras): void {
    if (isGeneratedUnitPath(file)) {
      if (file.startsWith(`${RUNTIME_FOLDER}/`)) this.refuse(file, at);
      return;
    }
    const assets = this.byUnit.get(unit) ?? new Set<string>();
    if (!assets.has(file)) this.progress.push(progressMessages.addingAsset(file, unit));
    this.byUnit.set(unit, assets.add(file));
  }

  /**
   * Adds the TypeScript source `file` to `unit`'s code instead: Node cannot load it as written, so the unit
   * carries it compiled to JavaScript like its other TypeScript (at the same path, `.js`).
   */
  addCode(unit: string, file: string, at: DiagnosticExtras): void {
    if (isGeneratedUnitPath(file)) {
      if (file.startsWith(`${RUNTIME_FOLDER}/`)) this.refuse(file, at);
      return;
    }
    const code = this.codeByUnit.get(unit) ?? new Set<string>();
    if (!code.has(file)) this.progress.push(progressMessages.addingCompiledAsset(file, unit));
    this.codeByUnit.set(unit, code.add(file));
  }

  /** Unit id → the TypeScript files embedded as code ({@link addCode}), sorted. */
  sortedCode(): Map<string, readonly string[]> {
    return new Map([...this.codeByUnit].map(([unit, files]) => [unit, [...files].sort(compareStrings)]));
  }

  /** Unit id → its assets, sorted. */
  sorted(): Map<string, readonly string[]> {
    return new Map([...this.byUnit].map(([unit, assets]) => [unit, [...assets].sort(compareStrings)]));
  }

  /** One warning per annotation or call that asked for files under klotho_runtime/, naming them. */
  diagnostics(): Diagnostic[] {
    return [...this.refused.values()].map(({ at, files }) => createDiagnostic("assets/runtime-folder", at, [...files].sort(compareStrings)));
  }

  private refuse(file: string, at: DiagnosticExtras): void {
    const key = at.range ? formatLocation(at.range) : "";
    const refused = this.refused.get(key) ?? { at, files: new Set<string>() };
    this.refused.set(key, { at: refused.at, files: refused.files.add(file) });
  }
}
