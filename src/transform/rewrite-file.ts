import MagicString from "magic-string";
import type { Annotation } from "../annotations/index.js";
import type { Fact } from "../facts/index.js";
import type { ImportResolver } from "../facts/resolve-import.js";
import type { ParsedFile } from "../parse/parse-file.js";
import { emptyNeeds, guardedEdits, runtimeReferences, type EditContext, type RuntimeNeeds } from "./edit-context.js";
import { replaceListen } from "./edits/listen.js";
import { dropOtherUnits } from "./edits/other-units.js";
import { pinLocalSpecifiers } from "./edits/specifiers.js";
import { rewriteServices } from "./edits/services.js";
import { rewriteStores } from "./edits/stores.js";
import { indexNodes } from "./find-nodes.js";

/** One source file as it goes into a unit folder: rewritten when needed, with a source map then. */
export interface RewrittenFile {
  readonly path: string;
  readonly text: string;
  /** The source map of the rewrite (JSON), when anything was changed. */
  readonly map?: string;
}

/** What the rewrite of a unit's file needs to know. */
export interface RewriteInput {
  readonly parsed: ParsedFile;
  readonly unit: string;
  readonly unitFiles: ReadonlySet<string>;
  readonly lambda: boolean;
  readonly annotations: readonly Annotation[];
  readonly facts: readonly Fact[];
  readonly resolve: ImportResolver;
  /** The topics of a pubsub id, for the emitter runtime. */
  readonly topicsOf: (id: string) => readonly string[] | undefined;
}

/** A rewritten file and what it needs beside it in the unit folder. */
export interface RewriteResult {
  readonly file: RewrittenFile;
  readonly needs: RuntimeNeeds;
}

/** The facts grouped by file, once per fact list (a compile rewrites thousands of unit files from one list). */
const factsByFile = new WeakMap<readonly Fact[], { readonly objects: readonly Fact[]; readonly byFile: ReadonlyMap<string, readonly Fact[]> }>();

/**
 * What the edits of one file look at: the facts written in it, and every app and router (a mount
 * in this file names a router defined in another). Without the grouping each file would scan every
 * fact of the project, once per unit carrying it.
 */
function factsFor(facts: readonly Fact[], file: string): readonly Fact[] {
  let grouped = factsByFile.get(facts);
  if (!grouped) {
    const byFile = new Map<string, Fact[]>();
    const objects: Fact[] = [];
    for (const fact of facts) {
      if (fact.kind === "http_app" || fact.kind === "http_router") objects.push(fact);
      else {
        const inFile = byFile.get(fact.range.file);
        if (inFile) inFile.push(fact);
        else byFile.set(fact.range.file, [fact]);
      }
    }
    grouped = { objects, byFile };
    factsByFile.set(facts, grouped);
  }
  return [...grouped.objects, ...(grouped.byFile.get(file) ?? [])];
}

/**
 * Applies the unit's edits to one file with magic-string on AST positions: untouched code keeps
 * its formatting, comments and line numbers; a changed file gets a source map to the original.
 */
export function rewriteFile(input: RewriteInput): RewriteResult {
  const { parsed } = input;
  const code = new MagicString(parsed.file.text);
  const needs = emptyNeeds();
  const context: EditContext = {
    parsed,
    code,
    unit: input.unit,
    unitFiles: input.unitFiles,
    lambda: input.lambda,
    runtime: runtimeReferences(parsed, code, needs),
    needs,
    ...guardedEdits(code),
  };
  const nodes = indexNodes(parsed.ast.program);
  const facts = factsFor(input.facts, parsed.file.path);
  replaceListen(context, nodes, input.annotations, facts);
  dropOtherUnits(context, nodes, facts, input.resolve);
  rewriteStores(context, nodes, input.annotations, facts);
  rewriteServices(context, nodes, input.annotations, facts, input.topicsOf);
  pinLocalSpecifiers(context, nodes, input.resolve);
  if (!code.hasChanged()) return { file: { path: parsed.file.path, text: parsed.file.text }, needs };
  const map = code.generateMap({ source: parsed.file.path, file: parsed.file.path, includeContent: true, hires: "boundary" });
  return { file: { path: parsed.file.path, text: code.toString(), map: map.toString() }, needs };
}
